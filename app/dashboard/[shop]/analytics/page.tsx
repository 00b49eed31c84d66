import type { Metadata } from "next";
import { platformPaysStripeFees } from "@/lib/stripe/fee-payer";
import { shopAnalytics } from "@/db/queries/analytics";
import { findShopStripeAccount } from "@/db/queries/connect";
import { fillDays, parsePeriod, periodRange } from "@/lib/analytics/period";
import { requireShopPermission } from "@/lib/auth/session";
import { NoPermission } from "@/components/dashboard/no-permission";
import { formatMoney } from "@/lib/money";
import { DailyBarChart } from "@/components/charts/bar-chart";
import { PeriodTabs } from "@/components/charts/period-tabs";
import { StatGrid } from "@/components/charts/stat-grid";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { DataCell, DataRow, DataTable } from "@/components/ui/data-table";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Analytics" };

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function AnalyticsPage({
  params,
  searchParams,
}: {
  params: Promise<{ shop: string }>;
  searchParams: Search;
}) {
  const { shop: slug } = await params;
  const { shop, refusal } = await requireShopPermission(slug, "analytics.view");
  if (refusal) return <NoPermission title="Analytics" message={refusal} shopSlug={shop.slug} />;
  const period = parsePeriod((await searchParams).period);
  const range = periodRange(period);
  const [data, account] = await Promise.all([
    shopAnalytics(shop.id, range),
    findShopStripeAccount(shop.id),
  ]);
  const currency = shop.currency;
  const t = data.totals.find((x) => x.currency === currency.toUpperCase());
  const others = data.totals.filter((x) => x.currency !== currency.toUpperCase());
  const platformPaysStripe = platformPaysStripeFees(account);
  const stripeFeesPaid = platformPaysStripe ? 0 : (t?.stripeFees ?? 0);
  const money = (n: number) => formatMoney(n, currency);
  const series = fillDays(
    range,
    data.daily.filter((d) => d.currency === currency.toUpperCase()),
  );

  return (
    <>
      <PageHeader
        title="Analytics"
        description={`Paid orders in the last ${period} days (UTC), by the day they were paid.`}
        actions={<PeriodTabs current={period} basePath={`/dashboard/${shop.slug}/analytics`} />}
      />
      <div className="space-y-6">
        <StatGrid
          stats={[
            { label: "Revenue", value: money(t?.revenue ?? 0), hint: "Gross, before refunds" },
            { label: "Paid orders", value: t?.orders ?? 0 },
            { label: "Average order value", value: money(t?.averageOrderValue ?? 0) },
            {
              label: "Fees paid",
              value: money((t?.netApplicationFees ?? 0) + stripeFeesPaid),
              hint: platformPaysStripe
                ? `Platform fees ${money(t?.netApplicationFees ?? 0)} (after refunded fees); Bazaar pays the Stripe fees on your account`
                : `Platform fees ${money(t?.netApplicationFees ?? 0)} (after refunded fees) + Stripe fees ${money(stripeFeesPaid)}`,
            },
            { label: "Refunds", value: money(t?.refunds ?? 0) },
            {
              label: "Net sales",
              value: money(
                (t?.revenue ?? 0) -
                  (t?.refunds ?? 0) -
                  (t?.netApplicationFees ?? 0) -
                  stripeFeesPaid,
              ),
              hint: "Revenue minus refunds and fees",
            },
          ]}
        />
        {others.length ? (
          <p className="text-sm text-zinc-600">
            Also paid in other currencies:{" "}
            {others.map((o) => `${formatMoney(o.revenue, o.currency)} (${o.orders})`).join(", ")}.
          </p>
        ) : null}
        <Card>
          <CardBody>
            <DailyBarChart
              id="shop-revenue"
              title={`Daily revenue, last ${period} days`}
              data={series}
              currency={currency}
            />
          </CardBody>
        </Card>
        <Card>
          <CardHeader title="Top products" description="By revenue in the period." />
          <CardBody className="p-0">
            {data.topProducts.length === 0 ? (
              <p className="px-5 py-4 text-sm text-zinc-600">No products sold in this period.</p>
            ) : (
              <DataTable
                caption="Top products"
                stackBelow="never"
                framed={false}
                columns={[
                  { label: "Product" },
                  { label: "Units", className: "text-right" },
                  { label: "Revenue", className: "text-right" },
                ]}
              >
                {data.topProducts.map((p) => (
                  <DataRow key={`${p.productId ?? p.name}-${p.currency}`} stackBelow="never">
                    <DataCell stackBelow="never" rowHeader className="font-medium">
                      {p.name}
                    </DataCell>
                    <DataCell stackBelow="never" className="text-right tabular-nums">
                      {p.units}
                    </DataCell>
                    <DataCell stackBelow="never" className="text-right tabular-nums">
                      {formatMoney(p.revenue, p.currency)}
                    </DataCell>
                  </DataRow>
                ))}
              </DataTable>
            )}
          </CardBody>
        </Card>
      </div>
    </>
  );
}
