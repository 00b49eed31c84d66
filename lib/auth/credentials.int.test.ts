import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { recordSignInAttempt } from "@/db/queries/users";
import { users } from "@/db/schema";
import { makeUser, uniqueEmail } from "@/lib/testing/factories";
import { eq } from "drizzle-orm";
import { checkCredentials } from "./credentials";
import { isSignInThrottled } from "./throttle";

describe("checkCredentials", () => {
  it("accepts the right password, case-insensitively on the e-mail", async () => {
    const user = await makeUser();
    const result = await checkCredentials({
      email: user.email.toUpperCase(),
      password: user.password,
    });
    expect(result).toMatchObject({ ok: true, user: { id: user.id, role: "merchant" } });
    expect(result.ok && "passwordHash" in result.user).toBe(false);
  });

  it("refuses a wrong password and an unknown e-mail the same way", async () => {
    const user = await makeUser();
    expect(await checkCredentials({ email: user.email, password: "wrong password" })).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect(await checkCredentials({ email: uniqueEmail(), password: "whatever" })).toEqual({
      ok: false,
      reason: "invalid",
    });
  });

  it("refuses malformed input without touching the database", async () => {
    expect(await checkCredentials({ email: "not-an-email", password: "x" })).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect(await checkCredentials(null)).toEqual({ ok: false, reason: "invalid" });
  });

  it("throttles after 5 failures in 15 minutes, even with the right password", async () => {
    const user = await makeUser();
    for (let i = 0; i < 5; i++) {
      expect(await checkCredentials({ email: user.email, password: `wrong-${i}` })).toMatchObject({
        reason: "invalid",
      });
    }
    expect(await checkCredentials({ email: user.email, password: user.password })).toEqual({
      ok: false,
      reason: "throttled",
    });
  });

  it("throttles unknown e-mails too, so throttling does not reveal accounts", async () => {
    const email = uniqueEmail();
    for (let i = 0; i < 5; i++) await checkCredentials({ email, password: "nope" });
    expect(await checkCredentials({ email, password: "nope" })).toEqual({
      ok: false,
      reason: "throttled",
    });
  });

  it("forgets failures older than the window and failures before a successful sign-in", async () => {
    const email = uniqueEmail();
    const old = new Date(Date.now() - 16 * 60 * 1000);
    for (let i = 0; i < 5; i++) await recordSignInAttempt(email, false, old);
    expect(await isSignInThrottled(email)).toBe(false);

    const user = await makeUser();
    const t = Date.now();
    for (let i = 0; i < 4; i++) await recordSignInAttempt(user.email, false, new Date(t - 60_000));
    await recordSignInAttempt(user.email, true, new Date(t - 30_000));
    await recordSignInAttempt(user.email, false, new Date(t - 10_000));
    expect(await isSignInThrottled(user.email)).toBe(false);
  });

  it("refuses a locked account", async () => {
    const user = await makeUser();
    await getDb().update(users).set({ lockedAt: new Date() }).where(eq(users.id, user.id));
    expect(await checkCredentials({ email: user.email, password: user.password })).toEqual({
      ok: false,
      reason: "locked",
    });
  });
});
