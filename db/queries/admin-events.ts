import "server-only";
import { and, count, desc, eq, ilike, isNull, type SQL } from "drizzle-orm";
import { getDb } from "../client";
import { stripeAccounts, shops, stripeEvents, type StripeEventOutcome } from "../schema";

export const EVENTS_PAGE_SIZE = 25;

export type EventOutcomeFilter = StripeEventOutcome | "pending";

export type EventFilters = {
  type?: string;
  outcome?: EventOutcomeFilter;
  account?: string;
  page: number;
};

function likePrefix(q: string) {
  return `${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The stored Stripe events, newest first, without their payloads. */
export async function listStripeEvents(f: EventFilters) {
  const conditions: SQL[] = [];
  if (f.type) conditions.push(ilike(stripeEvents.type, likePrefix(f.type)));
  if (f.account) conditions.push(eq(stripeEvents.account, f.account));
  if (f.outcome === "pending") conditions.push(isNull(stripeEvents.outcome));
  else if (f.outcome) conditions.push(eq(stripeEvents.outcome, f.outcome));
  const where = conditions.length ? and(...conditions) : undefined;
  const db = getDb();
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: stripeEvents.id,
        type: stripeEvents.type,
        source: stripeEvents.source,
        account: stripeEvents.account,
        outcome: stripeEvents.outcome,
        error: stripeEvents.error,
        attempts: stripeEvents.attempts,
        receivedAt: stripeEvents.receivedAt,
      })
      .from(stripeEvents)
      .where(where)
      .orderBy(desc(stripeEvents.receivedAt), desc(stripeEvents.id))
      .limit(EVENTS_PAGE_SIZE)
      .offset((f.page - 1) * EVENTS_PAGE_SIZE),
    db.select({ n: count() }).from(stripeEvents).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

export async function getStripeEventForAdmin(id: string) {
  const db = getDb();
  const [event] = await db.select().from(stripeEvents).where(eq(stripeEvents.id, id)).limit(1);
  if (!event) return null;
  const holders = event.account
    ? await db
        .select({ id: shops.id, name: shops.name })
        .from(stripeAccounts)
        .innerJoin(shops, eq(shops.id, stripeAccounts.shopId))
        .where(eq(stripeAccounts.accountId, event.account))
    : [];
  return { event, shops: holders };
}

/** Recent events of one connected account (shop detail page). */
export async function recentEventsForAccount(accountId: string, limit = 10) {
  return getDb()
    .select({
      id: stripeEvents.id,
      type: stripeEvents.type,
      outcome: stripeEvents.outcome,
      receivedAt: stripeEvents.receivedAt,
    })
    .from(stripeEvents)
    .where(eq(stripeEvents.account, accountId))
    .orderBy(desc(stripeEvents.receivedAt))
    .limit(limit);
}
