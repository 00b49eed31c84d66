// The sections of the admin's shop page, each one screen long. The page loads the data once
// (AdminShopView) and lays the cards out.
import Link from "next/link";
import { getShopForAdmin, listAuditLog, recentOrdersForShop } from "@/db/queries/admin";
import { recentEventsForAccount } from "@/db/queries/admin-events";
import { shopAnalytics } from "@/db/queries/analytics";
import { findShopStripeAccount } from "@/db/queries/connect";
import { getPlatformSettings } from "@/db/queries/platform";
import { reinstateShopAction, resyncShopAccountAction } from "@/app/admin/actions";
import { parsePeriod } from "@/lib/analytics/period";
import { formatMoney } from "@/lib/money";
import { requirementLabels } from "@/lib/stripe/account";
import { bpsToPercentString, minorToString } from "@/lib/admin/format";
import { EventOutcomeBadge } from "@/components/admin/event-outcome-badge";
import { PeriodTabs } from "@/components/charts/period-tabs";
import { StatGrid } from "@/components/charts/stat-grid";
import { Badge } from "@/components/ui/badge";
import { FeeOverrideForm } from "@/components/admin/fee-override-form";
import { InlineAction } from "@/components/admin/inline-action";
import { SuspendForm } from "@/components/admin/suspend-form";
import { Alert } from "@/components/ui/alert";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { DataCell, DataRow, DataTable } from "@/components/ui/data-table";

export type AdminShopView = {
  shop: NonNullable<Awaited<ReturnType<typeof getShopForAdmin>>>["shop"];
  members: NonNullable<Awaited<ReturnType<typeof getShopForAdmin>>>["members"];
  feeOverride: NonNullable<Awaited<ReturnType<typeof getShopForAdmin>>>["feeOverride"];
  settings: Awaited<ReturnType<typeof getPlatformSettings>>;
  audit: Awaited<ReturnType<typeof listAuditLog>>;
  account: Awaited<ReturnType<typeof findShopStripeAccount>>;
  recentOrders: Awaited<ReturnType<typeof recentOrdersForShop>>;
  money: Awaited<ReturnType<typeof shopAnalytics>>;
  events: Awaited<ReturnType<typeof recentEventsForAccount>>;
  totals: Awaited<ReturnType<typeof shopAnalytics>>["totals"][number] | undefined;
  m: (minor: number) => string;
  platformPays: boolean;
  period: ReturnType<typeof parsePeriod>;
};

const stamp = (d: Date | null) => (d ? d.toISOString().slice(0, 16).replace("T", " ") : "—");

export function MembersCard({ v }: { v: AdminShopView }) {
  const { members } = v;
  return (
    <Card>
      <CardHeader title="Members" />
      <CardBody>
        <ul className="space-y-1 text-sm">
          {members.map((m) => (
            <li key={m.id}>
              <span className="font-medium">{m.name}</span> · {m.email} · {m.role}
            </li>
          ))}
        </ul>
      </CardBody>
    </Card>
  );
}

