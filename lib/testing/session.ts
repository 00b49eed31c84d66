// The one session double for integration tests. Only Auth.js's `auth()` is replaced (in
// integration-setup.ts): everything above it runs for real — the user is re-read from the
// database (locked users and ended sessions count as signed out), the shop is loaded with the
// caller's membership and the permission map is applied, exactly as in production.
//
//   import { session } from "@/lib/testing/session";
//   session.user = await makeUser();   // signed in as that user
//   session.user = null;               // signed out

type Signed = { id: string; sessionVersion?: number };

export const session: { user: Signed | null } = { user: null };

/** Stands in for Auth.js's auth(): the JWT's claims for the signed-in test user. */
export async function testAuth() {
  const user = session.user;
  if (!user) return null;
  return { user: { id: user.id, sessionVersion: user.sessionVersion ?? 0 }, expires: "" };
}
