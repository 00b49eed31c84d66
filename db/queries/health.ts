import "server-only";
import { sql } from "drizzle-orm";
import { getDatabaseHandle } from "../client";

export async function checkDatabase(timeoutMs = 2_000) {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const handle = getDatabaseHandle();
    await Promise.race([
      handle.db.execute(sql`select 1`),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error("timed out")), timeoutMs);
      }),
    ]);
    return { ok: true, driver: handle.kind, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : "unreachable" };
  } finally {
    clearTimeout(timer);
  }
}

/** Jobs of a queue that are waiting or running (the health route's `?drained` check). */
export async function countPendingJobs(queue: string) {
  const { rows } = await getDatabaseHandle().executeSql(
    `select count(*)::int as n from pgboss.job where name = $1 and state in ('created', 'retry', 'active') and start_after <= now()`,
    [queue],
  );
  return Number(rows[0]?.n ?? 0);
}
