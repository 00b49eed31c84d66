import type { Metadata } from "next";
import Link from "next/link";
import { requireShopPermission } from "@/lib/auth/session";
import { NoPermission } from "@/components/dashboard/no-permission";
import { PageHeader } from "@/components/ui/page-header";
import { ProductForm } from "@/components/dashboard/catalog/product-form";

export const metadata: Metadata = { title: "Add product" };

export default async function NewProductPage({ params }: { params: Promise<{ shop: string }> }) {
  const { shop: slug } = await params;
  const { shop, refusal } = await requireShopPermission(slug, "catalog.manage");
  if (refusal) return <NoPermission title="New product" message={refusal} shopSlug={shop.slug} />;
  return (
    <>
      <p className="mb-2 text-sm">
        <Link
          href={`/dashboard/${shop.slug}/products`}
          className="text-zinc-600 hover:text-zinc-900"
        >
          ← Products
        </Link>
      </p>
      <PageHeader
        title="Add product"
        description="Start with the basics; add images and options such as size or colour next."
      />
      <div className="max-w-3xl">
        <ProductForm shopSlug={shop.slug} currency={shop.currency} />
      </div>
    </>
  );
}
