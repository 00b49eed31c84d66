import "server-only";
import { normaliseEmail } from "@/db/queries/users";
import { consumeLimit, resetLimit } from "@/lib/rate-limit";

export const THROTTLED_MESSAGE =
  "Too many failed sign-in attempts for this e-mail. Wait 15 minutes and try again.";

/**
 * Takes one sign-in attempt for the e-mail before the password is checked (one atomic
 * check-and-record): false once the window's attempts are spent, so parallel guesses cannot
 * all slip between a check and a record.
 */
export async function takeSignInAttempt(email: string): Promise<boolean> {
  return (await consumeLimit("sign-in", normaliseEmail(email))).ok;
}

/** A successful sign-in forgives the earlier failures. */
export async function forgiveSignInAttempts(email: string) {
  await resetLimit("sign-in", normaliseEmail(email));
}
