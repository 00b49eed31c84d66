import type { Metadata } from "next";
import { shopRef, canonicalShopUrl } from "@/lib/storefront/links";
import { notFound } from "next/navigation";
import { PLACEHOLDER, getProductPage, getStorefront } from "@/lib/storefront/data";
import { env } from "@/lib/env";

const hostConfig = () => ({ appUrl: env().APP_URL, rootDomain: env().ROOT_DOMAIN });
import { markdownToPlainText } from "@/lib/markdown";
import { formatMoney, minorToDecimalString } from "@/lib/money";
import { AddToCartForm } from "@/components/storefront/add-to-cart-form";
import { ProductGallery } from "@/components/storefront/product-gallery";
import { Prose } from "@/components/storefront/prose";

type Props = { params: Promise<{ shop: string; product: string }> };

function summary(markdown: string, fallback: string) {
  return markdownToPlainText(markdown, 160) || fallback;
}

export function generateStaticParams() {
  return [{ shop: PLACEHOLDER, product: PLACEHOLDER }];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { shop: shopParam, product: productSlug } = await params;
  const { slug } = shopRef(shopParam);
  const storefront = await getStorefront(slug);
  if (!storefront) return {};
  const product = await getProductPage(storefront.shop.id, productSlug);
  if (!product) return { title: "Not found", robots: { index: false } };
  const description = summary(product.description, `${product.name} from ${storefront.shop.name}.`);
  return {
    title: product.name,
    description,
    alternates: { canonical: canonicalShopUrl(slug, `/products/${product.slug}`, hostConfig()) },
    openGraph: {
      title: product.name,
      description,
      type: "website",
      siteName: storefront.shop.name,
    },
  };
}

export default async function ProductPage({ params }: Props) {
  const { shop: shopParam, product: productSlug } = await params;
  const { slug } = shopRef(shopParam);
  const storefront = await getStorefront(slug);
  if (!storefront) notFound();
  const { shop } = storefront;
  const product = await getProductPage(shop.id, productSlug);
  if (!product) notFound();

  const jsonLd = {
    "@context": "https://schema.org",
    "@type": "Product",
    name: product.name,
    description: summary(product.description, product.name),
    image: product.images.map((i) => i.url),
    sku: product.variants[0]?.sku ?? undefined,
    brand: { "@type": "Brand", name: shop.name },
    offers: product.variants.map((v) => ({
      "@type": "Offer",
      sku: v.sku ?? undefined,
      price: minorToDecimalString(v.price, shop.currency),
      priceCurrency: shop.currency,
      availability:
        storefront.acceptingOrders && v.available
          ? "https://schema.org/InStock"
          : "https://schema.org/OutOfStock",
      url: canonicalShopUrl(slug, `/products/${product.slug}`, hostConfig()),
    })),
  };

  return (
    <div className="mx-auto max-w-6xl px-4 py-8 sm:px-6 sm:py-12">
      <script
        type="application/ld+json"
        // JSON-LD must be raw JSON; "<" is escaped so product text cannot close the tag.
        dangerouslySetInnerHTML={{ __html: JSON.stringify(jsonLd).replace(/</g, "\\u003c") }}
      />
      <div className="grid gap-10 lg:grid-cols-2 lg:gap-16">
        <ProductGallery images={product.images} name={product.name} />
        <div>
          <h1 className="font-[family-name:var(--sf-font-heading)] text-3xl font-semibold tracking-tight sm:text-4xl">
            {product.name}
          </h1>
          <div className="mt-6">
            {storefront.acceptingOrders ? (
              <AddToCartForm
                shopSlug={shop.slug}
                currency={shop.currency}
                options={product.options}
                variants={product.variants.map((v) => ({
                  id: v.id,
                  optionValues: v.optionValues,
                  price: v.price,
                  compareAtPrice: v.compareAtPrice,
                  stock: v.stock,
                }))}
              />
            ) : (
              <ClosedProductInfo
                currency={shop.currency}
                priceMin={product.priceMin}
                priceMax={product.priceMax}
              />
            )}
          </div>
          {product.description ? (
            <div className="mt-10 border-t border-zinc-200 pt-8">
              <h2 className="sr-only">Description</h2>
              <Prose markdown={product.description} />
            </div>
          ) : null}
        </div>
      </div>
    </div>
  );
}

function ClosedProductInfo({
  currency,
  priceMin,
  priceMax,
}: {
  currency: string;
  priceMin: number;
  priceMax: number;
}) {
  return (
    <div className="space-y-4">
      <p className="text-2xl font-semibold">
        {priceMin !== priceMax ? "From " : ""}
        {formatMoney(priceMin, currency)}
      </p>
      <p
        role="status"
        className="rounded-[var(--sf-radius)] border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-950"
      >
        This shop is not accepting orders right now. Please check back later.
      </p>
    </div>
  );
}
