import Link from "next/link";
import type { PublicProductCard } from "@/lib/types";
import { shopHref } from "@/lib/storefront/links";
import { Price } from "./price";
import { ResponsivePicture } from "./responsive-picture";

// The grid: 2 columns, 3 from md, 4 from lg, inside max-w-6xl (1152px less padding).
const CARD_SIZES =
  "(min-width: 1152px) 264px, (min-width: 1024px) 24vw, (min-width: 768px) 32vw, 48vw";

export function ProductCard({
  product,
  shopBase,
  currency,
}: {
  product: PublicProductCard;
  shopBase: string;
  currency: string;
}) {
  const onSale = product.compareAtPrice !== null && product.compareAtPrice > product.priceMin;
  return (
    <li className="group relative flex flex-col">
      <div className="relative aspect-square overflow-hidden rounded-[var(--sf-radius)] bg-zinc-100">
        {product.image ? (
          <ResponsivePicture
            image={product.image.responsive}
            alt={product.image.alt || product.name}
            sizes={CARD_SIZES}
            className="h-full w-full object-cover transition-transform duration-300 group-hover:scale-[1.03]"
          />
        ) : (
          <div
            aria-hidden="true"
            className="flex h-full w-full items-center justify-center bg-gradient-to-br from-zinc-100 to-zinc-200 font-[family-name:var(--sf-font-heading)] text-4xl text-zinc-400"
          >
            {product.name.slice(0, 1)}
          </div>
        )}
        <div className="absolute top-2 left-2 flex flex-col items-start gap-1">
          {!product.inStock ? (
            <span className="rounded-[var(--sf-radius-button)] bg-zinc-900 px-2 py-0.5 text-xs font-semibold text-white">
              Sold out
            </span>
          ) : onSale ? (
            <span className="rounded-[var(--sf-radius-button)] bg-[var(--sf-accent)] px-2 py-0.5 text-xs font-semibold text-[var(--sf-on-accent)]">
              Sale
            </span>
          ) : null}
        </div>
      </div>
      <h3 className="mt-3 text-sm font-medium text-zinc-900">
        <Link
          href={shopHref(shopBase, `/products/${product.slug}`)}
          className="focus-visible:outline-none"
        >
          <span
            aria-hidden="true"
            className="absolute inset-0 rounded-[var(--sf-radius)] group-has-[:focus-visible]:outline-2 group-has-[:focus-visible]:outline-offset-4 group-has-[:focus-visible]:outline-[var(--sf-brand)]"
          />
          {product.name}
        </Link>
      </h3>
      <Price
        className="mt-1 text-sm text-zinc-900"
        amount={product.priceMin}
        compareAt={product.compareAtPrice}
        currency={currency}
        from={product.priceMax !== product.priceMin}
      />
    </li>
  );
}

export function ProductGrid({
  products,
  shopBase,
  currency,
  label,
}: {
  products: PublicProductCard[];
  shopBase: string;
  currency: string;
  label?: string;
}) {
  return (
    <ul
      aria-label={label}
      className="grid grid-cols-2 gap-x-4 gap-y-8 sm:gap-x-6 md:grid-cols-3 lg:grid-cols-4"
    >
      {products.map((p) => (
        <ProductCard key={p.id} product={p} shopBase={shopBase} currency={currency} />
      ))}
    </ul>
  );
}
