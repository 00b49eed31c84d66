import type { Metadata } from "next";
import { queryValue } from "@/lib/search-params";
import Link from "next/link";
import { listProductsForShop, type ProductListSort } from "@/db/queries/catalog";
import { requireShopPermission } from "@/lib/auth/session";
import { NoPermission } from "@/components/dashboard/no-permission";
import { formatMoney } from "@/lib/money";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { DataCell, DataRow, DataTable } from "@/components/ui/data-table";
import { FilterForm, FilterInput, FilterSelect, NoMatches } from "@/components/ui/list-filters";
import { PageHeader } from "@/components/ui/page-header";
import { RangePagination } from "@/components/ui/pagination";
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

const one = (v: string | string[] | undefined) => queryValue(v);

export default async function ProductsPage({
  params,
  searchParams,
}: {
  params: Promise<{ shop: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { shop: slug } = await params;
  const { shop, refusal } = await requireShopPermission(slug, "catalog.manage");
  if (refusal) return <NoPermission title="Products" message={refusal} shopSlug={shop.slug} />;
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
      <FilterForm
        label="Filter products"
        action={base}
        look="compact"
        columns="sm:grid-cols-[1fr_10rem_12rem_auto]"
      >
        <FilterInput
          id="q"
          name="q"
          type="search"
          label="Search"
          look="compact"
          defaultValue={q}
          placeholder="Name or SKU"
        />
        <FilterSelect
          id="status"
          name="status"
          label="Status"
          look="compact"
          defaultValue={status ?? ""}
        >
          <option value="">All statuses</option>
          <option value="active">Active</option>
          <option value="draft">Draft</option>
          <option value="archived">Archived</option>
        </FilterSelect>
        <FilterSelect id="sort" name="sort" label="Sort by" look="compact" defaultValue={sort}>
          {SORTS.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </FilterSelect>
      </FilterForm>

      {items.length === 0 ? (
        filtered ? (
          <NoMatches
            title="No products match"
            description="Try another search or status."
            clearHref={base}
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
        <DataTable
          caption={`Products, ${total} in total, page ${page} of ${pages}`}
          stackBelow="md"
          columns={[
            { label: "Product" },
            { label: "Status" },
            { label: "Inventory" },
            { label: "Price", className: "text-right" },
          ]}
        >
          {items.map((p) => (
            <DataRow
              key={p.id}
              stackBelow="md"
              className="grid grid-cols-[3.5rem_1fr_auto] gap-x-3 gap-y-1 p-4 hover:bg-zinc-50"
            >
              <DataCell stackBelow="md" className="row-span-3 md:w-auto">
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
                    {p.skus[0] ? <p className="text-xs text-zinc-500">SKU {p.skus[0]}</p> : null}
                  </div>
                </div>
              </DataCell>
              <DataCell stackBelow="md" phoneOnly className="min-w-0">
                <Link
                  href={`${base}/${p.id}`}
                  className="block truncate font-medium text-zinc-900 hover:text-brand-700"
                >
                  {p.name}
                </Link>
              </DataCell>
              <DataCell stackBelow="md" className="text-right md:text-left">
                <ProductStatusBadge status={p.status} />
              </DataCell>
              <DataCell stackBelow="md" className="col-start-2 text-zinc-700">
                {stock(p)}
              </DataCell>
              <DataCell
                stackBelow="md"
                className="col-start-2 font-medium text-zinc-900 tabular-nums md:text-right"
              >
                {price(p.priceMin, p.priceMax)}
              </DataCell>
            </DataRow>
          ))}
        </DataTable>
      )}
      <RangePagination page={page} pageSize={PER_PAGE} total={total} hrefFor={pageHref} />
    </>
  );
}
