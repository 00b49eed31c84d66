import type { Metadata } from "next";
import Link from "next/link";
import { parsePeriod, periodRange } from "@/lib/analytics/period";
import { reconcileFees, type ReconciliationKind } from "@/lib/admin/reconciliation";
import { requireAdmin } from "@/lib/auth/session";
import { formatMoney } from "@/lib/money";
import { PeriodTabs } from "@/components/charts/period-tabs";
import { StatGrid } from "@/components/charts/stat-grid";
import { Alert } from "@/components/ui/alert";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { DataCell, DataRow, DataTable } from "@/components/ui/data-table";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Fee reconciliation" };

type Search = Promise<Record<string, string | string[] | undefined>>;

const kinds: Record<ReconciliationKind, [string, BadgeTone]> = {
  matched: ["Matched", "success"],
  amount_differs: ["Amount differs", "warning"],
  account_differs: ["Account differs", "warning"],
  missing_at_stripe: ["Missing at Stripe", "danger"],
  missing_in_bazaar: ["No Bazaar order", "danger"],
};

export default async function ReconciliationPage({ searchParams }: { searchParams: Search }) {
  await requireAdmin();
  const period = parsePeriod((await searchParams).period);
  const range = periodRange(period);
  const result = await reconcileFees(range);
  const money = (n: number | null, c: string) => (n === null ? "—" : formatMoney(n, c));

  return (
    <>
      <PageHeader
        title="Fee reconciliation"
        description={`Application fees Bazaar expects from orders paid in the last ${period} days against the fees Stripe reports, matched by charge.`}
        actions={<PeriodTabs current={period} basePath="/admin/reconciliation" />}
      />
      {!result.ok ? (
        <Alert tone="error" title="Stripe is not answering">
          {result.message}
        </Alert>
      ) : (
        <div className="space-y-6">
          <StatGrid
            stats={[
              { label: "Charges compared", value: result.rows.length },
              { label: "Matched", value: result.matched },
              { label: "Mismatches", value: result.mismatches.length },
              ...result.totals.map((t) => ({
                label: `${t.currency}: expected / reported`,
                value: `${formatMoney(t.expected, t.currency)} / ${formatMoney(t.reported, t.currency)}`,
              })),
            ]}
          />
          {result.mismatches.length === 0 ? (
            <Alert tone="success" title="Everything matches">
              Every fee Bazaar expected for this period is reported by Stripe with the same amount.
            </Alert>
          ) : (
            <section aria-labelledby="mismatches-heading">
              <h2 id="mismatches-heading" className="mb-3 text-base font-semibold text-zinc-900">
                Mismatches
              </h2>
              <DataTable
                caption="Fee mismatches"
                columns={[
                  { label: "Problem" },
                  { label: "Order / charge" },
                  { label: "Expected", className: "text-right" },
                  { label: "Stripe", className: "text-right" },
                ]}
              >
                {result.mismatches.map((r) => {
                  const [label, tone] = kinds[r.kind];
                  return (
                    <DataRow key={`${r.kind}-${r.chargeId ?? r.order?.id}`}>
                      <DataCell>
                        <Badge tone={tone}>{label}</Badge>
                      </DataCell>
                      <DataCell>
                        {r.order ? (
                          <Link
                            href={`/admin/shops/${r.order.shopId}`}
                            className="font-medium text-brand-700 hover:underline"
                          >
                            #{r.order.number} · {r.order.shopName}
                          </Link>
                        ) : (
                          <span className="font-medium">No order</span>
                        )}
                        <span className="block font-mono text-xs break-all text-zinc-600">
                          {r.chargeId ?? "no charge"}
                          {r.fee ? ` · ${r.fee.id}` : ""}
                          {r.kind === "account_differs"
                            ? ` · order on ${r.order?.account}, fee from ${r.fee?.account}`
                            : ""}
                        </span>
                      </DataCell>
                      <DataCell className="tabular-nums sm:text-right">
                        <span className="sm:sr-only">Expected: </span>
                        {money(r.expected, r.currency)}
                      </DataCell>
                      <DataCell className="tabular-nums sm:text-right">
                        <span className="sm:sr-only">Stripe: </span>
                        {money(r.reported, r.currency)}
                      </DataCell>
                    </DataRow>
                  );
                })}
              </DataTable>
            </section>
          )}
        </div>
      )}
    </>
  );
}
