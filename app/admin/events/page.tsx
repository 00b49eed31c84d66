import type { Metadata } from "next";
import Link from "next/link";
import {
  EVENTS_PAGE_SIZE,
  listStripeEvents,
  type EventOutcomeFilter,
} from "@/db/queries/admin-events";
import { pageSchema } from "@/lib/admin/validation";
import { requireAdmin } from "@/lib/auth/session";
import { EventOutcomeBadge } from "@/components/admin/event-outcome-badge";
import { buttonClasses } from "@/components/ui/button";
import { controlClasses } from "@/components/ui/field";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";

export const metadata: Metadata = { title: "Stripe events" };

type Search = Promise<Record<string, string | string[] | undefined>>;
const text = (v: unknown, max = 100) =>
  typeof v === "string" ? v.trim().slice(0, max) || undefined : undefined;
const OUTCOMES: EventOutcomeFilter[] = ["processed", "ignored", "failed", "pending"];

export default async function AdminEventsPage({ searchParams }: { searchParams: Search }) {
  await requireAdmin();
  const sp = await searchParams;
  const type = text(sp.type);
  const accountRaw = text(sp.account, 255);
  const account = accountRaw && /^acct_[A-Za-z0-9]+$/.test(accountRaw) ? accountRaw : undefined;
  const outcomeRaw = text(sp.outcome);
  const outcome = OUTCOMES.find((o) => o === outcomeRaw);
  const page = pageSchema.parse(sp.page);
  const { rows, total } = await listStripeEvents({ type, account, outcome, page });

  return (
    <>
      <PageHeader
        title="Stripe events"
        description="Every webhook event Bazaar stored, how it was handled, and a replay for each."
      />
      <form
        role="search"
        action="/admin/events"
        className="mb-4 grid gap-3 sm:grid-cols-[1fr_1fr_auto_auto] sm:items-end"
      >
        <div>
          <label htmlFor="event-type" className="mb-1.5 block text-sm font-medium text-zinc-800">
            Type
          </label>
          <input
            id="event-type"
            name="type"
            defaultValue={type}
            placeholder="e.g. account.updated"
            className={controlClasses(false, "h-10")}
          />
        </div>
        <div>
          <label htmlFor="event-account" className="mb-1.5 block text-sm font-medium text-zinc-800">
            Account
          </label>
          <input
            id="event-account"
            name="account"
            defaultValue={accountRaw}
            placeholder="acct_…"
            aria-describedby={accountRaw && !account ? "event-account-error" : undefined}
            aria-invalid={accountRaw && !account ? true : undefined}
            className={controlClasses(Boolean(accountRaw && !account), "h-10")}
          />
          {accountRaw && !account ? (
            <p id="event-account-error" className="mt-1 text-sm text-red-700">
              An account id starts with acct_ (filter not applied).
            </p>
          ) : null}
        </div>
        <div>
          <label htmlFor="event-outcome" className="mb-1.5 block text-sm font-medium text-zinc-800">
            Outcome
          </label>
          <select
            id="event-outcome"
            name="outcome"
            defaultValue={outcome ?? ""}
            className={controlClasses(false, "h-10")}
          >
            <option value="">Any</option>
            <option value="processed">Processed</option>
            <option value="ignored">Ignored</option>
            <option value="failed">Failed</option>
            <option value="pending">Not processed</option>
          </select>
        </div>
        <button type="submit" className={buttonClasses({ variant: "secondary" })}>
          Filter
        </button>
      </form>
      {rows.length === 0 ? (
        <EmptyState
          title="No events match"
          description="Events appear here as Stripe delivers them to the webhook endpoints."
        />
      ) : (
        <div className="overflow-hidden rounded-xl border border-zinc-200 bg-white shadow-sm">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Stripe events</caption>
            <thead className="hidden bg-zinc-50 text-xs tracking-wide text-zinc-600 uppercase sm:table-header-group">
              <tr>
                <th scope="col" className="px-4 py-3 font-medium">
                  Event
                </th>
                <th scope="col" className="px-4 py-3 font-medium">
                  Account
                </th>
                <th scope="col" className="px-4 py-3 font-medium">
                  Outcome
                </th>
                <th scope="col" className="px-4 py-3 font-medium">
                  Received
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-200">
              {rows.map((e) => (
                <tr key={e.id} className="block px-4 py-3 sm:table-row sm:p-0">
                  <td className="block sm:table-cell sm:px-4 sm:py-3">
                    <Link
                      href={`/admin/events/${e.id}`}
                      className="font-mono font-medium break-all text-brand-700 hover:underline"
                    >
                      {e.type}
                    </Link>
                    <span className="block font-mono text-xs break-all text-zinc-600">
                      {e.id} · {e.source}
                    </span>
                  </td>
                  <td className="block font-mono text-xs break-all text-zinc-700 sm:table-cell sm:px-4 sm:py-3">
                    {e.account ?? "platform"}
                  </td>
                  <td className="block sm:table-cell sm:px-4 sm:py-3">
                    <EventOutcomeBadge outcome={e.outcome} />
                    {e.error ? (
                      <span className="mt-1 block max-w-xs truncate text-xs text-red-700">
                        {e.error}
                      </span>
                    ) : null}
                  </td>
                  <td className="block text-zinc-600 sm:table-cell sm:px-4 sm:py-3">
                    <time dateTime={e.receivedAt.toISOString()}>
                      {e.receivedAt.toISOString().slice(0, 19).replace("T", " ")}
                    </time>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination
        page={page}
        pageSize={EVENTS_PAGE_SIZE}
        total={total}
        basePath="/admin/events"
        params={{ type, account, outcome }}
      />
    </>
  );
}
