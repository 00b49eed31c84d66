// GET /api/health — liveness plus database reachability, for load balancers and test runners.
// `?drained=stripe-events` also answers 503 while Stripe events wait in the job queue: a test
// harness waits for the backlog of a fresh seed before it starts (not a readiness probe: an
// instance with a backlog still serves).
import { checkDatabase, countPendingJobs } from "@/db/queries/health";
import { QUEUES } from "@/db/queue";

export async function GET(request: Request) {
  const database = await checkDatabase();
  const drained = new URL(request.url).searchParams.get("drained") === "stripe-events";
  const pending = drained && database.ok ? await countPendingJobs(QUEUES.stripeEvent) : 0;
  const ok = database.ok && pending === 0;
  return Response.json(
    { status: ok ? "ok" : "unavailable", database, ...(drained ? { pendingEvents: pending } : {}) },
    { status: ok ? 200 : 503, headers: { "cache-control": "no-store" } },
  );
}
