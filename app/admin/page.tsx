import Link from "next/link";
import { adminCounts } from "@/db/queries/admin-overview";
import { platformAnalytics } from "@/db/queries/analytics";
import { fillDays, parsePeriod, periodRange } from "@/lib/analytics/period";
import { requireAdmin } from "@/lib/auth/session";
import { formatMoney } from "@/lib/money";
import { DailyBarChart } from "@/components/charts/bar-chart";
import { PeriodTabs } from "@/components/charts/period-tabs";
import { StatGrid } from "@/components/charts/stat-grid";
import { Card, CardBody } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function AdminOverviewPage({ searchParams }: { searchParams: Search }) {
  await requireAdmin();
  const period = parsePeriod((await searchParams).period);
  const range = periodRange(period);
  const [c, money] = await Promise.all([adminCounts(), platformAnalytics(range)]);
  const stats = [
    { label: "Shops", value: c.shops, href: "/admin/shops" },
    { label: "Taking payments", value: c.activeShops, href: "/admin/shops?sort=status" },
    {
      label: "Needing attention",
      value: c.needingAttention,
      href: "/admin/shops?filter=attention",
    },
    { label: "Suspended", value: c.suspended, href: "/admin/shops?filter=suspended" },
    { label: "Users", value: c.users, href: "/admin/users" },
    { label: "Admins", value: c.admins, href: "/admin/users" },
  ];
  return (
    <>
      <PageHeader
        title="Platform overview"
        description={`Sales, fees and shops. Money figures cover paid orders of the last ${period} days (UTC).`}
        actions={<PeriodTabs current={period} basePath="/admin" />}
      />
      <div className="space-y-8">
        {money.totals.length === 0 ? (
          <>
            <StatGrid
              stats={[
                { label: "GMV", value: formatMoney(0, "USD") },
                { label: "Paid orders", value: 0 },
                { label: "Net platform revenue", value: formatMoney(0, "USD") },
              ]}
            />
            <Card>
              <CardBody>
                <DailyBarChart
                  id="gmv-empty"
                  title={`Daily GMV, last ${period} days`}
                  data={fillDays(range, [])}
                  currency="USD"
                />
              </CardBody>
            </Card>
          </>
        ) : (
          money.totals.map((t) => {
            const m = (n: number) => formatMoney(n, t.currency);
            const net = t.netApplicationFees - t.stripeFeesPaidByPlatform;
            return (
              <section
                key={t.currency}
                aria-labelledby={`money-${t.currency}`}
                className="space-y-4"
              >
                <h2 id={`money-${t.currency}`} className="text-base font-semibold text-zinc-900">
                  {t.currency} sales
                </h2>
                <StatGrid
                  stats={[
                    { label: "GMV", value: m(t.revenue), hint: `Refunded ${m(t.refunds)}` },
                    {
                      label: "Paid orders",
                      value: t.orders,
                      hint: `Average ${m(t.averageOrderValue)}`,
                    },
                    {
                      label: "Platform fee revenue",
                      value: m(t.netApplicationFees),
                      hint: `Collected ${m(t.applicationFees)}, refunded ${m(t.applicationFeesRefunded)}`,
                    },
                    {
                      label: "Stripe fees paid by Bazaar",
                      value: m(t.stripeFeesPaidByPlatform),
                      hint: "Express-style accounts (the platform pays)",
                    },
                    {
                      label: "Net platform revenue",
                      value: m(net),
                      hint: "Fee revenue minus Stripe fees paid",
                    },
                  ]}
                />
                <Card>
                  <CardBody>
                    <DailyBarChart
                      id={`gmv-${t.currency}`}
                      title={`Daily GMV in ${t.currency}, last ${period} days`}
                      data={fillDays(
                        range,
                        money.daily.filter((d) => d.currency === t.currency),
                      )}
                      currency={t.currency}
                    />
                  </CardBody>
                </Card>
              </section>
            );
          })
        )}
        <section aria-labelledby="shops-heading">
          <h2 id="shops-heading" className="mb-4 text-base font-semibold text-zinc-900">
            Shops and users
          </h2>
          <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            {stats.map((s) => (
              <li key={s.label}>
                <Card className="h-full">
                  <Link href={s.href} className="block rounded-xl p-5 hover:bg-zinc-50">
                    <p className="text-sm text-zinc-600">{s.label}</p>
                    <p className="mt-1 text-3xl font-semibold tabular-nums">{s.value}</p>
                  </Link>
                </Card>
              </li>
            ))}
          </ul>
        </section>
      </div>
    </>
  );
}
