import "server-only";
import { countRecentFailures, recordSignInAttempt } from "@/db/queries/users";

export const MAX_FAILED_ATTEMPTS = 5;
export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;

export const THROTTLED_MESSAGE =
  "Too many failed sign-in attempts for this e-mail. Wait 15 minutes and try again.";

export async function isSignInThrottled(email: string, now = new Date()) {
  const failures = await countRecentFailures(email, new Date(now.getTime() - THROTTLE_WINDOW_MS));
  return failures >= MAX_FAILED_ATTEMPTS;
}

export { recordSignInAttempt };
