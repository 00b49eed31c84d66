/**
 * Session revocation: every session token carries the user's session version from sign-in
 * (`sv`); sign-out and a password change bump the version in the database, and a token with an
 * older version is treated as signed out wherever the user is re-read (pages, actions, proxy).
 * Tokens issued before versions existed count as version 0, the column's default.
 */
export function tokenSessionVersion(token: Record<string, unknown> | null | undefined) {
  const v = token?.sv;
  return typeof v === "number" && Number.isInteger(v) && v >= 0 ? v : 0;
}

export function sessionIsCurrent(
  user: { sessionVersion: number; lockedAt: Date | null } | null,
  tokenVersion: number,
) {
  return user !== null && !user.lockedAt && user.sessionVersion === tokenVersion;
}
