import type { Metadata } from "next";
import Link from "next/link";
import { requireShopPermission } from "@/lib/auth/session";
import { NoPermission } from "@/components/dashboard/no-permission";
import { PageHeader } from "@/components/ui/page-header";
import { CollectionForm } from "@/components/dashboard/catalog/collection-form";

export const metadata: Metadata = { title: "Add collection" };

export default async function NewCollectionPage({ params }: { params: Promise<{ shop: string }> }) {
  const { shop: slug } = await params;
  const { shop, refusal } = await requireShopPermission(slug, "catalog.manage");
  if (refusal)
    return <NoPermission title="New collection" message={refusal} shopSlug={shop.slug} />;
  return (
    <>
      <p className="mb-2 text-sm">
        <Link
          href={`/dashboard/${shop.slug}/collections`}
          className="text-zinc-600 hover:text-zinc-900"
        >
          ← Collections
        </Link>
      </p>
      <PageHeader title="Add collection" description="Name it now; add products next." />
      <div className="max-w-3xl">
        <CollectionForm shopSlug={shop.slug} />
      </div>
    </>
  );
}
