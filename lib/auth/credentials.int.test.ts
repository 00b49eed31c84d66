import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { rateLimits, users } from "@/db/schema";
import { makeUser, uniqueEmail } from "@/lib/testing/factories";
import { eq } from "drizzle-orm";
import { checkCredentials } from "./credentials";

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

  it("forgets attempts once the window has passed, and after a successful sign-in", async () => {
    const email = uniqueEmail();
    for (let i = 0; i < 5; i++) await checkCredentials({ email, password: "nope" });
    expect(await checkCredentials({ email, password: "nope" })).toMatchObject({
      reason: "throttled",
    });
    // The 15-minute window ends (the counter's expiry passes): attempts are allowed again.
    await getDb()
      .update(rateLimits)
      .set({ expire: new Date(Date.now() - 1000) })
      .where(eq(rateLimits.key, `sign-in:${email}`));
    expect(await checkCredentials({ email, password: "nope" })).toMatchObject({
      reason: "invalid",
    });

    const user = await makeUser();
    for (let i = 0; i < 4; i++) await checkCredentials({ email: user.email, password: "wrong" });
    expect(await checkCredentials({ email: user.email, password: user.password })).toMatchObject({
      ok: true,
    });
    for (let i = 0; i < 4; i++) {
      expect(await checkCredentials({ email: user.email, password: "wrong" })).toMatchObject({
        reason: "invalid",
      });
    }
  });

  it("lets exactly 5 of 16 parallel wrong passwords be checked (one atomic check-and-record)", async () => {
    const user = await makeUser();
    const results = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        checkCredentials({ email: user.email, password: `parallel-${i}` }),
      ),
    );
    const reasons = results.map((r) => (r.ok ? "ok" : r.reason));
    expect(reasons.filter((r) => r === "invalid")).toHaveLength(5);
    expect(reasons.filter((r) => r === "throttled")).toHaveLength(11);
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
