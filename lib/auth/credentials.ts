import "server-only";
import { findUserForSignIn, type SessionUser } from "@/db/queries/users";
import { burnPasswordCheck, verifyPassword } from "./password";
import { forgiveSignInAttempts, takeSignInAttempt } from "./throttle";
import { signInSchema } from "./validation";

export type CredentialsResult =
  { ok: true; user: SessionUser } | { ok: false; reason: "invalid" | "throttled" | "locked" };

/**
 * The one place a password is checked. Used by Auth.js's authorize() so that the auth route
 * handler and the sign-in server action enforce the same throttling.
 */
export async function checkCredentials(raw: unknown): Promise<CredentialsResult> {
  const parsed = signInSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const { email, password } = parsed.data;

  if (!(await takeSignInAttempt(email))) {
    await burnPasswordCheck(password);
    return { ok: false, reason: "throttled" };
  }

  const user = await findUserForSignIn(email);
  const valid = user
    ? await verifyPassword(user.passwordHash, password)
    : (await burnPasswordCheck(password), false);

  if (user && valid) await forgiveSignInAttempts(email);
  if (!user || !valid) return { ok: false, reason: "invalid" };
  if (user.lockedAt) return { ok: false, reason: "locked" };
  const { passwordHash: _omit, ...sessionUser } = user;
  return { ok: true, user: sessionUser };
}
