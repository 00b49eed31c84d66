import type { Metadata } from "next";
import Link from "next/link";
import { requireShopPermission } from "@/lib/auth/session";
import { NoPermission } from "@/components/dashboard/no-permission";
import { formatMoney } from "@/lib/money";
import { loadShopBalance } from "@/lib/stripe/balance";
import { Alert } from "@/components/ui/alert";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { DataCell, DataRow, DataTable } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Balance & payouts" };

const payoutTone: Record<string, BadgeTone> = {
  paid: "success",
  pending: "info",
  in_transit: "info",
  failed: "danger",
  canceled: "neutral",
};

const day = (d: Date) => d.toISOString().slice(0, 10);

export default async function BalancePage({ params }: { params: Promise<{ shop: string }> }) {
  const { shop: slug } = await params;
  const { shop, refusal } = await requireShopPermission(slug, "money.view");
  if (refusal)
    return <NoPermission title="Balance & payouts" message={refusal} shopSlug={shop.slug} />;
  const result = await loadShopBalance(shop.id);
  const paymentsHref = `/dashboard/${shop.slug}/settings/payments`;

  return (
    <>
      <PageHeader
        title="Balance & payouts"
        description="Money Stripe holds for you on your connected account, and what it sent to your bank."
        actions={
          result.kind !== "not_connected" && result.accountType === "express" ? (
            <a
              href={`${paymentsHref}/express-dashboard`}
              target="_blank"
              rel="noopener"
              className={buttonClasses({ variant: "secondary" })}
            >
              Open Express dashboard<span className="sr-only"> (opens in a new tab)</span> ↗
            </a>
          ) : null
        }
      />
      {result.kind === "not_connected" ? (
        <EmptyState
          title="No Stripe account connected"
          description={result.message}
          action={
            <Link href={paymentsHref} className={buttonClasses({})}>
              Set up payments
            </Link>
          }
        />
      ) : result.kind === "error" ? (
        <Alert tone="error" title="Balance unavailable">
          {result.message}
        </Alert>
      ) : (
        <div className="space-y-6">
          <section aria-labelledby="balance-heading">
            <h2 id="balance-heading" className="sr-only">
              Balance
            </h2>
            {result.lines.length === 0 ? (
              <p className="text-sm text-zinc-600">No balance yet: nothing has been paid to you.</p>
            ) : (
              <ul className="grid gap-4 sm:grid-cols-2">
                {result.lines.map((l) => (
                  <li key={l.currency}>
                    <Card className="p-5">
                      <p className="text-xs font-medium tracking-wide text-zinc-500 uppercase">
                        {l.currency}
                      </p>
                      <dl className="mt-2 grid grid-cols-2 gap-4">
                        <div>
                          <dt className="text-sm text-zinc-600">Available</dt>
                          <dd className="mt-1 text-2xl font-semibold tabular-nums">
                            {formatMoney(l.available, l.currency)}
                          </dd>
                        </div>
                        <div>
                          <dt className="text-sm text-zinc-600">Pending</dt>
                          <dd className="mt-1 text-2xl font-semibold text-zinc-700 tabular-nums">
                            {formatMoney(l.pending, l.currency)}
                          </dd>
                        </div>
                      </dl>
                    </Card>
                  </li>
                ))}
              </ul>
            )}
            <p className="mt-2 text-xs text-zinc-600">
              Pending funds become available after Stripe&apos;s settlement period; available funds
              are paid out on your payout schedule.
            </p>
          </section>

          <Card>
            <CardHeader title="Recent payouts" />
            <CardBody className="p-0">
              {result.payouts.length === 0 ? (
                <p className="px-5 py-4 text-sm text-zinc-600">No payouts yet.</p>
              ) : (
                <DataTable
                  caption="Recent payouts"
                  stackBelow="never"
                  framed={false}
                  columns={[
                    { label: "Arrives" },
                    { label: "Amount", className: "text-right" },
                    { label: "Status" },
                  ]}
                >
                  {result.payouts.map((p) => (
                    <DataRow key={p.id} stackBelow="never">
                      <DataCell stackBelow="never">
                        <time dateTime={p.arrivalDate.toISOString()}>{day(p.arrivalDate)}</time>
                        <span className="block text-xs text-zinc-600">{p.id}</span>
                      </DataCell>
                      <DataCell stackBelow="never" className="text-right tabular-nums">
                        {formatMoney(p.amount, p.currency)}
                      </DataCell>
                      <DataCell stackBelow="never">
                        <Badge tone={payoutTone[p.status] ?? "neutral"}>
                          {p.status.replace("_", " ")}
                        </Badge>
                        {p.failureMessage ? (
                          <span className="block text-xs text-red-700">{p.failureMessage}</span>
                        ) : null}
                      </DataCell>
                    </DataRow>
                  ))}
                </DataTable>
              )}
            </CardBody>
          </Card>
        </div>
      )}
    </>
  );
}
