import Link from "next/link";
import { shopRef, shopHref } from "@/lib/storefront/links";
import { notFound } from "next/navigation";
import { PLACEHOLDER, getHomeProducts, getStorefront } from "@/lib/storefront/data";
import { ProductGrid } from "@/components/storefront/product-card";
import { ResponsivePicture } from "@/components/storefront/responsive-picture";

type Props = { params: Promise<{ shop: string }> };

// A placeholder param lets the cached home page be stored per shop after its first visit.
// (Not on the layout: the per-shopper cart and search pages must always render per request.)
export function generateStaticParams() {
  return [{ shop: PLACEHOLDER }];
}

export default async function StorefrontHome({ params }: Props) {
  const { slug, base } = shopRef((await params).shop);
  const storefront = await getStorefront(slug);
  if (!storefront) notFound();
  const { shop, design, heroImageUrl, heroImage } = storefront;
  const { newest, featured } = await getHomeProducts(shop.id, design.featuredCollectionId);
  const headline = design.heroHeadline || shop.name;
  return (
    <>
      <section
        aria-labelledby="hero-title"
        className="relative isolate overflow-hidden bg-zinc-100"
      >
        {heroImageUrl ? (
          <>
            {heroImage ? (
              <ResponsivePicture
                image={heroImage}
                alt=""
                sizes="100vw"
                priority
                className="absolute inset-0 -z-10 h-full w-full object-cover"
              />
            ) : null}
            <div aria-hidden="true" className="absolute inset-0 -z-10 bg-black/45" />
          </>
        ) : (
          <div
            aria-hidden="true"
            className="absolute inset-0 -z-10 bg-[radial-gradient(circle_at_20%_20%,color-mix(in_srgb,var(--sf-brand)_18%,white),white_60%)]"
          />
        )}
        <div className="mx-auto max-w-6xl px-4 py-20 sm:px-6 sm:py-28">
          <div className={heroImageUrl ? "max-w-xl text-white" : "max-w-xl text-zinc-900"}>
            <h1
              id="hero-title"
              className="font-[family-name:var(--sf-font-heading)] text-4xl font-semibold tracking-tight text-balance sm:text-5xl"
            >
              {headline}
            </h1>
            {design.heroText ? (
              <p
                className={
                  heroImageUrl ? "mt-4 text-lg text-white/90" : "mt-4 text-lg text-zinc-700"
                }
              >
                {design.heroText}
              </p>
            ) : null}
            <div className="mt-8">
              <Link
                href={design.heroCtaHref || shopHref(base, "/search")}
                className="inline-flex h-12 items-center rounded-[var(--sf-radius-button)] bg-[var(--sf-brand)] px-6 text-base font-semibold text-[var(--sf-on-brand)] shadow-sm hover:opacity-90"
              >
                {design.heroCtaLabel || "Shop now"}
              </Link>
            </div>
          </div>
        </div>
      </section>

      {featured && featured.products.length > 0 ? (
        <section aria-labelledby="featured-title" className="mx-auto max-w-6xl px-4 pt-16 sm:px-6">
          <div className="mb-6 flex items-end justify-between gap-4">
            <h2
              id="featured-title"
              className="font-[family-name:var(--sf-font-heading)] text-2xl font-semibold tracking-tight"
            >
              {featured.name}
            </h2>
            <Link
              href={shopHref(base, `/collections/${featured.slug}`)}
              className="text-sm font-medium text-[var(--sf-brand-text)] underline-offset-4 hover:underline"
            >
              View all<span className="sr-only"> in {featured.name}</span>
            </Link>
          </div>
          <ProductGrid products={featured.products} shopBase={base} currency={shop.currency} />
        </section>
      ) : null}

      <section aria-labelledby="new-title" className="mx-auto max-w-6xl px-4 pt-16 sm:px-6">
        <div className="mb-6 flex items-end justify-between gap-4">
          <h2
            id="new-title"
            className="font-[family-name:var(--sf-font-heading)] text-2xl font-semibold tracking-tight"
          >
            New arrivals
          </h2>
          {newest.length > 0 ? (
            <Link
              href={shopHref(base, "/search")}
              className="text-sm font-medium text-[var(--sf-brand-text)] underline-offset-4 hover:underline"
            >
              Shop all
            </Link>
          ) : null}
        </div>
        {newest.length > 0 ? (
          <ProductGrid products={newest} shopBase={base} currency={shop.currency} />
        ) : (
          <p className="rounded-[var(--sf-radius)] border border-dashed border-zinc-300 px-6 py-12 text-center text-zinc-600">
            New products are on their way. Check back soon.
          </p>
        )}
      </section>
    </>
  );
}
