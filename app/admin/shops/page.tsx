import type { Metadata } from "next";
import { queryValue } from "@/lib/search-params";
import Link from "next/link";
import { ADMIN_PAGE_SIZE, listShopsForAdmin, type AdminShopSort } from "@/db/queries/admin";
import { pageSchema } from "@/lib/admin/validation";
import { parsePeriod, periodRange } from "@/lib/analytics/period";
import { formatMoney } from "@/lib/money";
import { requireAdmin } from "@/lib/auth/session";
import { ConnectBadge } from "@/components/admin/connect-badge";
import { Badge } from "@/components/ui/badge";
import { DataCell, DataRow, DataTable } from "@/components/ui/data-table";
import { FilterForm, FilterInput, FilterSelect } from "@/components/ui/list-filters";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";

export const metadata: Metadata = { title: "Shops" };

type Search = Promise<Record<string, string | string[] | undefined>>;
const one = (v: string | string[] | undefined) => queryValue(v);

export default async function AdminShopsPage({ searchParams }: { searchParams: Search }) {
  await requireAdmin();
  const sp = await searchParams;
  const q = one(sp.q)?.trim().slice(0, 100) || undefined;
  const sortRaw = one(sp.sort);
  const sort: AdminShopSort =
    sortRaw === "name" || sortRaw === "status" || sortRaw === "gmv" ? sortRaw : "newest";
  const period = parsePeriod(sp.period);
  const filterRaw = one(sp.filter);
  const filter = filterRaw === "suspended" || filterRaw === "attention" ? filterRaw : "all";
  const page = pageSchema.parse(one(sp.page));
  const { rows, total } = await listShopsForAdmin({
    q,
    page,
    sort,
    filter,
    range: periodRange(period),
  });

  return (
    <>
      <PageHeader
        title="Shops"
        description="Every shop on the platform, its owner and its Stripe state."
      />
      <FilterForm
        action="/admin/shops"
        columns="sm:grid-cols-2 lg:grid-cols-[1fr_auto_auto_auto_auto]"
      >
        <FilterInput
          id="shop-q"
          name="q"
          label="Search shops"
          defaultValue={q}
          placeholder="Name, address or owner e-mail"
        />
        <FilterSelect id="shop-filter" name="filter" label="Show" defaultValue={filter}>
          <option value="all">All shops</option>
          <option value="attention">Needing attention</option>
          <option value="suspended">Suspended</option>
        </FilterSelect>
        <FilterSelect id="shop-sort" name="sort" label="Sort by" defaultValue={sort}>
          <option value="newest">Newest</option>
          <option value="name">Name</option>
          <option value="status">Stripe status</option>
          <option value="gmv">GMV in period</option>
        </FilterSelect>
        <FilterSelect id="shop-period" name="period" label="Period" defaultValue={String(period)}>
          <option value="7">Last 7 days</option>
          <option value="30">Last 30 days</option>
          <option value="90">Last 90 days</option>
        </FilterSelect>
      </FilterForm>
      {rows.length === 0 ? (
        <EmptyState title="No shops match" description="Try another search or filter." />
      ) : (
        <DataTable
          caption="Shops"
          columns={[
            { label: "Shop" },
            { label: "Owner" },
            { label: "Stripe" },
            { label: "Requirements" },
            { label: `GMV · fees (${period}d)`, className: "text-right" },
          ]}
        >
          {rows.map((shop) => (
            <DataRow key={shop.id}>
              <DataCell>
                <Link
                  href={`/admin/shops/${shop.id}`}
                  className="font-medium text-brand-700 hover:underline"
                >
                  {shop.name}
                </Link>
                <span className="block text-zinc-600">
                  {shop.slug} · {shop.currency}
                </span>
              </DataCell>
              <DataCell className="text-zinc-700">{shop.ownerEmail ?? "—"}</DataCell>
              <DataCell className="mt-1 sm:mt-0">
                <span className="flex flex-wrap gap-1">
                  <ConnectBadge status={shop.connectStatus} />
                  {shop.suspendedAt ? <Badge tone="danger">Suspended</Badge> : null}
                </span>
                {shop.accountType ? (
                  <span className="mt-1 block text-xs text-zinc-600">
                    {shop.accountType === "express" ? "Express" : "Standard"} · charges{" "}
                    {shop.chargesEnabled ? "on" : "off"} · payouts{" "}
                    {shop.payoutsEnabled ? "on" : "off"}
                  </span>
                ) : null}
              </DataCell>
              <DataCell className="text-xs text-zinc-700">
                <span className="sm:sr-only">Requirements: </span>
                {shop.accountType ? (
                  (shop.currentlyDue?.length ?? 0) + (shop.pastDue?.length ?? 0) > 0 ? (
                    <>
                      {(shop.pastDue?.length ?? 0) > 0 ? (
                        <span className="font-medium text-red-700">
                          {shop.pastDue?.length} past due{" "}
                        </span>
                      ) : null}
                      {shop.currentlyDue?.length ?? 0} due
                      {shop.currentDeadline ? (
                        <span className="block">
                          by{" "}
                          <time dateTime={shop.currentDeadline.toISOString()}>
                            {shop.currentDeadline.toISOString().slice(0, 10)}
                          </time>
                        </span>
                      ) : null}
                    </>
                  ) : (
                    "None due"
                  )
                ) : (
                  "—"
                )}
              </DataCell>
              <DataCell className="text-zinc-700 tabular-nums sm:text-right">
                <span className="sm:sr-only">GMV </span>
                {formatMoney(shop.gmv, shop.currency)}
                <span className="block text-xs text-zinc-600">
                  fees {formatMoney(shop.feeRevenue, shop.currency)} · {shop.paidOrders} orders
                </span>
              </DataCell>
            </DataRow>
          ))}
        </DataTable>
      )}
      <Pagination
        page={page}
        pageSize={ADMIN_PAGE_SIZE}
        total={total}
        basePath="/admin/shops"
        params={{ q, sort, filter, period: String(period) }}
      />
    </>
  );
}
