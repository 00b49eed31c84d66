import type { Metadata } from "next";
import { queryValue } from "@/lib/search-params";
import Link from "next/link";
import {
  ORDER_FILTER_LABELS,
  ORDER_FILTERS,
  listOrdersForShop,
  parseOrderFilter,
} from "@/db/queries/orders";
import { requireShopPermission } from "@/lib/auth/session";
import { NoPermission } from "@/components/dashboard/no-permission";
import { formatMoney } from "@/lib/money";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { DataCell, DataRow, DataTable } from "@/components/ui/data-table";
import { FilterForm, FilterInput, FilterSelect, NoMatches } from "@/components/ui/list-filters";
import { PageHeader } from "@/components/ui/page-header";
import { RangePagination } from "@/components/ui/pagination";
import { OrderBadges } from "./_components/order-badges";
import { formatDateTime } from "@/lib/format";

export const metadata: Metadata = { title: "Orders" };

const PER_PAGE = 25;

const one = (v: string | string[] | undefined) => queryValue(v);

export default async function OrdersPage({
  params,
  searchParams,
}: {
  params: Promise<{ shop: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { shop: slug } = await params;
  const { shop, refusal } = await requireShopPermission(slug, "orders.view");
  if (refusal) return <NoPermission title="Orders" message={refusal} shopSlug={shop.slug} />;
  const sp = await searchParams;
  const q = (one(sp.q) ?? "").trim().slice(0, 100);
  const filter = parseOrderFilter(one(sp.status));
  const page = Math.max(1, Math.min(10_000, Math.floor(Number(one(sp.page)) || 1)));
  const { items, total } = await listOrdersForShop(shop.id, {
    filter,
    search: q,
    page,
    perPage: PER_PAGE,
  });
  const pages = Math.max(1, Math.ceil(total / PER_PAGE));
  const base = `/dashboard/${shop.slug}/orders`;
  const query = (extra: Record<string, string>) => {
    const u = new URLSearchParams();
    if (q) u.set("q", q);
    if (filter !== "all") u.set("status", filter);
    for (const [k, v] of Object.entries(extra)) u.set(k, v);
    const s = u.toString();
    return s ? `?${s}` : "";
  };
  const filtered = Boolean(q) || filter !== "all";

  return (
    <>
      <PageHeader
        title="Orders"
        description="Paid orders from your storefront. Open one to fulfil or refund it."
        actions={
          <a
            href={`${base}/export${query({})}`}
            className={buttonClasses({ variant: "secondary" })}
            download
          >
            Export CSV
          </a>
        }
      />
      <FilterForm
        label="Filter orders"
        action={base}
        look="compact"
        columns="sm:grid-cols-[1fr_13rem_auto]"
      >
        <FilterInput
          id="q"
          name="q"
          type="search"
          label="Search"
          look="compact"
          defaultValue={q}
          placeholder="E-mail or order number (#1001)"
        />
        <FilterSelect id="status" name="status" label="Status" look="compact" defaultValue={filter}>
          {ORDER_FILTERS.map((f) => (
            <option key={f} value={f}>
              {ORDER_FILTER_LABELS[f]}
            </option>
          ))}
        </FilterSelect>
      </FilterForm>

      {items.length === 0 ? (
        filtered ? (
          <NoMatches
            title="No orders match"
            description="Try another search or status."
            clearHref={base}
          />
        ) : (
          <EmptyState
            title="No orders yet"
            description="When a shopper pays at your storefront, the order appears here."
          />
        )
      ) : (
        <DataTable
          caption={`Orders, ${total} in total, page ${page} of ${pages}`}
          stackBelow="md"
          columns={[
            { label: "Order" },
            { label: "Date (UTC)" },
            { label: "Shopper" },
            { label: "Status" },
            { label: "Total", className: "text-right" },
          ]}
        >
          {items.map((o) => (
            <DataRow
              key={o.id}
              stackBelow="md"
              className="grid grid-cols-[1fr_auto] gap-x-3 gap-y-1 p-4 hover:bg-zinc-50"
            >
              <DataCell stackBelow="md">
                <Link
                  href={`${base}/${o.id}`}
                  className="font-medium text-zinc-900 hover:text-brand-700 hover:underline"
                >
                  #{o.number}
                  <span className="sr-only"> — view order</span>
                </Link>
              </DataCell>
              <DataCell stackBelow="md" className="text-right text-zinc-600 md:text-left">
                <time dateTime={(o.paidAt ?? o.createdAt).toISOString()}>
                  {formatDateTime(o.paidAt ?? o.createdAt)}
                </time>
              </DataCell>
              <DataCell stackBelow="md" className="min-w-0 truncate text-zinc-700 md:max-w-56">
                {o.email ?? <span className="text-zinc-500">No e-mail yet</span>}
                <span className="block text-xs text-zinc-500">
                  {o.itemCount} item{o.itemCount === 1 ? "" : "s"}
                </span>
              </DataCell>
              <DataCell stackBelow="md" className="col-span-2">
                <OrderBadges order={o} />
              </DataCell>
              <DataCell
                stackBelow="md"
                className="col-start-2 row-start-2 text-right font-medium text-zinc-900 tabular-nums"
              >
                {formatMoney(o.total, o.currency)}
                {o.refundedAmount > 0 ? (
                  <span className="block text-xs font-normal text-zinc-500">
                    −{formatMoney(o.refundedAmount, o.currency)} refunded
                  </span>
                ) : null}
              </DataCell>
            </DataRow>
          ))}
        </DataTable>
      )}
      <RangePagination
        page={page}
        pageSize={PER_PAGE}
        total={total}
        hrefFor={(p) => `${base}${query(p > 1 ? { page: String(p) } : {})}`}
      />
    </>
  );
}
