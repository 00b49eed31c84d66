// Session revocation: a session cookie copied before sign-out (or a password change) no longer
// counts as signed in, in the proxy's check and in the pages' and actions' check.
import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { endUserSessions, findUserById, setUserPassword } from "@/db/queries/users";
import { authSecret } from "@/lib/auth/secret";
import { sessionIsCurrent, tokenSessionVersion } from "@/lib/auth/session-version";
import { sessionUserId } from "@/lib/route-gate";
import { makeUser } from "@/lib/testing/factories";

const COOKIE = "authjs.session-token";

async function requestWithSession(token: Record<string, unknown>) {
  const jwt = await encode({ token, secret: authSecret(), salt: COOKIE });
  return new NextRequest("http://localhost:3000/dashboard", {
    headers: { cookie: `${COOKIE}=${jwt}` },
  });
}

describe("session revocation", () => {
  it("a cookie copied before sign-out stops opening the dashboard afterwards", async () => {
    const user = await makeUser();
    const copied = await requestWithSession({ uid: user.id, role: "merchant", sv: 0 });
    expect(await sessionUserId(copied)).toBe(user.id);

    await endUserSessions(user.id); // what sign-out does
    expect(await sessionUserId(copied)).toBeNull();
    const fresh = await findUserById(user.id);
    expect(sessionIsCurrent(fresh, 0)).toBe(false);
    // Signing in again issues a token under the new version, which works.
    expect(await sessionUserId(await requestWithSession({ uid: user.id, sv: 1 }))).toBe(user.id);
  });

  it("a password change ends the sessions signed in with the old password", async () => {
    const user = await makeUser();
    const copied = await requestWithSession({ uid: user.id, sv: 0 });
    await setUserPassword(user.email, "not-a-real-hash");
    expect(await sessionUserId(copied)).toBeNull();
  });

  it("tokens issued before versions existed count as version 0; forged versions do not pass", async () => {
    const user = await makeUser();
    expect(await sessionUserId(await requestWithSession({ uid: user.id }))).toBe(user.id);
    expect(await sessionUserId(await requestWithSession({ uid: user.id, sv: 7 }))).toBeNull();
    expect(tokenSessionVersion({ sv: "0" })).toBe(0);
    expect(tokenSessionVersion({ sv: -1 })).toBe(0);
    expect(await sessionUserId(await requestWithSession({ uid: "not-a-user", sv: 0 }))).toBeNull();
  });
});
