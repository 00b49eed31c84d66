import type { Metadata } from "next";
import { cleanQueryValue } from "@/lib/search-params";
import Link from "next/link";
import {
  EVENTS_PAGE_SIZE,
  listStripeEvents,
  type EventOutcomeFilter,
} from "@/db/queries/admin-events";
import { pageSchema } from "@/lib/admin/validation";
import { requireAdmin } from "@/lib/auth/session";
import { EventOutcomeBadge } from "@/components/admin/event-outcome-badge";
import { DataCell, DataRow, DataTable } from "@/components/ui/data-table";
import { FilterForm, FilterInput, FilterSelect } from "@/components/ui/list-filters";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";

export const metadata: Metadata = { title: "Stripe events" };

type Search = Promise<Record<string, string | string[] | undefined>>;
const text = (v: unknown, max = 100) =>
  typeof v === "string" ? cleanQueryValue(v, max).trim() || undefined : undefined;
const OUTCOMES: EventOutcomeFilter[] = [
  "processed",
  "ignored",
  "already_handled",
  "failed",
  "pending",
];

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
      <FilterForm
        action="/admin/events"
        columns="sm:grid-cols-[1fr_1fr_auto_auto]"
        submitLabel="Filter"
      >
        <FilterInput
          id="event-type"
          name="type"
          label="Type"
          defaultValue={type}
          placeholder="e.g. account.updated"
        />
        <FilterInput
          id="event-account"
          name="account"
          label="Account"
          defaultValue={accountRaw}
          placeholder="acct_…"
          error={
            accountRaw && !account
              ? "An account id starts with acct_ (filter not applied)."
              : undefined
          }
        />
        <FilterSelect
          id="event-outcome"
          name="outcome"
          label="Outcome"
          defaultValue={outcome ?? ""}
        >
          <option value="">Any</option>
          <option value="processed">Processed</option>
          <option value="ignored">Ignored</option>
          <option value="already_handled">Already handled</option>
          <option value="failed">Failed</option>
          <option value="pending">Not processed</option>
        </FilterSelect>
      </FilterForm>
      {rows.length === 0 ? (
        <EmptyState
          title="No events match"
          description="Events appear here as Stripe delivers them to the webhook endpoints."
        />
      ) : (
        <DataTable
          caption="Stripe events"
          columns={[
            { label: "Event" },
            { label: "Account" },
            { label: "Outcome" },
            { label: "Received" },
          ]}
        >
          {rows.map((e) => (
            <DataRow key={e.id}>
              <DataCell>
                <Link
                  href={`/admin/events/${e.id}`}
                  className="font-mono font-medium break-all text-brand-700 hover:underline"
                >
                  {e.type}
                </Link>
                <span className="block font-mono text-xs break-all text-zinc-600">
                  {e.id} · {e.source}
                </span>
              </DataCell>
              <DataCell className="font-mono text-xs break-all text-zinc-700">
                {e.account ?? "platform"}
              </DataCell>
              <DataCell>
                <EventOutcomeBadge outcome={e.outcome} />
                {e.error ? (
                  <span className="mt-1 block max-w-xs truncate text-xs text-red-700">
                    {e.error}
                  </span>
                ) : null}
              </DataCell>
              <DataCell className="text-zinc-600">
                <time dateTime={e.receivedAt.toISOString()}>
                  {e.receivedAt.toISOString().slice(0, 19).replace("T", " ")}
                </time>
              </DataCell>
            </DataRow>
          ))}
        </DataTable>
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
