// Contract: Connect OAuth for Standard accounts. The consent step is Stripe's hosted page;
// here the test submits its form as a browser would (emulator-only), the rest is the SDK.
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { control, real, setUp, stripeError, type Harness } from "./harness";

describe.skipIf(real)("oauth", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await setUp();
  });
  afterAll(() => h.close());

  const redirectUri = "http://localhost:3000/api/connect/oauth/callback";

  async function consent(action: "connect_new" | "deny", state = "st_1"): Promise<URL> {
    const base = h.emulator?.url ?? "";
    const page = await fetch(
      `${base}/oauth/authorize?response_type=code&client_id=ca_emulator&scope=read_write&redirect_uri=${encodeURIComponent(redirectUri)}&state=${state}`,
    );
    expect(page.status).toBe(200);
    const response = await fetch(`${base}/oauth/authorize`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        client_id: "ca_emulator",
        redirect_uri: redirectUri,
        scope: "read_write",
        state,
        action,
        business_name: "Corner Shop",
        email: "corner@example.com",
      }).toString(),
    });
    expect(response.status).toBe(303);
    return new URL(response.headers.get("location") ?? "");
  }

  it("exchanges a code once for the connected account id", async () => {
    const callback = await consent("connect_new");
    expect(callback.origin + callback.pathname).toBe(redirectUri);
    expect(callback.searchParams.get("state")).toBe("st_1");
    expect(callback.searchParams.get("scope")).toBe("read_write");
    const code = callback.searchParams.get("code") ?? "";
    expect(code).toMatch(/^ac_/);

    const token = await h.stripe.oauth.token({ grant_type: "authorization_code", code });
    expect(token.stripe_user_id).toMatch(/^acct_/);
    expect(token.scope).toBe("read_write");
    expect(token.livemode).toBe(false);
    expect(token.stripe_publishable_key).toMatch(/^pk_test_/);
    expect(token.refresh_token).toBeTruthy();

    const account = await h.stripe.accounts.retrieve(token.stripe_user_id ?? "");
    expect(account.controller?.stripe_dashboard?.type).toBe("full");
    expect(account.controller?.fees?.payer).toBe("account");
    expect(account.charges_enabled).toBe(true);
    expect(account.business_profile?.name).toBe("Corner Shop");

    const events = await h.stripe.events.list(
      { type: "account.application.authorized" },
      { stripeAccount: token.stripe_user_id },
    );
    expect(events.data[0]?.account).toBe(token.stripe_user_id);

    const reused = await stripeError(
      h.stripe.oauth.token({ grant_type: "authorization_code", code }),
    );
    expect(reused).toBeInstanceOf(Stripe.errors.StripeInvalidGrantError);
    expect(reused.statusCode).toBe(400);
  });

  it("rejects an unknown code with invalid_grant", async () => {
    const error = await stripeError(
      h.stripe.oauth.token({ grant_type: "authorization_code", code: "ac_unknown" }),
    );
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidGrantError);
  });

  it("codes expire", async () => {
    const code = (await consent("connect_new")).searchParams.get("code") ?? "";
    await control(h, "POST", "/clock/advance", { seconds: "301" });
    expect(
      await stripeError(h.stripe.oauth.token({ grant_type: "authorization_code", code })),
    ).toBeInstanceOf(Stripe.errors.StripeInvalidGrantError);
  });

  it("denial redirects with access_denied and the state", async () => {
    const callback = await consent("deny", "st_2");
    expect(callback.searchParams.get("error")).toBe("access_denied");
    expect(callback.searchParams.get("error_description")).toBeTruthy();
    expect(callback.searchParams.get("state")).toBe("st_2");
    expect(callback.searchParams.get("code")).toBeNull();
  });

  it("deauthorize ends access and records account.application.deauthorized", async () => {
    const code = (await consent("connect_new")).searchParams.get("code") ?? "";
    const token = await h.stripe.oauth.token({ grant_type: "authorization_code", code });
    const user = token.stripe_user_id ?? "";
    const result = await h.stripe.oauth.deauthorize({
      client_id: "ca_emulator",
      stripe_user_id: user,
    });
    expect(result.stripe_user_id).toBe(user);
    expect(
      await stripeError(h.stripe.balance.retrieve(undefined, { stripeAccount: user })),
    ).toBeInstanceOf(Stripe.errors.StripePermissionError);
    const again = await stripeError(
      h.stripe.oauth.deauthorize({ client_id: "ca_emulator", stripe_user_id: user }),
    );
    expect(again).toBeInstanceOf(Stripe.errors.StripeInvalidClientError);
    const events = await h.stripe.events.list({
      type: "account.application.deauthorized",
      limit: 100,
    });
    expect(events.data.some((e) => e.account === user)).toBe(false);
  });

  it("refuses a wrong client_id on the consent page", async () => {
    const response = await fetch(
      `${h.emulator?.url}/oauth/authorize?response_type=code&client_id=ca_other&redirect_uri=${encodeURIComponent(redirectUri)}`,
    );
    expect(response.status).toBe(400);
  });
});
