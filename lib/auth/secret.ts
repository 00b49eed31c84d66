import "server-only";
import { env } from "@/lib/env";

// Only used when AUTH_SECRET is unset outside production (env.ts refuses that in production).
const DEVELOPMENT_SECRET = "bazaar-development-secret-do-not-use-in-production-0000";

/**
 * The secret that signs sessions and shoppers' order links. Its own module so code outside
 * Next (seed scripts, tests) can use it without loading next-auth.
 */
export function authSecret() {
  return env().AUTH_SECRET ?? DEVELOPMENT_SECRET;
}
