import "server-only";
import { and, eq, isNull, or, sql } from "drizzle-orm";
import { getDb } from "../client";
import { stripeEvents, type StripeEventOutcome, type StripeEventSource } from "../schema";

export type StoredEvent = {
  id: string;
  type: string;
  source: StripeEventSource;
  account: string | null;
  livemode: boolean;
  payload: unknown;
  created: Date;
  outcome: StripeEventOutcome | null;
  attempts: number;
  error: string | null;
};

const storedColumns = {
  id: stripeEvents.id,
  type: stripeEvents.type,
  source: stripeEvents.source,
  account: stripeEvents.account,
  livemode: stripeEvents.livemode,
  payload: stripeEvents.payload,
  created: stripeEvents.created,
  outcome: stripeEvents.outcome,
  attempts: stripeEvents.attempts,
  error: stripeEvents.error,
};

/** Stores an event once by id; a redelivery finds the stored row. Returns whether it was new. */
export async function storeStripeEvent(input: {
  id: string;
  type: string;
  source: StripeEventSource;
  account: string | null;
  livemode: boolean;
  payload: unknown;
  created: Date;
}): Promise<{ inserted: boolean }> {
  const rows = await getDb()
    .insert(stripeEvents)
    .values(input)
    .onConflictDoNothing({ target: stripeEvents.id })
    .returning({ id: stripeEvents.id });
  return { inserted: rows.length > 0 };
}

export async function findStripeEvent(id: string): Promise<StoredEvent | null> {
  const [row] = await getDb()
    .select(storedColumns)
    .from(stripeEvents)
    .where(eq(stripeEvents.id, id))
    .limit(1);
  return row ?? null;
}

/**
 * Claims an event for a processing attempt: counts the attempt and returns the event, or null
 * when it was already processed or ignored (unless `force`, for an admin replay).
 */
export async function claimStripeEvent(
  id: string,
  opts: { force?: boolean } = {},
): Promise<StoredEvent | null> {
  const notDone = or(isNull(stripeEvents.outcome), eq(stripeEvents.outcome, "failed"));
  const [row] = await getDb()
    .update(stripeEvents)
    .set({ attempts: sql`${stripeEvents.attempts} + 1` })
    .where(opts.force ? eq(stripeEvents.id, id) : and(eq(stripeEvents.id, id), notDone))
    .returning(storedColumns);
  return row ?? null;
}

export async function recordStripeEventOutcome(
  id: string,
  outcome: StripeEventOutcome,
  error: string | null = null,
) {
  await getDb()
    .update(stripeEvents)
    .set({
      outcome,
      error,
      processedAt: outcome === "failed" ? null : new Date(),
    })
    .where(eq(stripeEvents.id, id));
}