export function StripeAccountCard({ v }: { v: AdminShopView }) {
  const { shop, account, platformPays } = v;
  return (
    <Card>
      <CardHeader
        title="Stripe account"
        description="The stored snapshot of the shop's connected account."
        actions={
          account?.accountId && !account.disconnectedAt ? (
            <InlineAction
              action={resyncShopAccountAction}
              fields={{ shopId: shop.id }}
              label="Re-sync from Stripe"
              pendingLabel="Asking Stripe…"
            />
          ) : null
        }
      />
      <CardBody>
        {!account?.accountId ? (
          <p className="text-sm text-zinc-600">This shop has no connected Stripe account.</p>
        ) : (
          <dl className="grid gap-4 text-sm sm:grid-cols-3">
            <div>
              <dt className="text-zinc-600">Account</dt>
              <dd className="mt-0.5 font-mono break-all">{account.accountId}</dd>
            </div>
            <div>
              <dt className="text-zinc-600">Type · Stripe fees paid by</dt>
              <dd className="mt-0.5">
                {account.type === "express" ? "Express" : "Standard"} ·{" "}
                {platformPays ? "Bazaar" : "the merchant"}
              </dd>
            </div>
            <div>
              <dt className="text-zinc-600">Capabilities</dt>
              <dd className="mt-0.5 flex flex-wrap gap-1">
                <Badge tone={account.chargesEnabled ? "success" : "warning"}>
                  Charges {account.chargesEnabled ? "enabled" : "disabled"}
                </Badge>
                <Badge tone={account.payoutsEnabled ? "success" : "warning"}>
                  Payouts {account.payoutsEnabled ? "enabled" : "disabled"}
                </Badge>
              </dd>
            </div>
            <div className="sm:col-span-2">
              <dt className="text-zinc-600">Requirements due</dt>
              <dd className="mt-0.5">
                {account.currentlyDue.length + account.pastDue.length === 0
                  ? "None"
                  : requirementLabels([...account.pastDue, ...account.currentlyDue]).join(", ")}
                {account.currentDeadline ? ` · deadline ${stamp(account.currentDeadline)} UTC` : ""}
                {account.disabledReason ? ` · disabled: ${account.disabledReason}` : ""}
              </dd>
            </div>
            <div>
              <dt className="text-zinc-600">Last synced · disconnected</dt>
              <dd className="mt-0.5">
                {stamp(account.syncedAt)} · {stamp(account.disconnectedAt)}
              </dd>
            </div>
          </dl>
        )}
      </CardBody>
    </Card>
  );
}

export function SalesAndFeesCard({ v }: { v: AdminShopView }) {
  const { shop, totals, m, platformPays, period } = v;
  return (
    <Card>
      <CardHeader
        title="Sales and fees"
        description={`Paid orders in the last ${period} days.`}
        actions={<PeriodTabs current={period} basePath={`/admin/shops/${shop.id}`} />}
      />
      <CardBody className="space-y-4">
        <StatGrid
          stats={[
            { label: "GMV", value: m(totals?.revenue ?? 0) },
            { label: "Paid orders", value: totals?.orders ?? 0 },
            {
              label: "Platform fee revenue",
              value: m(totals?.netApplicationFees ?? 0),
              hint: `Collected ${m(totals?.applicationFees ?? 0)}, refunded ${m(totals?.applicationFeesRefunded ?? 0)}`,
            },
            { label: "Refunds", value: m(totals?.refunds ?? 0) },
            {
              label: "Stripe fees",
              value: m((platformPays ? totals?.stripeFeesPaidByPlatform : totals?.stripeFees) ?? 0),
              hint: platformPays ? "Paid by Bazaar" : "Paid by the merchant",
            },
          ]}
        />
      </CardBody>
    </Card>
  );
}

export function RecentOrdersCard({ v }: { v: AdminShopView }) {
  const { recentOrders } = v;
  return (
    <Card>
      <CardHeader title="Recent orders" />
      <CardBody className="p-0">
        {recentOrders.length === 0 ? (
          <p className="px-5 py-4 text-sm text-zinc-600">No orders yet.</p>
        ) : (
          <DataTable
            caption="Recent orders"
            stackBelow="never"
            framed={false}
            columns={[
              { label: "Order" },
              { label: "Total", className: "text-right" },
              { label: "Fee kept", className: "hidden text-right sm:table-cell" },
            ]}
          >
            {recentOrders.map((o) => (
              <DataRow key={o.id} stackBelow="never">
                <DataCell stackBelow="never">
                  <span className="font-medium">#{o.number}</span>{" "}
                  <Badge tone={o.status === "paid" ? "success" : "neutral"}>{o.status}</Badge>
                  <span className="block text-xs text-zinc-600">
                    {stamp(o.paidAt ?? o.createdAt)} · {o.email ?? "no e-mail"}
                  </span>
                </DataCell>
                <DataCell stackBelow="never" className="text-right tabular-nums">
                  {formatMoney(o.total, o.currency)}
                  {o.refundedAmount > 0 ? (
                    <span className="block text-xs text-zinc-600">
                      refunded {formatMoney(o.refundedAmount, o.currency)}
                    </span>
                  ) : null}
                </DataCell>
                <DataCell
                  stackBelow="never"
                  className="hidden text-right tabular-nums sm:table-cell"
                >
                  {formatMoney(o.applicationFee - o.applicationFeeRefunded, o.currency)}
                </DataCell>
              </DataRow>
            ))}
          </DataTable>
        )}
      </CardBody>
    </Card>
  );
}

