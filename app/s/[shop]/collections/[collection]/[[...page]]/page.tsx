import type { Metadata } from "next";
import { shopRef, shopHref, canonicalShopUrl } from "@/lib/storefront/links";
import { notFound } from "next/navigation";
import {
  COLLECTION_PAGE_SIZE,
  PLACEHOLDER,
  getCollectionPage,
  getStorefront,
} from "@/lib/storefront/data";
import { env } from "@/lib/env";
import { markdownToPlainText } from "@/lib/markdown";
import { Pagination } from "@/components/storefront/pagination";
import { ProductGrid } from "@/components/storefront/product-card";
import { Prose } from "@/components/storefront/prose";

// Pages live in the path (/collections/x/2), not the query string, so every page is cacheable.
type Props = { params: Promise<{ shop: string; collection: string; page?: string[] }> };

function pageNumber(segments: string[] | undefined) {
  if (!segments || segments.length === 0) return 1;
  if (segments.length > 1 || !/^[1-9]\d{0,4}$/.test(segments[0] ?? "")) return null;
  return Number(segments[0]);
}

export function generateStaticParams() {
  return [{ shop: PLACEHOLDER, collection: PLACEHOLDER, page: [] }];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { shop: shopParam, collection, page: segments } = await params;
  const { slug } = shopRef(shopParam);
  const storefront = await getStorefront(slug);
  const page = pageNumber(segments);
  if (!storefront || page === null) return {};
  const data = await getCollectionPage(storefront.shop.id, collection, page);
  if (!data) return { title: "Not found", robots: { index: false } };
  return {
    title: page > 1 ? `${data.name} — page ${page}` : data.name,
    description:
      markdownToPlainText(data.description, 160) || `${data.name} at ${storefront.shop.name}.`,
    alternates: {
      canonical: canonicalShopUrl(slug, `/collections/${data.slug}`, {
        appUrl: env().APP_URL,
        rootDomain: env().ROOT_DOMAIN,
      }),
    },
  };
}

export default async function CollectionPage({ params }: Props) {
  const { shop: shopParam, collection, page: segments } = await params;
  const { slug, base } = shopRef(shopParam);
  const storefront = await getStorefront(slug);
  const page = pageNumber(segments);
  if (!storefront || page === null) notFound();
  const { shop } = storefront;
  const data = await getCollectionPage(shop.id, collection, page);
  if (!data || (page > 1 && data.products.length === 0)) notFound();
  const pageCount = Math.max(1, Math.ceil(data.total / COLLECTION_PAGE_SIZE));
  return (
    <div className="mx-auto max-w-6xl px-4 py-10 sm:px-6 sm:py-14">
      <header className="mb-10 max-w-2xl">
        <h1 className="font-[family-name:var(--sf-font-heading)] text-3xl font-semibold tracking-tight sm:text-4xl">
          {data.name}
        </h1>
        {data.description ? (
          <div className="mt-3">
            <Prose markdown={data.description} />
          </div>
        ) : null}
        <p className="mt-3 text-sm text-zinc-600">
          {data.total} {data.total === 1 ? "product" : "products"}
        </p>
      </header>
      {data.products.length > 0 ? (
        <ProductGrid products={data.products} shopBase={base} currency={shop.currency} />
      ) : (
        <p className="rounded-[var(--sf-radius)] border border-dashed border-zinc-300 px-6 py-12 text-center text-zinc-600">
          Nothing in this collection yet.
        </p>
      )}
      <Pagination
        page={page}
        pageCount={pageCount}
        hrefFor={(n) => shopHref(base, `/collections/${data.slug}${n > 1 ? `/${n}` : ""}`)}
      />
    </div>
  );
}
