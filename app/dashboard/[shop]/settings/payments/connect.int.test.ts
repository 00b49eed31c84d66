// Connect actions and routes against the real emulator, started in-process.
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { startEmulator } from "@/emulator/server";
import { idleState } from "@/lib/actions";
import { makeShop, makeUser } from "@/lib/testing/factories";
import { NO_SUCH_SHOP } from "@/lib/action-pipeline";
import { session } from "@/lib/testing/session";

const emulator = await startEmulator({ port: 0, webhookRetry: { delaysMs: [], timeoutMs: 1000 } });
process.env.STRIPE_EMULATOR_URL = emulator.url;
afterAll(() => emulator.close());

vi.mock("next/navigation", () => ({
  redirect: (url: string) => {
    throw Object.assign(new Error("NEXT_REDIRECT"), { url });
  },
}));

const actions = await import("./actions");
const { GET: oauthCallback } = await import("@/app/api/stripe/oauth/callback/route");
const { GET: refreshRoute } = await import("./onboarding/refresh/route");
const { GET: returnRoute } = await import("./onboarding/return/route");
const { GET: expressDashboardRoute } = await import("./express-dashboard/route");
const { findShopStripeAccount, saveOAuthState } = await import("@/db/queries/connect");
const { findShopById } = await import("@/db/queries/shops");
const { hashState } = await import("@/lib/stripe/connect");
const { listAuditLog } = await import("@/db/queries/admin");

async function auditActions(shopId: string) {
  const { rows } = await listAuditLog({ page: 1, shopId });
  return rows.map((r) => [r.action, r.actorEmail, r.targetId]);
}

function form(values: Record<string, string>) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(values)) fd.set(k, v);
  return fd;
}

async function redirectOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    const url = (error as { url?: string }).url;
    if (url) return url;
    throw error;
  }
  throw new Error("expected a redirect");
}

async function merchantWithShop() {
  const user = await makeUser();
  const shop = await makeShop(user.id);
  return { user, shop };
}

/** Plays the merchant on Stripe's consent page; returns the callback URL Stripe sends them to. */
async function consent(authorizeUrl: string, action: "connect_new" | "deny") {
  const url = new URL(authorizeUrl);
  const body = new URLSearchParams({
    client_id: url.searchParams.get("client_id") ?? "",
    redirect_uri: url.searchParams.get("redirect_uri") ?? "",
    scope: url.searchParams.get("scope") ?? "",
    state: url.searchParams.get("state") ?? "",
    action,
    business_name: "Harbor Books",
    email: "owner@example.com",
  });
  const response = await fetch(`${emulator.url}/oauth/authorize`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body,
    redirect: "manual",
  });
  const location = response.headers.get("location");
  if (!location) throw new Error(`no redirect from consent (${response.status})`);
  return location;
}

async function callback(url: string) {
  const response = await oauthCallback(new Request(url));
  return new URL(response.headers.get("location") ?? "", "http://localhost:3000");
}

const routeCtx = (slug: string) => ({ params: Promise.resolve({ shop: slug }) });

beforeEach(() => {
  session.user = null;
});

