import type { Metadata } from "next";
import Link from "next/link";
import { requireShopPermission } from "@/lib/auth/session";
import { NoPermission } from "@/components/dashboard/no-permission";
import { PageHeader } from "@/components/ui/page-header";
import { ContentPageForm } from "@/components/dashboard/storefront/content-page-form";

export const metadata: Metadata = { title: "New page" };

export default async function NewContentPage({ params }: { params: Promise<{ shop: string }> }) {
  const { shop: slug } = await params;
  const { shop, refusal } = await requireShopPermission(slug, "storefront.design");
  if (refusal) return <NoPermission title="New page" message={refusal} shopSlug={shop.slug} />;
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
