import "server-only";
import { log } from "@/lib/log";
import type PgBoss from "pg-boss";
import {
  databaseKind,
  makeDelayedJobsDue,
  newWorkerBoss,
  QUEUES,
  senderFor,
  type DatabaseHandle,
  type QueueName,
} from "@/db/queue";
import { deliverEmail } from "@/lib/email/outbox";
import { notifyOrderPaid, notifyOrderShipped } from "@/lib/orders/notifications";
import { processStoredEvent } from "@/lib/stripe/webhooks";
import {
  expireOverdueCheckouts,
  pruneOldRows,
  reconcileStripeEvents,
  remindConnectDeadlines,
} from "./sweeps";

type Job = PgBoss.JobWithMetadata<Record<string, unknown>>;

/** A failed attempt pg-boss retries (with backoff) until the queue's retry limit. */
export class RetryableJobError extends Error {}

const str = (v: unknown) => (typeof v === "string" ? v : "");

/** One handler per queue; each is safe to run twice (every effect is claimed or deduplicated). */
export const HANDLERS: Record<QueueName, (job: Job) => Promise<unknown>> = {
  [QUEUES.email]: async (job) => {
    const final = job.retryCount >= job.retryLimit;
    const result = await deliverEmail(str(job.data.emailId), { final });
    if (result === "failed") throw new RetryableJobError("SMTP delivery failed; will retry.");
    // The last try failed: the message is dead-lettered, and so is its job.
    if (result === "dead") throw new RetryableJobError("SMTP delivery failed; dead-lettered.");
    return { result };
  },
  [QUEUES.orderNotify]: async (job) => {
    const orderId = str(job.data.orderId);
    if (job.data.event === "shipped") await notifyOrderShipped(orderId);
    else await notifyOrderPaid(orderId);
    return { orderId };
  },
  [QUEUES.stripeEvent]: async (job) => {
    const result = await processStoredEvent(str(job.data.eventId), {
      force: job.data.force === true,
    });
    if (result.outcome === "failed") {
      throw new RetryableJobError(`Handler failed: ${result.error ?? "unknown error"}`);
    }
    return { outcome: result.outcome, skipped: result.skipped };
  },
  [QUEUES.expireCheckouts]: () => expireOverdueCheckouts(),
  [QUEUES.reconcileEvents]: () => reconcileStripeEvents(),
  [QUEUES.prune]: () => pruneOldRows(),
  [QUEUES.connectReminders]: () => remindConnectDeadlines(),
};

/** Queues where a shopper or merchant waits on the result: polled more often. */
const FAST = new Set<QueueName>([QUEUES.stripeEvent, QUEUES.email, QUEUES.orderNotify]);

/** Jobs one worker runs at once per queue (a slow Stripe call must not hold up the rest). */
const CONCURRENCY: Partial<Record<QueueName, number>> = {
  [QUEUES.stripeEvent]: 4,
  [QUEUES.email]: 2,
  [QUEUES.orderNotify]: 2,
};

export type RunningWorker = { boss: PgBoss; stop: () => Promise<void> };

/**
 * Starts a worker: pg-boss with supervision and the cron, and a poller per queue. Any number
 * of workers may run (in the web processes or as `npm run worker`): pg-boss hands each job to
 * one of them (SKIP LOCKED) and sends each scheduled slot once.
 */
export async function startWorker(
  opts: { handle?: DatabaseHandle; pollingIntervalSeconds?: number } = {},
): Promise<RunningWorker> {
  const boss = newWorkerBoss(opts.handle);
  const kind = databaseKind(opts.handle);
  await boss.start();
  for (const name of Object.values(QUEUES)) {
    const interval = opts.pollingIntervalSeconds ?? (FAST.has(name) ? 0.5 : 2);
    // PGlite runs one query at a time, but event handlers mostly wait on Stripe: only those
    // get several pollers there.
    const concurrency =
      kind === "pglite" && name !== QUEUES.stripeEvent ? 1 : (CONCURRENCY[name] ?? 1);
    for (let i = 0; i < concurrency; i++) await work(boss, name, interval);
  }
  return {
    boss,
    stop: () => boss.stop({ graceful: true, wait: true, timeout: 10_000 }),
  };
}

async function work(boss: PgBoss, name: QueueName, interval: number) {
  await boss.work<Record<string, unknown>>(
    name,
    { pollingIntervalSeconds: interval, batchSize: 1, includeMetadata: true },
    async ([job]) => {
      if (!job) return;
      try {
        return await HANDLERS[name](job);
      } catch (error) {
        if (!(error instanceof RetryableJobError)) {
          log().error({ err: error, queue: name, job: job.id }, "[worker] job failed");
        }
        throw error;
      }
    },
  );
}

/**
 * Runs every job that is due now in the given queues, one at a time, until none is left
 * (tests and `npm run worker -- --once`). `includeDelayed` first makes retries and delayed
 * jobs due (once: a job that fails again waits for its next backoff), so a test need not wait out a backoff.
 */
export async function runDueJobs(
  opts: { queues?: QueueName[]; includeDelayed?: boolean; maxJobs?: number } = {},
): Promise<{ ran: number; failed: number }> {
  const boss = await senderFor();
  const queues = opts.queues ?? Object.values(QUEUES);
  let ran = 0;
  let failed = 0;
  if (opts.includeDelayed) await makeDelayedJobsDue(queues);
  for (let round = 0; round < (opts.maxJobs ?? 500); round++) {
    let progressed = false;
    for (const name of queues) {
      const [job] = await boss.fetch<Record<string, unknown>>(name, {
        batchSize: 1,
        includeMetadata: true,
      });
      if (!job) continue;
      progressed = true;
      ran++;
      try {
        const output = await HANDLERS[name](job);
        await boss.complete(name, job.id, (output ?? {}) as object);
      } catch (error) {
        failed++;
        await boss.fail(name, job.id, { message: String(error) });
      }
    }
    if (!progressed) break;
  }
  return { ran, failed };
}