describe("connect an existing account (OAuth)", () => {
  it("connects through the consent page and stores only the account id", async () => {
    const { user, shop } = await merchantWithShop();
    session.user = user;
    const authorize = await redirectOf(
      actions.connectStandardAction(idleState, form({ shop: shop.slug })),
    );
    const url = new URL(authorize);
    expect(url.origin).toBe(emulator.url);
    expect(url.pathname).toBe("/oauth/authorize");
    expect(url.searchParams.get("client_id")).toBe("ca_emulator");
    expect(url.searchParams.get("scope")).toBe("read_write");
    expect(url.searchParams.get("redirect_uri")).toBe(
      "http://localhost:3000/api/stripe/oauth/callback",
    );
    expect(url.searchParams.get("state")?.length).toBeGreaterThanOrEqual(40);

    const back = await consent(authorize, "connect_new");
    const landed = await callback(back);
    expect(landed.pathname).toBe(`/dashboard/${shop.slug}/settings/payments`);
    expect(landed.searchParams.get("notice")).toBe("connected");
    const account = await findShopStripeAccount(shop.id);
    expect(account).toMatchObject({ type: "standard", feesPayer: "account" });
    expect(account?.accountId).toMatch(/^acct_/);
    expect((await findShopById(shop.id))?.connectStatus).toBe("active");

    // The state is single use: replaying the callback is refused and changes nothing.
    const replay = await callback(back);
    expect(replay.pathname).toBe("/dashboard");
    expect(replay.searchParams.get("notice")).toBe("connect_invalid");

    // Connecting again while connected is refused with an explanation.
    const again = await actions.connectStandardAction(idleState, form({ shop: shop.slug }));
    expect(again.message).toMatch(/already connected/);
  });

  it("shows a friendly message when the merchant denies access", async () => {
    const { user, shop } = await merchantWithShop();
    session.user = user;
    const authorize = await redirectOf(
      actions.connectStandardAction(idleState, form({ shop: shop.slug })),
    );
    const landed = await callback(await consent(authorize, "deny"));
    expect(landed.searchParams.get("notice")).toBe("denied");
    expect((await findShopById(shop.id))?.connectStatus).toBe("not_connected");
  });

  it("refuses a missing, tampered, expired or foreign state", async () => {
    const { user, shop } = await merchantWithShop();
    session.user = user;
    const base = "http://localhost:3000/api/stripe/oauth/callback";
    expect((await callback(`${base}?code=ac_x`)).searchParams.get("notice")).toBe(
      "connect_invalid",
    );
    expect(
      (await callback(`${base}?code=ac_x&state=${"A".repeat(43)}`)).searchParams.get("notice"),
    ).toBe("connect_invalid");

    const expired = "e".repeat(43);
    await saveOAuthState({
      stateHash: hashState(expired),
      userId: user.id,
      shopId: shop.id,
      expiresAt: new Date(Date.now() - 1000),
    });
    expect((await callback(`${base}?code=ac_x&state=${expired}`)).searchParams.get("notice")).toBe(
      "expired_state",
    );

    // Another merchant presenting the owner's state (and a valid code) connects nothing.
    const authorize = await redirectOf(
      actions.connectStandardAction(idleState, form({ shop: shop.slug })),
    );
    const back = await consent(authorize, "connect_new");
    const intruder = await makeUser();
    session.user = intruder;
    expect((await callback(back)).searchParams.get("notice")).toBe("connect_invalid");
    expect((await findShopById(shop.id))?.connectStatus).toBe("not_connected");
    // …and does not burn it: the owner can still finish.
    session.user = user;
    expect((await callback(back)).searchParams.get("notice")).toBe("connected");
  });

  it("handles invalid_grant (a code used twice)", async () => {
    const { user, shop } = await merchantWithShop();
    session.user = user;
    const first = await redirectOf(
      actions.connectStandardAction(idleState, form({ shop: shop.slug })),
    );
    const back = new URL(await consent(first, "connect_new"));
    const code = back.searchParams.get("code")!;
    // Redeem the code elsewhere first, then present it with a fresh, valid state.
    const { getStripe } = await import("@/lib/stripe/client");
    await getStripe().oauth.token({ grant_type: "authorization_code", code });
    const second = await redirectOf(
      actions.connectStandardAction(idleState, form({ shop: shop.slug })),
    );
    const state = new URL(second).searchParams.get("state")!;
    const landed = await callback(
      `http://localhost:3000/api/stripe/oauth/callback?code=${code}&scope=read_write&state=${state}`,
    );
    expect(landed.searchParams.get("notice")).toBe("invalid_grant");
    expect((await findShopById(shop.id))?.connectStatus).toBe("not_connected");
  });
});

