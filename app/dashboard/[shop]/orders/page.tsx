import type { Metadata } from "next";
import Link from "next/link";
import {
  ORDER_FILTER_LABELS,
  ORDER_FILTERS,
  listOrdersForShop,
  parseOrderFilter,
} from "@/db/queries/orders";
import { requireShopMember } from "@/lib/auth/session";
import { formatMoney } from "@/lib/money";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { controlClasses } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { OrderBadges } from "./_components/order-badges";

export const metadata: Metadata = { title: "Orders" };

const PER_PAGE = 25;

function one(v: string | string[] | undefined) {
  return Array.isArray(v) ? v[0] : v;
}

const dateFormat = new Intl.DateTimeFormat("en-US", {
  month: "short",
  day: "numeric",
  year: "numeric",
  hour: "numeric",
  minute: "2-digit",
  timeZone: "UTC",
});

export default async function OrdersPage({
  params,
  searchParams,
}: {
  params: Promise<{ shop: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { shop: slug } = await params;
  const { shop } = await requireShopMember(slug);
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
      <form
        role="search"
        aria-label="Filter orders"
        method="get"
        action={base}
        className="mb-4 grid gap-3 rounded-xl border border-zinc-200 bg-white p-3 shadow-sm sm:grid-cols-[1fr_13rem_auto] sm:items-end"
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
            placeholder="E-mail or order number (#1001)"
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
            defaultValue={filter}
            className={controlClasses(false, "h-9")}
          >
            {ORDER_FILTERS.map((f) => (
              <option key={f} value={f}>
                {ORDER_FILTER_LABELS[f]}
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
            title="No orders match"
            description="Try another search or status."
            action={
              <Link href={base} className={buttonClasses({ variant: "secondary" })}>
                Clear filters
              </Link>
            }
          />
        ) : (
          <EmptyState
            title="No orders yet"
            description="When a shopper pays at your storefront, the order appears here."
          />
        )
      ) : (
        <div className="overflow-hidden rounded-xl border border-zinc-200 bg-white shadow-sm">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">
              Orders, {total} in total, page {page} of {pages}
            </caption>
            <thead className="hidden border-b border-zinc-200 bg-zinc-50 text-xs tracking-wide text-zinc-600 uppercase md:table-header-group">
              <tr>
                <th scope="col" className="px-4 py-3 font-medium">
                  Order
                </th>
                <th scope="col" className="px-4 py-3 font-medium">
                  Date (UTC)
                </th>
                <th scope="col" className="px-4 py-3 font-medium">
                  Shopper
                </th>
                <th scope="col" className="px-4 py-3 font-medium">
                  Status
                </th>
                <th scope="col" className="px-4 py-3 text-right font-medium">
                  Total
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100">
              {items.map((o) => (
                <tr
                  key={o.id}
                  className="grid grid-cols-[1fr_auto] gap-x-3 gap-y-1 p-4 hover:bg-zinc-50 md:table-row md:p-0"
                >
                  <td className="md:table-cell md:px-4 md:py-3">
                    <Link
                      href={`${base}/${o.id}`}
                      className="font-medium text-zinc-900 hover:text-brand-700 hover:underline"
                    >
                      #{o.number}
                      <span className="sr-only"> — view order</span>
                    </Link>
                  </td>
                  <td className="text-right text-zinc-600 md:table-cell md:px-4 md:py-3 md:text-left">
                    <time dateTime={(o.paidAt ?? o.createdAt).toISOString()}>
                      {dateFormat.format(o.paidAt ?? o.createdAt)}
                    </time>
                  </td>
                  <td className="min-w-0 truncate text-zinc-700 md:table-cell md:max-w-56 md:px-4 md:py-3">
                    {o.email ?? <span className="text-zinc-500">No e-mail yet</span>}
                    <span className="block text-xs text-zinc-500">
                      {o.itemCount} item{o.itemCount === 1 ? "" : "s"}
                    </span>
                  </td>
                  <td className="col-span-2 md:table-cell md:px-4 md:py-3">
                    <OrderBadges order={o} />
                  </td>
                  <td className="col-start-2 row-start-2 text-right font-medium text-zinc-900 tabular-nums md:table-cell md:px-4 md:py-3">
                    {formatMoney(o.total, o.currency)}
                    {o.refundedAmount > 0 ? (
                      <span className="block text-xs font-normal text-zinc-500">
                        −{formatMoney(o.refundedAmount, o.currency)} refunded
                      </span>
                    ) : null}
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
          className="mt-4 flex flex-wrap items-center justify-between gap-3 text-sm text-zinc-600"
        >
          <p>
            Showing {(page - 1) * PER_PAGE + 1}–{Math.min(page * PER_PAGE, total)} of {total}
          </p>
          <div className="flex gap-2">
            {page > 1 ? (
              <Link
                href={`${base}${query(page - 1 > 1 ? { page: String(page - 1) } : {})}`}
                className={buttonClasses({ variant: "secondary", size: "sm" })}
                rel="prev"
              >
                Previous page
              </Link>
            ) : null}
            {page < pages ? (
              <Link
                href={`${base}${query({ page: String(page + 1) })}`}
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
