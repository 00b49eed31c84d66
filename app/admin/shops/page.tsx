import type { Metadata } from "next";
import Link from "next/link";
import { ADMIN_PAGE_SIZE, listShopsForAdmin, type AdminShopSort } from "@/db/queries/admin";
import { pageSchema } from "@/lib/admin/validation";
import { parsePeriod, periodRange } from "@/lib/analytics/period";
import { formatMoney } from "@/lib/money";
import { requireAdmin } from "@/lib/auth/session";
import { ConnectBadge } from "@/components/admin/connect-badge";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { controlClasses } from "@/components/ui/field";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";

export const metadata: Metadata = { title: "Shops" };

type Search = Promise<Record<string, string | string[] | undefined>>;
const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : undefined);

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
      <form
        role="search"
        className="mb-4 grid gap-3 sm:grid-cols-2 sm:items-end lg:grid-cols-[1fr_auto_auto_auto_auto]"
        action="/admin/shops"
      >
        <div>
          <label htmlFor="shop-q" className="mb-1.5 block text-sm font-medium text-zinc-800">
            Search shops
          </label>
          <input
            id="shop-q"
            name="q"
            defaultValue={q}
            placeholder="Name, address or owner e-mail"
            className={controlClasses(false, "h-10")}
          />
        </div>
        <div>
          <label htmlFor="shop-filter" className="mb-1.5 block text-sm font-medium text-zinc-800">
            Show
          </label>
          <select
            id="shop-filter"
            name="filter"
            defaultValue={filter}
            className={controlClasses(false, "h-10")}
          >
            <option value="all">All shops</option>
            <option value="attention">Needing attention</option>
            <option value="suspended">Suspended</option>
          </select>
        </div>
        <div>
          <label htmlFor="shop-sort" className="mb-1.5 block text-sm font-medium text-zinc-800">
            Sort by
          </label>
          <select
            id="shop-sort"
            name="sort"
            defaultValue={sort}
            className={controlClasses(false, "h-10")}
          >
            <option value="newest">Newest</option>
            <option value="name">Name</option>
            <option value="status">Stripe status</option>
            <option value="gmv">GMV in period</option>
          </select>
        </div>
        <div>
          <label htmlFor="shop-period" className="mb-1.5 block text-sm font-medium text-zinc-800">
            Period
          </label>
          <select
            id="shop-period"
            name="period"
            defaultValue={String(period)}
            className={controlClasses(false, "h-10")}
          >
            <option value="7">Last 7 days</option>
            <option value="30">Last 30 days</option>
            <option value="90">Last 90 days</option>
          </select>
        </div>
        <button type="submit" className={buttonClasses({ variant: "secondary" })}>
          Apply
        </button>
      </form>
      {rows.length === 0 ? (
        <EmptyState title="No shops match" description="Try another search or filter." />
      ) : (
        <div className="overflow-hidden rounded-xl border border-zinc-200 bg-white shadow-sm">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Shops</caption>
            <thead className="hidden bg-zinc-50 text-xs tracking-wide text-zinc-600 uppercase sm:table-header-group">
              <tr>
                <th scope="col" className="px-4 py-3 font-medium">
                  Shop
                </th>
                <th scope="col" className="px-4 py-3 font-medium">
                  Owner
                </th>
                <th scope="col" className="px-4 py-3 font-medium">
                  Stripe
                </th>
                <th scope="col" className="px-4 py-3 font-medium">
                  Requirements
                </th>
                <th scope="col" className="px-4 py-3 text-right font-medium">
                  GMV · fees ({period}d)
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-200">
              {rows.map((shop) => (
                <tr key={shop.id} className="block px-4 py-3 sm:table-row sm:p-0">
                  <td className="block sm:table-cell sm:px-4 sm:py-3">
                    <Link
                      href={`/admin/shops/${shop.id}`}
                      className="font-medium text-brand-700 hover:underline"
                    >
                      {shop.name}
                    </Link>
                    <span className="block text-zinc-600">
                      {shop.slug} · {shop.currency}
                    </span>
                  </td>
                  <td className="block text-zinc-700 sm:table-cell sm:px-4 sm:py-3">
                    {shop.ownerEmail ?? "—"}
                  </td>
                  <td className="mt-1 block sm:mt-0 sm:table-cell sm:px-4 sm:py-3">
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
                  </td>
                  <td className="block text-xs text-zinc-700 sm:table-cell sm:px-4 sm:py-3">
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
                  </td>
                  <td className="block text-zinc-700 tabular-nums sm:table-cell sm:px-4 sm:py-3 sm:text-right">
                    <span className="sm:sr-only">GMV </span>
                    {formatMoney(shop.gmv, shop.currency)}
                    <span className="block text-xs text-zinc-600">
                      fees {formatMoney(shop.feeRevenue, shop.currency)} · {shop.paidOrders} orders
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
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
