import "server-only";
import { and, desc, eq, gte, lte, sql, type SQL } from "drizzle-orm";
import type { PeriodRange } from "@/lib/analytics/period";
import { getDb } from "../client";
import { orderItems, orders, stripeAccounts } from "../schema";

// Every figure here comes from paid orders, bucketed by the time they were paid (paidAt, UTC).

const sumInt = (expr: SQL) => sql<number>`coalesce(sum(${expr}), 0)::bigint`.mapWith(Number);

function paidIn(range: PeriodRange, shopId?: string) {
  const conditions = [
    eq(orders.status, "paid"),
    gte(orders.paidAt, range.start),
    lte(orders.paidAt, range.end),
  ];
  if (shopId) conditions.push(eq(orders.shopId, shopId));
  return and(...conditions);
}

/** True when the platform pays Stripe's processing fee for the order's shop (Express-style). */
const dayOf = sql<string>`to_char(${orders.paidAt} at time zone 'UTC', 'YYYY-MM-DD')`;

export type MoneySummary = {
  currency: string;
  /** Gross sales: the paid orders' totals (refunds are reported separately). */
  revenue: number;
  orders: number;
  /** Revenue / orders, rounded to the minor unit. */
  averageOrderValue: number;
  refunds: number;
  applicationFees: number;
  applicationFeesRefunded: number;
  /** Application fees kept by the platform: collected minus refunded. */
  netApplicationFees: number;
  stripeFees: number;
  /** Stripe fees on orders of shops whose fees the platform pays (Express-style). */
  stripeFeesPaidByPlatform: number;
};

function toSummary(r: {
  currency: string;
  revenue: number;
  orders: number;
  refunds: number;
  applicationFees: number;
  applicationFeesRefunded: number;
  stripeFees: number;
  stripeFeesPaidByPlatform: number;
}): MoneySummary {
  return {
    ...r,
    currency: r.currency.trim().toUpperCase(),
    averageOrderValue: r.orders > 0 ? Math.round(r.revenue / r.orders) : 0,
    netApplicationFees: r.applicationFees - r.applicationFeesRefunded,
  };
}

const summaryColumns = {
  currency: orders.currency,
  revenue: sumInt(sql`${orders.total}`),
  orders: sql<number>`count(*)::int`.mapWith(Number),
  refunds: sumInt(sql`${orders.refundedAmount}`),
  applicationFees: sumInt(sql`${orders.applicationFee}`),
  applicationFeesRefunded: sumInt(sql`${orders.applicationFeeRefunded}`),
  stripeFees: sumInt(sql`coalesce(${orders.stripeFee}, 0)`),
  stripeFeesPaidByPlatform: sumInt(sql`coalesce(${orders.platformStripeFee}, 0)`),
};

/** One summary per currency, largest revenue first. */
async function summaries(range: PeriodRange, shopId?: string): Promise<MoneySummary[]> {
  const rows = await getDb()
    .select(summaryColumns)
    .from(orders)
    .leftJoin(stripeAccounts, eq(stripeAccounts.shopId, orders.shopId))
    .where(paidIn(range, shopId))
    .groupBy(orders.currency)
    .orderBy(desc(sumInt(sql`${orders.total}`)));
  return rows.map(toSummary);
}

export type DailyAmount = { currency: string; day: string; amount: number };

async function daily(range: PeriodRange, shopId?: string): Promise<DailyAmount[]> {
  const rows = await getDb()
    .select({ currency: orders.currency, day: dayOf, amount: sumInt(sql`${orders.total}`) })
    .from(orders)
    .where(paidIn(range, shopId))
    .groupBy(orders.currency, dayOf);
  return rows.map((r) => ({ ...r, currency: r.currency.trim().toUpperCase() }));
}

export type TopProduct = {
  productId: string | null;
  name: string;
  units: number;
  revenue: number;
  currency: string;
};

/** Best sellers by revenue (line totals before refunds), then units. */
async function topProducts(range: PeriodRange, shopId: string, limit = 5): Promise<TopProduct[]> {
  const key = sql`coalesce(${orderItems.productId}::text, ${orderItems.productName})`;
  const revenue = sumInt(sql`${orderItems.unitPrice} * ${orderItems.quantity}`);
  const rows = await getDb()
    .select({
      productId: sql<string | null>`(array_agg(${orderItems.productId}::text))[1]`,
      name: sql<string>`(array_agg(${orderItems.productName} order by ${orders.paidAt} desc))[1]`,
      units: sumInt(sql`${orderItems.quantity}`),
      revenue,
      currency: orders.currency,
    })
    .from(orderItems)
    .innerJoin(orders, eq(orders.id, orderItems.orderId))
    .where(paidIn(range, shopId))
    .groupBy(key, orders.currency)
    .orderBy(desc(revenue), desc(sumInt(sql`${orderItems.quantity}`)))
    .limit(limit);
  return rows.map((r) => ({ ...r, currency: r.currency.trim().toUpperCase() }));
}

export async function shopAnalytics(shopId: string, range: PeriodRange) {
  const [totals, days, top] = await Promise.all([
    summaries(range, shopId),
    daily(range, shopId),
    topProducts(range, shopId),
  ]);
  return { totals, daily: days, topProducts: top };
}

export async function platformAnalytics(range: PeriodRange) {
  const [totals, days] = await Promise.all([summaries(range), daily(range)]);
  return { totals, daily: days };
}

/** GMV and platform fee revenue (net of refunded fees) per shop, for the admin shops table. */
export function shopPeriodMoneyColumns(range: PeriodRange, shopIdColumn: SQL | unknown) {
  const where = sql`o.status = 'paid' and o.paid_at >= ${range.start.toISOString()}::timestamptz and o.paid_at <= ${range.end.toISOString()}::timestamptz and o.shop_id = ${shopIdColumn}`;
  return {
    gmv: sql<number>`(select coalesce(sum(o.total), 0)::bigint from ${orders} o where ${where})`.mapWith(
      Number,
    ),
    feeRevenue:
      sql<number>`(select coalesce(sum(o.application_fee - o.application_fee_refunded), 0)::bigint from ${orders} o where ${where})`.mapWith(
        Number,
      ),
    paidOrders: sql<number>`(select count(*)::int from ${orders} o where ${where})`.mapWith(Number),
  };
}