describe("create a new account (Express-style)", () => {
  it("creates the account, sends the merchant to onboarding, and re-reads it on return", async () => {
    const { user, shop } = await merchantWithShop();
    session.user = user;
    const link = await redirectOf(
      actions.createExpressAction(idleState, form({ shop: shop.slug })),
    );
    expect(link).toMatch(new RegExp(`^${emulator.url}/connect/onboarding/`));
    const account = await findShopStripeAccount(shop.id);
    expect(account).toMatchObject({
      type: "express",
      feesPayer: "application",
      detailsSubmitted: false,
    });
    expect((await findShopById(shop.id))?.connectStatus).toBe("onboarding");

    // Back without finishing: the return route re-reads the account and says so.
    const early = await returnRoute(new Request("http://localhost:3000/x"), routeCtx(shop.slug));
    expect(early.headers.get("location")).toContain("notice=onboarding_incomplete");
    expect((await findShopById(shop.id))?.connectStatus).toBe("onboarding");

    // An expired or used link: refresh_url mints a fresh one.
    const refreshed = await refreshRoute(
      new Request("http://localhost:3000/x"),
      routeCtx(shop.slug),
    );
    expect(refreshed.status).toBe(303);
    const fresh = refreshed.headers.get("location")!;
    expect(fresh).toMatch(/\/connect\/onboarding\//);
    expect(fresh).not.toBe(link);

    await fetch(`${emulator.url}/_emulator/accounts/${account!.accountId}/onboard`, {
      method: "POST",
    });
    const done = await returnRoute(new Request("http://localhost:3000/x"), routeCtx(shop.slug));
    expect(done.headers.get("location")).toContain("notice=onboarding_complete");
    expect((await findShopById(shop.id))?.connectStatus).toBe("active");

    const dashboard = await expressDashboardRoute(
      new Request("http://localhost:3000/x"),
      routeCtx(shop.slug),
    );
    expect(dashboard.headers.get("location")).toBe(`${emulator.url}/express/${account!.accountId}`);

    // One account per shop.
    const again = await actions.createExpressAction(idleState, form({ shop: shop.slug }));
    expect(again.message).toMatch(/already connected/);
    expect((await findShopStripeAccount(shop.id))?.accountId).toBe(account!.accountId);
  });

  it("refuses another merchant's shop and changes nothing", async () => {
    const { shop } = await merchantWithShop();
    session.user = await makeUser();
    for (const action of [
      actions.createExpressAction,
      actions.connectStandardAction,
      actions.finishOnboardingAction,
      actions.refreshStatusAction,
    ]) {
      const state = await action(idleState, form({ shop: shop.slug }));
      expect(state.status).toBe("error");
      expect(state).toMatchObject({ code: "forbidden", message: NO_SUCH_SHOP });
    }
    const disconnect = await actions.disconnectAction(
      idleState,
      form({ shop: shop.slug, confirm: "yes" }),
    );
    expect(disconnect.status).toBe("error");
    for (const route of [refreshRoute, returnRoute, expressDashboardRoute]) {
      const response = await route(new Request("http://localhost:3000/x"), routeCtx(shop.slug));
      expect(response.status).toBe(404);
    }
    expect(await findShopStripeAccount(shop.id)).toBeNull();
    expect((await findShopById(shop.id))?.connectStatus).toBe("not_connected");
  });

  it("rejects malformed input with a clear message", async () => {
    const { user } = await merchantWithShop();
    session.user = user;
    for (const shop of ["", "../etc", "A".repeat(80), "Bad Slug"]) {
      const state = await actions.createExpressAction(idleState, form({ shop }));
      expect(state.status).toBe("error");
    }
    const missing = await actions.refreshStatusAction(idleState, new FormData());
    expect(missing.status).toBe("error");
  });
});

describe("disconnect", () => {
  it("needs confirmation, then unlinks a created account", async () => {
    const { user, shop } = await merchantWithShop();
    session.user = user;
    await redirectOf(actions.createExpressAction(idleState, form({ shop: shop.slug })));
    const unconfirmed = await actions.disconnectAction(idleState, form({ shop: shop.slug }));
    expect(unconfirmed.fieldErrors?.confirm).toMatch(/Tick the box/);
    expect((await findShopById(shop.id))?.connectStatus).toBe("onboarding");
    const done = await redirectOf(
      actions.disconnectAction(idleState, form({ shop: shop.slug, confirm: "yes" })),
    );
    expect(done).toContain("notice=unlinked");
    expect(await findShopStripeAccount(shop.id)).toBeNull();
    expect((await findShopById(shop.id))?.connectStatus).toBe("not_connected");
    const audit = await auditActions(shop.id);
    expect(audit.map((a) => a.slice(0, 2))).toEqual([
      ["shop.stripe_disconnected", user.email],
      ["shop.stripe_connected", user.email],
    ]);
    expect(audit[0]?.[2]).toMatch(/^acct_/);
  });

  it("deauthorizes a Standard account and marks the shop disconnected", async () => {
    const { user, shop } = await merchantWithShop();
    session.user = user;
    const authorize = await redirectOf(
      actions.connectStandardAction(idleState, form({ shop: shop.slug })),
    );
    await callback(await consent(authorize, "connect_new"));
    const accountId = (await findShopStripeAccount(shop.id))!.accountId!;
    const done = await redirectOf(
      actions.disconnectAction(idleState, form({ shop: shop.slug, confirm: "yes" })),
    );
    expect(done).toContain("notice=disconnected");
    expect((await findShopById(shop.id))?.connectStatus).toBe("disconnected");
    expect(await auditActions(shop.id)).toEqual([
      ["shop.stripe_disconnected", user.email, accountId],
      ["shop.stripe_connected", user.email, accountId],
    ]);
    const { getStripe } = await import("@/lib/stripe/client");
    await expect(getStripe().accounts.retrieve(accountId)).rejects.toThrow();
    // Refresh on a disconnected shop explains instead of calling Stripe.
    const refresh = await actions.refreshStatusAction(idleState, form({ shop: shop.slug }));
    expect(refresh.message).toMatch(/disconnected/);
  });
});
