import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getProductForShop } from "@/db/queries/catalog";
import { requireShopPermission } from "@/lib/auth/session";
import { NoPermission } from "@/components/dashboard/no-permission";
import { formatMoney, minorToDecimalString } from "@/lib/money";
import { PageHeader } from "@/components/ui/page-header";
import { ImageManager } from "@/components/dashboard/catalog/image-manager";
import { Notice } from "@/components/dashboard/catalog/notice";
import { OptionsForm } from "@/components/dashboard/catalog/options-form";
import { ProductActionsPanel } from "@/components/dashboard/catalog/product-actions-panel";
import { ProductForm } from "@/components/dashboard/catalog/product-form";
import { ProductStatusBadge } from "@/components/dashboard/catalog/status-badge";
import { VariantsForm } from "@/components/dashboard/catalog/variants-form";

export const metadata: Metadata = { title: "Edit product" };

export default async function EditProductPage({
  params,
  searchParams,
}: {
  params: Promise<{ shop: string; productId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { shop: slug, productId } = await params;
  const { shop, refusal } = await requireShopPermission(slug, "catalog.manage");
  if (refusal) return <NoPermission title="Product" message={refusal} shopSlug={shop.slug} />;
  const product = await getProductForShop(shop.id, productId);
  if (!product) notFound();
  const notice = (await searchParams).notice;
  const money = (minor: number | null) =>
    minor === null ? "" : minorToDecimalString(minor, shop.currency);
  const single = product.variants[0];
  const hasOptions = product.options.length > 0;
  const prices = product.variants.map((v) => v.price);
  const min = Math.min(...prices);
  const max = Math.max(...prices);

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
        title={product.name}
        description={
          <span className="inline-flex flex-wrap items-center gap-2">
            <ProductStatusBadge status={product.status} />
            <span>
              {min === max
                ? formatMoney(min, shop.currency)
                : `${formatMoney(min, shop.currency)} – ${formatMoney(max, shop.currency)}`}
            </span>
            <span aria-hidden="true">·</span>
            <span>
              {product.variants.length} variant{product.variants.length === 1 ? "" : "s"}
            </span>
          </span>
        }
      />
      <Notice notice={typeof notice === "string" ? notice : undefined} subject="Product" />
      <div className="grid gap-6 xl:grid-cols-[1fr_18rem] xl:items-start">
        <div className="min-w-0 space-y-6">
          <ProductForm
            shopSlug={shop.slug}
            currency={shop.currency}
            product={{
              id: product.id,
              name: product.name,
              slug: product.slug,
              description: product.description,
              status: product.status,
              trackStock: product.trackStock,
              hasOptions,
              price: money(single?.price ?? 0),
              compareAtPrice: money(single?.compareAtPrice ?? null),
              sku: single?.sku ?? "",
              stock: String(single?.stock ?? 0),
            }}
          />
          <ImageManager
            shopSlug={shop.slug}
            productId={product.id}
            images={product.images.map((i) => ({
              id: i.id,
              url: i.url,
              thumbnailUrl: i.thumbnailUrl,
              alt: i.alt,
              width: i.width,
              height: i.height,
            }))}
          />
          <OptionsForm shopSlug={shop.slug} productId={product.id} options={product.options} />
          {hasOptions ? (
            <VariantsForm
              shopSlug={shop.slug}
              productId={product.id}
              currency={shop.currency}
              trackStock={product.trackStock}
              variants={product.variants.map((v) => ({
                id: v.id,
                title: v.optionValues.join(" / "),
                price: money(v.price),
                compareAtPrice: money(v.compareAtPrice),
                sku: v.sku ?? "",
                stock: v.stock,
              }))}
            />
          ) : null}
        </div>
        <div className="space-y-6 xl:sticky xl:top-6">
          <ProductActionsPanel
            shopSlug={shop.slug}
            productId={product.id}
            productName={product.name}
            status={product.status}
          />
        </div>
      </div>
    </>
  );
}
