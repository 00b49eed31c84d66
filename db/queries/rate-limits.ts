import "server-only";
import { RateLimiterDrizzle, RateLimiterRes } from "rate-limiter-flexible";
import { getDatabaseHandle, type DatabaseHandle } from "../client";
import { rateLimits } from "../schema";

/**
 * rate-limiter-flexible's Drizzle store on the `rate_limits` table: one atomic upsert per
 * consumed point, shared by every instance. One limiter per database handle and limit name.
 */
const limiters = new WeakMap<DatabaseHandle, Map<string, RateLimiterDrizzle>>();

function limiterFor(name: string, points: number, durationSeconds: number) {
  const handle = getDatabaseHandle();
  let byName = limiters.get(handle);
  if (!byName) limiters.set(handle, (byName = new Map()));
  const id = `${name}:${points}:${durationSeconds}`;
  let limiter = byName.get(id);
  if (!limiter) {
    limiter = new RateLimiterDrizzle({
      storeClient: handle.db,
      schema: rateLimits,
      keyPrefix: name,
      points,
      duration: durationSeconds,
      // Expired rows are removed by the worker's prune sweep, not by a timer in each process.
      clearExpiredByTimeout: false,
    });
    byName.set(id, limiter);
  }
  return limiter;
}

export async function consumeRateLimit(
  name: string,
  key: string,
  points: number,
  durationSeconds: number,
): Promise<{ ok: true } | { ok: false; retryAfterSeconds: number }> {
  try {
    await limiterFor(name, points, durationSeconds).consume(key);
    return { ok: true };
  } catch (error) {
    if (error instanceof RateLimiterRes) {
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(error.msBeforeNext / 1000)) };
    }
    throw error;
  }
}

export async function resetRateLimit(
  name: string,
  key: string,
  points: number,
  durationSeconds: number,
) {
  await limiterFor(name, points, durationSeconds).delete(key);
}
