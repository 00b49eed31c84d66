// GET /api/health — liveness plus database reachability, for load balancers and test runners.
import { checkDatabase } from "@/db/queries/health";

export async function GET() {
  const database = await checkDatabase();
  return Response.json(
    { status: database.ok ? "ok" : "unavailable", database },
    { status: database.ok ? 200 : 503, headers: { "cache-control": "no-store" } },
  );
}
