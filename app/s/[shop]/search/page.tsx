import type { Metadata } from "next";
import { shopRef, shopHref } from "@/lib/storefront/links";
import { queryValue } from "@/lib/search-params";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { Suspense } from "react";
import type { ProductSort } from "@/db/queries/catalog-public";
import { getStorefront, searchCatalog, type Storefront } from "@/lib/storefront/data";
import { parseMoney } from "@/lib/money";
import { Pagination } from "@/components/storefront/pagination";
import { ProductGrid } from "@/components/storefront/product-card";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
type Props = { params: Promise<{ shop: string }>; searchParams: SearchParams };

const PAGE_SIZE = 24;
const SORTS: { value: ProductSort; label: string }[] = [
  { value: "newest", label: "Newest" },
  { value: "price-asc", label: "Price: low to high" },
  { value: "price-desc", label: "Price: high to low" },
  { value: "name", label: "Name" },
];

export const metadata: Metadata = { title: "Search", robots: { index: false } };

export default async function SearchPage({ params, searchParams }: Props) {
  // Per request, never a cached page: the first render of an uncached URL would not see the
  // shopper's cookie or query string.
  await connection();
  const { slug, base } = shopRef((await params).shop);
  const storefront = await getStorefront(slug);
  if (!storefront) notFound();
  return (
    <div className="mx-auto max-w-6xl px-4 py-10 sm:px-6 sm:py-14">
      <h1 className="font-[family-name:var(--sf-font-heading)] text-3xl font-semibold tracking-tight">
        Shop all
      </h1>
      <Suspense fallback={<p className="mt-8 text-zinc-600">Loading products…</p>}>
        <Results storefront={storefront} base={base} searchParams={searchParams} />
      </Suspense>
    </div>
  );
}

function one(value: string | string[] | undefined) {
  return queryValue(value, 100) ?? "";
}

async function Results({
  storefront,
  base,
  searchParams,
}: {
  storefront: Storefront;
  base: string;
  searchParams: SearchParams;
}) {
  const { shop, collections } = storefront;
  const sp = await searchParams;
  const q = one(sp.q).trim();
  const minRaw = one(sp.min).trim();
  const maxRaw = one(sp.max).trim();
  const inStock = one(sp.instock) === "1";
  const collection = collections.find((c) => c.slug === one(sp.collection));
  const sort = SORTS.find((s) => s.value === one(sp.sort))?.value ?? "newest";
  const pageRaw = Number(one(sp.page));
  const page = Number.isInteger(pageRaw) && pageRaw > 0 && pageRaw < 10_000 ? pageRaw : 1;
  const errors: { min?: string; max?: string } = {};
  const min = minRaw ? parseMoney(minRaw, shop.currency) : null;
  const max = maxRaw ? parseMoney(maxRaw, shop.currency) : null;
  if (min && !min.ok) errors.min = "Enter a price such as 10 or 9.99.";
  if (max && !max.ok) errors.max = "Enter a price such as 10 or 9.99.";

  const { items, total } = await searchCatalog(shop.id, {
    search: q || undefined,
    minPrice: min?.ok ? min.minor : undefined,
    maxPrice: max?.ok ? max.minor : undefined,
    inStock: inStock || undefined,
    collectionSlug: collection?.slug,
    sort,
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  });
  const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const query = (n: number) => {
    const next = new URLSearchParams();
    if (q) next.set("q", q);
    if (minRaw) next.set("min", minRaw);
    if (maxRaw) next.set("max", maxRaw);
    if (inStock) next.set("instock", "1");
    if (collection) next.set("collection", collection.slug);
    if (sort !== "newest") next.set("sort", sort);
    if (n > 1) next.set("page", String(n));
    const s = next.toString();
    return shopHref(base, `/search${s ? `?${s}` : ""}`);
  };
  const input =
    "mt-1 h-10 w-full rounded-[var(--sf-radius-button)] border border-zinc-300 bg-white px-3 text-sm focus:border-[var(--sf-brand)] focus:outline-2 focus:outline-[var(--sf-brand)]";

  return (
    <div className="mt-8 grid gap-10 lg:grid-cols-[15rem_1fr]">
      <form action={shopHref(base, "/search")} className="space-y-5" aria-label="Filters">
        <div>
          <label htmlFor="search-q" className="text-sm font-medium">
            Search
          </label>
          <input id="search-q" name="q" type="search" defaultValue={q} className={input} />
        </div>
        <fieldset className="grid grid-cols-2 gap-3">
          <legend className="col-span-2 text-sm font-medium">Price ({shop.currency})</legend>
          <div>
            <label htmlFor="search-min" className="text-xs text-zinc-700">
              Min price
            </label>
            <input
              id="search-min"
              name="min"
              inputMode="decimal"
              defaultValue={minRaw}
              aria-invalid={errors.min ? true : undefined}
              aria-describedby={errors.min ? "search-min-error" : undefined}
              className={input}
            />
            {errors.min ? (
              <p id="search-min-error" className="mt-1 text-xs font-medium text-red-700">
                {errors.min}
              </p>
            ) : null}
          </div>
          <div>
            <label htmlFor="search-max" className="text-xs text-zinc-700">
              Max price
            </label>
            <input
              id="search-max"
              name="max"
              inputMode="decimal"
              defaultValue={maxRaw}
              aria-invalid={errors.max ? true : undefined}
              aria-describedby={errors.max ? "search-max-error" : undefined}
              className={input}
            />
            {errors.max ? (
              <p id="search-max-error" className="mt-1 text-xs font-medium text-red-700">
                {errors.max}
              </p>
            ) : null}
          </div>
        </fieldset>
        {collections.length > 0 ? (
          <div>
            <label htmlFor="search-collection" className="text-sm font-medium">
              Collection
            </label>
            <select
              id="search-collection"
              name="collection"
              defaultValue={collection?.slug ?? ""}
              className={input}
            >
              <option value="">All collections</option>
              {collections.map((c) => (
                <option key={c.id} value={c.slug}>
                  {c.name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div>
          <label htmlFor="search-sort" className="text-sm font-medium">
            Sort by
          </label>
          <select id="search-sort" name="sort" defaultValue={sort} className={input}>
            {SORTS.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </div>
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            name="instock"
            value="1"
            defaultChecked={inStock}
            className="h-4 w-4 accent-[var(--sf-brand)]"
          />
          In stock only
        </label>
        <button
          type="submit"
          className="h-10 w-full rounded-[var(--sf-radius-button)] bg-[var(--sf-brand)] text-sm font-semibold text-[var(--sf-on-brand)] hover:opacity-90"
        >
          Apply filters
        </button>
      </form>
      <section aria-label="Results">
        <p className="mb-6 text-sm text-zinc-700" role="status">
          {total} {total === 1 ? "product" : "products"}
          {q ? ` for “${q}”` : ""}
        </p>
        {items.length > 0 ? (
          <ProductGrid products={items} shopBase={base} currency={shop.currency} />
        ) : (
          <p className="rounded-[var(--sf-radius)] border border-dashed border-zinc-300 px-6 py-12 text-center text-zinc-600">
            No products match. Try fewer filters or another search.
          </p>
        )}
        <Pagination page={page} pageCount={pageCount} hrefFor={query} />
      </section>
    </div>
  );
}
