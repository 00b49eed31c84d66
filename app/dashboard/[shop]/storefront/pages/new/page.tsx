import type { Metadata } from "next";
import Link from "next/link";
import { requireShopMember } from "@/lib/auth/session";
import { PageHeader } from "@/components/ui/page-header";
import { ContentPageForm } from "@/components/dashboard/storefront/content-page-form";

export const metadata: Metadata = { title: "New page" };

export default async function NewContentPage({ params }: { params: Promise<{ shop: string }> }) {
  const { shop: slug } = await params;
  const { shop } = await requireShopMember(slug);
  return (
    <>
      <p className="mb-2 text-sm">
        <Link
          href={`/dashboard/${shop.slug}/storefront`}
          className="text-zinc-600 hover:text-zinc-900"
        >
          ← Storefront
        </Link>
      </p>
      <PageHeader
        title="New page"
        description="A page for your storefront, such as About or Shipping & returns."
      />
      <ContentPageForm shopSlug={shop.slug} />
    </>
  );
}