export function RecentStripeEventsCard({ v }: { v: AdminShopView }) {
  const { account, events } = v;
  return (
    <Card>
      <CardHeader
        title="Recent Stripe events"
        actions={
          account?.accountId ? (
            <Link
              href={`/admin/events?account=${account.accountId}`}
              className="text-sm text-brand-700 hover:underline"
            >
              All events
            </Link>
          ) : null
        }
      />
      <CardBody>
        {events.length === 0 ? (
          <p className="text-sm text-zinc-600">No events stored for this account.</p>
        ) : (
          <ul className="divide-y divide-zinc-200 text-sm">
            {events.map((e) => (
              <li key={e.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <Link
                  href={`/admin/events/${e.id}`}
                  className="font-mono text-brand-700 hover:underline"
                >
                  {e.type}
                </Link>
                <span className="flex items-center gap-2 text-zinc-600">
                  <EventOutcomeBadge outcome={e.outcome} />
                  <time dateTime={e.receivedAt.toISOString()}>{stamp(e.receivedAt)}</time>
                </span>
              </li>
            ))}
          </ul>
        )}
      </CardBody>
    </Card>
  );
}

export function SuspensionCard({ v }: { v: AdminShopView }) {
  const { shop } = v;
  return (
    <Card>
      <CardHeader
        title="Suspension"
        description="A suspended shop keeps its storefront visible with a notice, but checkout is refused."
      />
      <CardBody className="space-y-4">
        {shop.suspendedAt ? (
          <>
            <Alert
              tone="error"
              title={`Suspended since ${shop.suspendedAt.toISOString().slice(0, 16).replace("T", " ")} UTC`}
            >
              Reason: {shop.suspensionReason}
            </Alert>
            <InlineAction
              action={reinstateShopAction}
              fields={{ shopId: shop.id }}
              label="Reinstate shop"
              pendingLabel="Reinstating…"
            />
          </>
        ) : (
          <SuspendForm shopId={shop.id} shopName={shop.name} />
        )}
      </CardBody>
    </Card>
  );
}

export function FeeOverrideCard({ v }: { v: AdminShopView }) {
  const { shop, feeOverride, settings } = v;
  return (
    <Card>
      <CardHeader title="Fee override" description="Applies to this shop's new checkouts only." />
      <CardBody>
        <FeeOverrideForm
          shopId={shop.id}
          current={{
            feePercent: bpsToPercentString(feeOverride?.feePercentBps),
            feeFixed: minorToString(feeOverride?.feeFixed),
            feeMin: minorToString(feeOverride?.feeMin),
            feeMax: minorToString(feeOverride?.feeMax),
          }}
          defaults={{
            feePercent: bpsToPercentString(settings.feePercentBps),
            feeFixed: minorToString(settings.feeFixed),
            feeMin: minorToString(settings.feeMin),
            feeMax: minorToString(settings.feeMax),
          }}
        />
      </CardBody>
    </Card>
  );
}

export function RecentAuditEntriesCard({ v }: { v: AdminShopView }) {
  const { shop, audit } = v;
  return (
    <Card>
      <CardHeader
        title="Recent audit entries"
        actions={
          <Link
            href={`/admin/audit?shop=${shop.id}`}
            className="text-sm text-brand-700 hover:underline"
          >
            All entries
          </Link>
        }
      />
      <CardBody>
        {audit.rows.length === 0 ? (
          <p className="text-sm text-zinc-600">Nothing recorded for this shop yet.</p>
        ) : (
          <ul className="divide-y divide-zinc-200 text-sm">
            {audit.rows.slice(0, 10).map((row) => (
              <li key={row.id} className="py-2">
                <span className="font-medium">{row.action}</span> by {row.actorEmail ?? "system"} ·{" "}
                <time dateTime={row.createdAt.toISOString()}>
                  {row.createdAt.toISOString().slice(0, 16).replace("T", " ")}
                </time>
              </li>
            ))}
          </ul>
        )}
      </CardBody>
    </Card>
  );
}
