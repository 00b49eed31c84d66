import "server-only";
import { headers } from "next/headers";
import { consumeRateLimit, resetRateLimit } from "@/db/queries/rate-limits";
import { env } from "@/lib/env";

/**
 * Rate limits that hold under concurrency and across instances: rate-limiter-flexible's Drizzle
 * store keeps one counter row per key in PostgreSQL (or the embedded PGlite) and consumes with a
 * single atomic upsert, so 16 parallel attempts against a limit of 5 get exactly 5 through.
 */
export type LimitName = "sign-in" | "sign-up" | "checkout";

type LimitSpec = { points: number; durationSeconds: number };

function specOf(name: LimitName): LimitSpec {
  const e = env();
  switch (name) {
    case "sign-in":
      return { points: e.SIGNIN_MAX_ATTEMPTS, durationSeconds: 15 * 60 };
    case "sign-up":
      return { points: e.SIGNUP_LIMIT_PER_HOUR, durationSeconds: 60 * 60 };
    case "checkout":
      return { points: e.CHECKOUT_LIMIT_PER_CLIENT, durationSeconds: 10 * 60 };
  }
}

export type LimitResult = { ok: true } | { ok: false; retryAfterSeconds: number };

/** Consumes one point for `key`; refused once the window's points are spent. */
export async function consumeLimit(name: LimitName, key: string): Promise<LimitResult> {
  const spec = specOf(name);
  return consumeRateLimit(name, key.slice(0, 200), spec.points, spec.durationSeconds);
}

/** Clears a key's counter (a successful sign-in forgives earlier mistakes). */
export async function resetLimit(name: LimitName, key: string) {
  const spec = specOf(name);
  await resetRateLimit(name, key.slice(0, 200), spec.points, spec.durationSeconds);
}

/**
 * The calling client's address: X-Forwarded-For as `next start` writes it (it appends the
 * socket's address), read `TRUSTED_PROXY_HOPS` entries from the right so a client cannot
 * choose its own address by sending the header.
 */
export function clientAddressFrom(forwardedFor: string | null, hops = env().TRUSTED_PROXY_HOPS) {
  const parts = (forwardedFor ?? "")
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 0) return "unknown";
  return parts[Math.max(0, parts.length - 1 - hops)]!;
}

/** The current request's client address (server actions and route handlers). */
export async function clientAddress() {
  const h = await headers();
  return clientAddressFrom(h.get("x-forwarded-for"));
}

/** "3 minutes" / "45 seconds" for messages. */
export function waitText(seconds: number) {
  if (seconds >= 90) return `${Math.ceil(seconds / 60)} minutes`;
  return `${seconds} seconds`;
}
