import "server-only";
import { randomUUID } from "node:crypto";
import { and, eq, inArray, isNull, lt, max, or, sql } from "drizzle-orm";
import { getDb } from "../client";
import { enqueue, QUEUES } from "../queue";
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
  /** A worker holds an unexpired claim on it right now. */
  claimed: boolean;
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
  claimed: sql<boolean>`coalesce(${stripeEvents.claimedUntil} > now(), false)`,
};

/**
 * Stores an event once by id and, only when it is new, enqueues its processing job in the same
 * transaction: a redelivery (or the same event at two instances at once) finds the stored row
 * and enqueues nothing. Returns whether it was new.
 */
export async function storeStripeEvent(input: {
  id: string;
  type: string;
  source: StripeEventSource;
  account: string | null;
  livemode: boolean;
  payload: unknown;
  created: Date;
  receivedVia?: "webhook" | "reconciliation";
}): Promise<{ inserted: boolean }> {
  // One statement, one round trip: the event, and — from its RETURNING, so only when it is new —
  // its job, written as pg-boss's own send writes it (queue policy, retries, expiry, retention;
  // a test compares the two rows). A webhook is answered right after.
  const result = await getDb().execute(sql`
    with ev as (
      insert into stripe_events (id, type, source, account, livemode, payload, created, received_via)
      values (${input.id}, ${input.type}, ${input.source}, ${input.account}, ${input.livemode},
              ${JSON.stringify(input.payload)}::jsonb, ${input.created.toISOString()}::timestamptz,
              ${input.receivedVia ?? "webhook"})
      on conflict (id) do nothing
      returning id
    ), job as (
      insert into pgboss.job (id, name, data, priority, start_after, dead_letter, expire_in,
                              keep_until, retry_limit, retry_delay, retry_backoff, policy)
      select gen_random_uuid(), q.name, jsonb_build_object('eventId', ev.id), 0, now(),
             q.dead_letter,
             coalesce(q.expire_seconds * interval '1s', interval '15 minutes'),
             now() + cast(coalesce((q.retention_minutes * 60)::text, '14 days') as interval),
             coalesce(q.retry_limit, 2),
             case when coalesce(q.retry_backoff, false) then greatest(q.retry_delay, 1)
                  else coalesce(q.retry_delay, 0) end,
             coalesce(q.retry_backoff, false),
             q.policy
      from ev join pgboss.queue q on q.name = ${QUEUES.stripeEvent}
      returning id
    )
    select (select count(*) from ev)::int as inserted, (select count(*) from job)::int as jobs
  `);
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as {
    inserted: number;
    jobs: number;
  }[];
  const inserted = Number(rows[0]?.inserted ?? 0) > 0;
  if (inserted && Number(rows[0]?.jobs ?? 0) !== 1) {
    // No queue to put its job in: keep nothing, so Stripe's redelivery finds no stored event.
    await getDb().delete(stripeEvents).where(eq(stripeEvents.id, input.id));
    throw new Error("The stripe-event queue is missing: run the migrations (npm run db:migrate).");
  }
  return { inserted };
}

/** The admin replay: a forced processing job, ahead of any backlog (an admin is waiting). */
export async function enqueueEventReplay(eventId: string) {
  await getDb().transaction((tx) =>
    enqueue(tx, QUEUES.stripeEvent, { eventId, force: true }, { retryLimit: 0, priority: 10 }),
  );
}

export async function findStripeEvent(id: string): Promise<StoredEvent | null> {
  const [row] = await getDb()
    .select(storedColumns)
    .from(stripeEvents)
    .where(eq(stripeEvents.id, id))
    .limit(1);
  return row ?? null;
}

/** Events of these ids we already hold (the reconciliation sweep skips them). */
export async function knownStripeEventIds(ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await getDb()
    .select({ id: stripeEvents.id })
    .from(stripeEvents)
    .where(inArray(stripeEvents.id, ids));
  return new Set(rows.map((r) => r.id));
}

/** The newest event `created` seen from this source/account (where reconciliation resumes). */
export async function newestStripeEventCreated(account: string | null): Promise<Date | null> {
  const [row] = await getDb()
    .select({ created: max(stripeEvents.created) })
    .from(stripeEvents)
    .where(account ? eq(stripeEvents.account, account) : isNull(stripeEvents.account));
  return row?.created ? new Date(row.created) : null;
}

/** How long one worker holds an event while its handler runs. */
export const EVENT_LEASE_SECONDS = 300;

/**
 * Claims an event for one processing attempt with an exclusive lease: counts the attempt and
 * returns the event and the claim token, or null when it was already processed or ignored
 * (unless `force`, the admin replay) or another worker holds an unexpired claim. Only the
 * holder of the token records the outcome.
 */
export async function claimStripeEvent(
  id: string,
  opts: { force?: boolean } = {},
): Promise<(StoredEvent & { claimToken: string }) | null> {
  const token = randomUUID();
  const notDone = or(isNull(stripeEvents.outcome), eq(stripeEvents.outcome, "failed"));
  const free = or(isNull(stripeEvents.claimedUntil), lt(stripeEvents.claimedUntil, sql`now()`));
  const [row] = await getDb()
    .update(stripeEvents)
    .set({
      attempts: sql`${stripeEvents.attempts} + 1`,
      claimToken: token,
      claimedUntil: sql`now() + make_interval(secs => ${EVENT_LEASE_SECONDS})`,
    })
    .where(
      opts.force ? and(eq(stripeEvents.id, id), free) : and(eq(stripeEvents.id, id), notDone, free),
    )
    .returning(storedColumns);
  return row ? { ...row, claimToken: token } : null;
}

/** Records the outcome of a claimed attempt; false when the claim was lost (nothing written). */
export async function recordStripeEventOutcome(
  id: string,
  claimToken: string,
  outcome: StripeEventOutcome,
  error: string | null = null,
  processedBy: string | null = null,
): Promise<boolean> {
  const rows = await getDb()
    .update(stripeEvents)
    .set({
      outcome,
      error,
      processedAt: outcome === "failed" ? null : new Date(),
      processedBy,
      claimToken: null,
      claimedUntil: null,
    })
    .where(and(eq(stripeEvents.id, id), eq(stripeEvents.claimToken, claimToken)))
    .returning({ id: stripeEvents.id });
  return rows.length > 0;
}
