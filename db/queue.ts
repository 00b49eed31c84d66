import "server-only";
import { log } from "@/lib/log";
import PgBoss from "pg-boss";
import { sql, type SQL } from "drizzle-orm";
import { env } from "@/lib/env";
import { getDatabaseHandle, type DatabaseHandle, type Executor, type SqlResult } from "./client";

/**
 * The job queue: pg-boss 10 on the app's own database (its tables live in the `pgboss` schema).
 * On PostgreSQL pg-boss opens a small pool of its own; on the embedded PGlite it runs through
 * the same PGlite handle as the app (pg-boss's pluggable `db` executor), so the demo and a real
 * deployment run one queue. Jobs are enqueued inside the caller's transaction (`enqueue(tx, …)`)
 * so a job exists exactly when the change that caused it committed.
 */
export const QUEUES = {
  email: "email-send",
  /** Writes an order's e-mails (confirmation, new-order notice, shipping notice) once. */
  orderNotify: "order-notify",
  stripeEvent: "stripe-event",
  expireCheckouts: "sweep-expire-checkouts",
  reconcileEvents: "sweep-reconcile-events",
  prune: "sweep-prune",
  connectReminders: "sweep-connect-reminders",
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/** Scheduled sweeps (cron, UTC). pg-boss sends each slot once, whatever the number of workers. */
export const SCHEDULES: { queue: QueueName; cron: string }[] = [
  { queue: QUEUES.expireCheckouts, cron: "*/2 * * * *" },
  { queue: QUEUES.reconcileEvents, cron: "*/5 * * * *" },
  { queue: QUEUES.prune, cron: "23 3 * * *" },
  { queue: QUEUES.connectReminders, cron: "7 * * * *" },
];

type QueueOptions = Omit<PgBoss.Queue, "name">;

function queueOptions(name: QueueName): QueueOptions {
  const e = env();
  switch (name) {
    case QUEUES.email:
      return {
        policy: "standard",
        retryLimit: e.EMAIL_MAX_ATTEMPTS - 1,
        retryDelay: e.EMAIL_RETRY_DELAY_SECONDS,
        retryBackoff: true,
        expireInSeconds: 120,
        retentionMinutes: 60 * 24 * 7,
      };
    case QUEUES.orderNotify:
      return {
        policy: "standard",
        retryLimit: 10,
        retryDelay: 10,
        retryBackoff: true,
        expireInSeconds: 120,
        retentionMinutes: 60 * 24 * 7,
      };
    case QUEUES.stripeEvent:
      // A handler that fails (e.g. a refund that overtook its payment) is retried with backoff
      // for about a day, as Stripe itself would redeliver.
      return {
        policy: "standard",
        retryLimit: 15,
        retryDelay: 5,
        retryBackoff: true,
        expireInSeconds: 300,
        retentionMinutes: 60 * 24 * 7,
      };
    default:
      // Sweeps: one at a time across all workers; a missed run is simply the next slot.
      return { policy: "singleton", retryLimit: 1, retryDelay: 30, expireInSeconds: 600 };
  }
}

/** pg-boss's executor over the caller's Drizzle transaction (or database). */
export function executorFor(db: Executor) {
  return {
    async executeSql(text: string, values: unknown[] = []): Promise<SqlResult> {
      const result = await db.execute(parameterised(text, values));
      const rows = Array.isArray(result) ? result : (result as unknown as SqlResult).rows;
      return { rows: [...rows] as Record<string, unknown>[] };
    },
  };
}

/** `$1`-style SQL text with its values as one Drizzle SQL chunk (values stay parameters). */
export function parameterised(text: string, values: unknown[]): SQL {
  const chunks: SQL[] = [];
  let last = 0;
  for (const match of text.matchAll(/\$(\d+)/g)) {
    chunks.push(sql.raw(text.slice(last, match.index)));
    chunks.push(sql`${sql.param(toParam(values[Number(match[1]) - 1]))}`);
    last = match.index + match[0].length;
  }
  chunks.push(sql.raw(text.slice(last)));
  return sql.join(chunks, sql.raw(""));
}

/**
 * A parameter as node-postgres would send it: undefined is NULL, and a plain object (a job's
 * data) is JSON — Drizzle's postgres.js driver leaves JSON serialisation to its columns.
 */
function toParam(value: unknown) {
  if (value === undefined) return null;
  if (
    value !== null &&
    typeof value === "object" &&
    !(value instanceof Date) &&
    !Array.isArray(value) &&
    !Buffer.isBuffer(value)
  ) {
    return JSON.stringify(value);
  }
  return value;
}

function bossOptions(handle: DatabaseHandle, role: "sender" | "worker"): PgBoss.ConstructorOptions {
  const base =
    handle.kind === "postgres"
      ? { connectionString: handle.url!, max: role === "worker" ? 4 : 2 }
      : { db: { executeSql: handle.executeSql } };
  return {
    ...base,
    application_name: `bazaar-${role}`,
    migrate: false,
    supervise: role === "worker",
    schedule: role === "worker",
    // Sweeps run every few minutes; check the cron table often enough to be on time.
    cronMonitorIntervalSeconds: 30,
    cronWorkerIntervalSeconds: 5,
  };
}

type Holder = { senders: Map<DatabaseHandle, Promise<PgBoss>> };
const holder: Holder = ((globalThis as { __bazaarQueue?: Holder }).__bazaarQueue ??= {
  senders: new Map(),
});

/** Stops the senders (and their pools) before a database is closed or dropped. */
export async function stopQueueSenders() {
  const senders = [...holder.senders.values()];
  holder.senders.clear();
  await Promise.allSettled(
    senders.map(async (s) => (await s).stop({ graceful: false, wait: true, close: true })),
  );
}

/** A started pg-boss for sending and inspecting jobs (no supervision, no cron). */
export function senderFor(handle: DatabaseHandle = getDatabaseHandle()): Promise<PgBoss> {
  let boss = holder.senders.get(handle);
  if (!boss) {
    boss = (async () => {
      const instance = new PgBoss(bossOptions(handle, "sender"));
      instance.on("error", (error) => log().error({ err: error }, "[queue] pg-boss error"));
      return instance.start();
    })();
    boss.catch(() => holder.senders.delete(handle));
    holder.senders.set(handle, boss);
  }
  return boss;
}

export type { DatabaseHandle };

/** Which database the queue runs on (PGlite runs one query at a time). */
export function databaseKind(handle: DatabaseHandle = getDatabaseHandle()) {
  return handle.kind;
}

/** Makes delayed jobs and retries of these queues due now (tests, `worker --once`). */
export async function makeDelayedJobsDue(queues: QueueName[]) {
  await getDatabaseHandle().executeSql(
    `update pgboss.job set start_after = now() where state in ('created', 'retry') and start_after > now() and name = any($1::text[])`,
    [queues],
  );
}

/** A pg-boss that supervises (expiry, retention) and runs the cron: one per worker process. */
export function newWorkerBoss(handle: DatabaseHandle = getDatabaseHandle()) {
  const boss = new PgBoss(bossOptions(handle, "worker"));
  boss.on("error", (error) => log().error({ err: error }, "[queue] pg-boss error"));
  return boss;
}

/**
 * Installs or upgrades pg-boss's schema, creates every queue with its retry policy and the
 * sweep schedules. Called by `migrateDatabase`, so the schema is ready before any process
 * sends or works.
 */
export async function installQueue(handle: DatabaseHandle) {
  const boss = new PgBoss({
    ...bossOptions(handle, "sender"),
    migrate: true,
  });
  boss.on("error", (error) => log().error({ err: error }, "[queue] pg-boss error"));
  await boss.start();
  try {
    for (const name of Object.values(QUEUES)) {
      const options = { name, ...queueOptions(name) };
      if (await boss.getQueue(name)) await boss.updateQueue(name, options);
      else await boss.createQueue(name, options);
    }
    for (const { queue, cron } of SCHEDULES) await boss.schedule(queue, cron, {}, { tz: "UTC" });
  } finally {
    await boss.stop({ graceful: false, wait: true, close: handle.kind === "postgres" });
  }
}

export type EnqueueOptions = Pick<
  PgBoss.SendOptions,
  "startAfter" | "singletonKey" | "singletonSeconds" | "retryLimit" | "priority" | "id"
>;

/**
 * Enqueues a job inside the caller's transaction: it commits or rolls back with the change
 * that caused it. Returns the job id (null when a singleton key already holds a job).
 */
export async function enqueue(
  db: Executor,
  queue: QueueName,
  data: object,
  options: EnqueueOptions = {},
): Promise<string | null> {
  return enqueuer().send(queue, data, { ...options, db: executorFor(db) });
}

let enqueueBoss: PgBoss | undefined;

/**
 * pg-boss's `send` with a per-call executor needs no started instance (and no pool): this one
 * only ever runs SQL through the caller's transaction. Starting one here would ask the database
 * outside that transaction — on PGlite, which runs one transaction at a time, a deadlock.
 */
function enqueuer() {
  enqueueBoss ??= new PgBoss({
    db: {
      executeSql: () => {
        throw new Error("enqueue() runs its SQL through the caller's executor only");
      },
    },
    supervise: false,
    schedule: false,
    migrate: false,
  });
  return enqueueBoss;
}
