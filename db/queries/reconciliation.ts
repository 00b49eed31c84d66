import "server-only";
import { and, eq, gte, inArray, isNotNull, lte } from "drizzle-orm";
import { getDb } from "../client";
import { orders, shops } from "../schema";

// What fee reconciliation (lib/admin/reconciliation) reads from our side.

const orderColumns = {
  id: orders.id,
  number: orders.number,
  shopId: orders.shopId,
  shopName: shops.name,
  account: orders.stripeAccountId,
  chargeId: orders.chargeId,
  currency: orders.currency,
  applicationFee: orders.applicationFee,
  applicationFeeRefunded: orders.applicationFeeRefunded,
};

/** Paid orders of the period with the fee Bazaar expects from each. */
export async function listPaidOrderFees(start: Date, end: Date) {
  return getDb()
    .select(orderColumns)
    .from(orders)
    .innerJoin(shops, eq(shops.id, orders.shopId))
    .where(and(eq(orders.status, "paid"), gte(orders.paidAt, start), lte(orders.paidAt, end)));
}

/** Which of these charge ids belong to an order of ours (whatever its period). */
export async function chargesWithOrders(chargeIds: string[]): Promise<string[]> {
  if (chargeIds.length === 0) return [];
  const found = await getDb()
    .select({ chargeId: orders.chargeId })
    .from(orders)
    .where(and(inArray(orders.chargeId, chargeIds), isNotNull(orders.chargeId)));
  return found.flatMap((f) => (f.chargeId ? [f.chargeId] : []));
}
