import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getCollectionForShop, listProductsNotInCollection } from "@/db/queries/catalog";
import { requireShopPermission } from "@/lib/auth/session";
import { NoPermission } from "@/components/dashboard/no-permission";
import { formatMoney } from "@/lib/money";
import { PageHeader } from "@/components/ui/page-header";
import { CollectionForm, DeleteCollection } from "@/components/dashboard/catalog/collection-form";
import { CollectionProducts } from "@/components/dashboard/catalog/collection-products";
import { Notice } from "@/components/dashboard/catalog/notice";

export const metadata: Metadata = { title: "Edit collection" };

export default async function EditCollectionPage({
  params,
  searchParams,
}: {
  params: Promise<{ shop: string; collectionId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { shop: slug, collectionId } = await params;
  const { shop, refusal } = await requireShopPermission(slug, "catalog.manage");
  if (refusal) return <NoPermission title="Collection" message={refusal} shopSlug={shop.slug} />;
  const collection = await getCollectionForShop(shop.id, collectionId);
  if (!collection) notFound();
  const choices = await listProductsNotInCollection(shop.id, collection.id);
  const notice = (await searchParams).notice;
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
      <PageHeader
        title={collection.name}
        description={`${collection.products.length} product${collection.products.length === 1 ? "" : "s"}`}
        actions={
          <DeleteCollection
            shopSlug={shop.slug}
            collectionId={collection.id}
            name={collection.name}
          />
        }
      />
      <Notice notice={typeof notice === "string" ? notice : undefined} subject="Collection" />
      <div className="max-w-3xl space-y-6">
        <CollectionForm
          shopSlug={shop.slug}
          collection={{
            id: collection.id,
            name: collection.name,
            slug: collection.slug,
            description: collection.description,
          }}
        />
        <CollectionProducts
          shopSlug={shop.slug}
          collectionId={collection.id}
          products={collection.products.map((p) => ({
            id: p.id,
            name: p.name,
            status: p.status,
            price: formatMoney(p.priceMin, shop.currency),
            imageUrl: p.imageUrl,
          }))}
          choices={choices}
        />
      </div>
    </>
  );
}
