import type { Metadata } from "next";
import Link from "next/link";
import { listProductsForShop, type ProductListSort } from "@/db/queries/catalog";
import { requireShopMember } from "@/lib/auth/session";
import { formatMoney } from "@/lib/money";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { controlClasses } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { Notice } from "@/components/dashboard/catalog/notice";
import { ProductStatusBadge } from "@/components/dashboard/catalog/status-badge";

export const metadata: Metadata = { title: "Products" };

const STATUSES = ["active", "draft", "archived"] as const;
const SORTS: { value: ProductListSort; label: string }[] = [
  { value: "newest", label: "Newest first" },
  { value: "oldest", label: "Oldest first" },
  { value: "name", label: "Name A–Z" },
  { value: "price-asc", label: "Price, low to high" },
  { value: "price-desc", label: "Price, high to low" },
];
const PER_PAGE = 20;

function one(v: string | string[] | undefined) {
  return Array.isArray(v) ? v[0] : v;
}

export default async function ProductsPage({
  params,
  searchParams,
}: {
  params: Promise<{ shop: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { shop: slug } = await params;
  const { shop } = await requireShopMember(slug);
  const sp = await searchParams;
  const q = (one(sp.q) ?? "").slice(0, 100);
  const statusParam = one(sp.status);
  const status = STATUSES.find((s) => s === statusParam);
  const sort = SORTS.find((s) => s.value === one(sp.sort))?.value ?? "newest";
  const page = Math.max(1, Math.floor(Number(one(sp.page)) || 1));
  const { items, total } = await listProductsForShop(shop.id, {
    search: q,
    status,
    sort,
    page,
    perPage: PER_PAGE,
  });
  const pages = Math.max(1, Math.ceil(total / PER_PAGE));
  const filtered = Boolean(q || status);
  const base = `/dashboard/${shop.slug}/products`;
  const pageHref = (p: number) => {
    const u = new URLSearchParams();
    if (q) u.set("q", q);
    if (status) u.set("status", status);
    if (sort !== "newest") u.set("sort", sort);
    if (p > 1) u.set("page", String(p));
    const s = u.toString();
    return s ? `${base}?${s}` : base;
  };
  const price = (min: number, max: number) =>
    min === max
      ? formatMoney(min, shop.currency)
      : `${formatMoney(min, shop.currency)} – ${formatMoney(max, shop.currency)}`;
  const stock = (p: (typeof items)[number]) =>
    !p.trackStock ? (
      <span className="text-zinc-500">Not tracked</span>
    ) : p.stockTotal === 0 ? (
      <span className="font-medium text-red-700">Sold out</span>
    ) : (
      <span>
        {p.stockTotal} in stock
        {p.variantCount > 1 ? (
          <span className="text-zinc-500"> · {p.variantCount} variants</span>
        ) : null}
      </span>
    );

  return (
    <>
      <PageHeader
        title="Products"
        description="Everything you sell. Only active products appear in your storefront."
        actions={
          <Link href={`${base}/new`} className={buttonClasses()}>
            Add product
          </Link>
        }
      />
      <Notice notice={one(sp.notice)} subject="Product" />
      <form
        role="search"
        aria-label="Filter products"
        method="get"
        action={base}
        className="mb-4 grid gap-3 rounded-xl border border-zinc-200 bg-white p-3 shadow-sm sm:grid-cols-[1fr_10rem_12rem_auto] sm:items-end"
      >
        <div>
          <label htmlFor="q" className="mb-1 block text-xs font-medium text-zinc-600">
            Search
          </label>
          <input
            id="q"
            name="q"
            type="search"
            defaultValue={q}
            placeholder="Name or SKU"
            className={controlClasses(false, "h-9")}
          />
        </div>
        <div>
          <label htmlFor="status" className="mb-1 block text-xs font-medium text-zinc-600">
            Status
          </label>
          <select
            id="status"
            name="status"
            defaultValue={status ?? ""}
            className={controlClasses(false, "h-9")}
          >
            <option value="">All statuses</option>
            <option value="active">Active</option>
            <option value="draft">Draft</option>
            <option value="archived">Archived</option>
          </select>
        </div>
        <div>
          <label htmlFor="sort" className="mb-1 block text-xs font-medium text-zinc-600">
            Sort by
          </label>
          <select
            id="sort"
            name="sort"
            defaultValue={sort}
            className={controlClasses(false, "h-9")}
          >
            {SORTS.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className={buttonClasses({ variant: "secondary", className: "h-9" })}>
          Apply
        </button>
      </form>

      {items.length === 0 ? (
        filtered ? (
          <EmptyState
            title="No products match"
            description="Try another search or status."
            action={
              <Link href={base} className={buttonClasses({ variant: "secondary" })}>
                Clear filters
              </Link>
            }
          />
        ) : (
          <EmptyState
            title="No products yet"
            description="Add your first product: a name, a price and a photo are enough to start."
            action={
              <Link href={`${base}/new`} className={buttonClasses()}>
                Add product
              </Link>
            }
          />
        )
      ) : (
        <div className="overflow-hidden rounded-xl border border-zinc-200 bg-white shadow-sm">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">
              Products, {total} in total, page {page} of {pages}
            </caption>
            <thead className="hidden border-b border-zinc-200 bg-zinc-50 text-xs tracking-wide text-zinc-600 uppercase md:table-header-group">
              <tr>
                <th scope="col" className="px-4 py-3 font-medium">
                  Product
                </th>
                <th scope="col" className="px-4 py-3 font-medium">
                  Status
                </th>
                <th scope="col" className="px-4 py-3 font-medium">
                  Inventory
                </th>
                <th scope="col" className="px-4 py-3 text-right font-medium">
                  Price
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100">
              {items.map((p) => (
                <tr
                  key={p.id}
                  className="grid grid-cols-[3.5rem_1fr_auto] gap-x-3 gap-y-1 p-4 hover:bg-zinc-50 md:table-row md:p-0"
                >
                  <td className="row-span-3 md:table-cell md:w-auto md:px-4 md:py-3">
                    <div className="flex items-center gap-3">
                      {p.imageUrl ? (
                        // eslint-disable-next-line @next/next/no-img-element -- served by our image route
                        <img
                          src={p.imageUrl}
                          alt=""
                          className="size-12 shrink-0 rounded-lg border border-zinc-200 object-cover"
                        />
                      ) : (
                        <div
                          className="flex size-12 shrink-0 items-center justify-center rounded-lg border border-dashed border-zinc-300 text-xs text-zinc-400"
                          aria-hidden="true"
                        >
                          No image
                        </div>
                      )}
                      <div className="hidden min-w-0 md:block">
                        <Link
                          href={`${base}/${p.id}`}
                          className="font-medium text-zinc-900 hover:text-brand-700 hover:underline"
                        >
                          {p.name}
                        </Link>
                        {p.skus[0] ? (
                          <p className="text-xs text-zinc-500">SKU {p.skus[0]}</p>
                        ) : null}
                      </div>
                    </div>
                  </td>
                  <td className="min-w-0 md:hidden">
                    <Link
                      href={`${base}/${p.id}`}
                      className="block truncate font-medium text-zinc-900 hover:text-brand-700"
                    >
                      {p.name}
                    </Link>
                  </td>
                  <td className="text-right md:table-cell md:px-4 md:py-3 md:text-left">
                    <ProductStatusBadge status={p.status} />
                  </td>
                  <td className="col-start-2 text-zinc-700 md:table-cell md:px-4 md:py-3">
                    {stock(p)}
                  </td>
                  <td className="col-start-2 font-medium text-zinc-900 tabular-nums md:table-cell md:px-4 md:py-3 md:text-right">
                    {price(p.priceMin, p.priceMax)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {total > 0 ? (
        <nav
          aria-label="Pagination"
          className="mt-4 flex items-center justify-between gap-3 text-sm text-zinc-600"
        >
          <p>
            Showing {(page - 1) * PER_PAGE + 1}–{Math.min(page * PER_PAGE, total)} of {total}
          </p>
          <div className="flex gap-2">
            {page > 1 ? (
              <Link
                href={pageHref(page - 1)}
                className={buttonClasses({ variant: "secondary", size: "sm" })}
                rel="prev"
              >
                Previous page
              </Link>
            ) : null}
            {page < pages ? (
              <Link
                href={pageHref(page + 1)}
                className={buttonClasses({ variant: "secondary", size: "sm" })}
                rel="next"
              >
                Next page
              </Link>
            ) : null}
          </div>
        </nav>
      ) : null}
    </>
  );
}
