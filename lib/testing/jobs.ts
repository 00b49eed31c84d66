// Tests run the job queue explicitly: what a worker would do, now, in this process.
import { QUEUES, type QueueName } from "@/db/queue";
import { runDueJobs } from "@/lib/jobs/worker";

/** The queues that follow a request (events, order e-mails, e-mail delivery) — not the sweeps. */
export const REQUEST_QUEUES: QueueName[] = [QUEUES.stripeEvent, QUEUES.orderNotify, QUEUES.email];

/** Runs every due job of the request queues (or the given ones) until none is left. */
export function runJobs(queues: QueueName[] = REQUEST_QUEUES, includeDelayed = false) {
  return runDueJobs({ queues, includeDelayed });
}

/** A webhook route call followed by the worker's run: the effect a deployment sees shortly after. */
export async function deliverAndRun(route: (r: Request) => Promise<Response>, request: Request) {
  const response = await route(request);
  await runJobs();
  return response;
}
