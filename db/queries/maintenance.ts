import "server-only";
import { and, eq, gt, isNotNull, isNull, lt, lte, notExists, sql } from "drizzle-orm";
import { getDb } from "../client";
import { carts, oauthStates, orders, rateLimits, shops, stripeAccounts } from "../schema";

/** How long an untouched cart is kept. */
export const CART_RETENTION_DAYS = 30;

/**
 * The prune sweep: expired OAuth states, rate-limit counters whose window ended over an hour
 * ago, carts untouched for 30 days that no pending checkout still needs.
 */
export async function pruneOldRows(now = new Date()) {
  const db = getDb();
  const day = 24 * 60 * 60 * 1000;
  const states = await db
    .delete(oauthStates)
    .where(lt(oauthStates.expiresAt, new Date(now.getTime() - day)))
    .returning({ k: oauthStates.stateHash });
  const limits = await db
    .delete(rateLimits)
    .where(lt(rateLimits.expire, new Date(now.getTime() - 60 * 60 * 1000)))
    .returning({ k: rateLimits.key });
  const oldCarts = await db
    .delete(carts)
    .where(
      and(
        lt(carts.updatedAt, new Date(now.getTime() - CART_RETENTION_DAYS * day)),
        notExists(
          db
            .select({ one: sql`1` })
            .from(orders)
            .where(and(eq(orders.cartId, carts.id), eq(orders.status, "pending"))),
        ),
      ),
    )
    .returning({ k: carts.id });
  return { oauthStates: states.length, rateLimits: limits.length, carts: oldCarts.length };
}

/** Connected shops whose Stripe requirements are due before `until` (the reminder sweep). */
export async function shopsWithConnectDeadlineBefore(now: Date, until: Date) {
  return getDb()
    .select({
      shopId: shops.id,
      shopName: shops.name,
      shopSlug: shops.slug,
      deadline: stripeAccounts.currentDeadline,
      currentlyDue: stripeAccounts.currentlyDue,
    })
    .from(stripeAccounts)
    .innerJoin(shops, eq(shops.id, stripeAccounts.shopId))
    .where(
      and(
        isNotNull(stripeAccounts.accountId),
        isNull(stripeAccounts.disconnectedAt),
        isNotNull(stripeAccounts.currentDeadline),
        gt(stripeAccounts.currentDeadline, now),
        lte(stripeAccounts.currentDeadline, until),
        sql`jsonb_array_length(${stripeAccounts.currentlyDue}) > 0`,
      ),
    );
}

/** Connected accounts the reconciliation sweep lists events for. */
export async function connectedAccountIds() {
  const rows = await getDb()
    .select({ accountId: stripeAccounts.accountId })
    .from(stripeAccounts)
    .where(and(isNotNull(stripeAccounts.accountId), isNull(stripeAccounts.disconnectedAt)));
  return rows.map((r) => r.accountId!);
}
