// Contract: connected accounts, account links, login links, onboarding state.
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { control, onboardedAccount, real, setUp, stripeError, type Harness } from "./harness";

let h: Harness;
beforeAll(async () => {
  h = await setUp();
});
afterAll(() => h.close());

const expressParams: Stripe.AccountCreateParams = {
  controller: {
    stripe_dashboard: { type: "express" },
    fees: { payer: "application" },
    losses: { payments: "application" },
    requirement_collection: "stripe",
  },
  capabilities: { card_payments: { requested: true }, transfers: { requested: true } },
  country: "US",
  email: "merchant@example.com",
  business_profile: { name: "Pottery Barnacle" },
  metadata: { shop_id: "42" },
};

describe("accounts", () => {
  it("creates an Express-style account from controller properties, not yet able to charge", async () => {
    const account = await h.stripe.accounts.create(expressParams);
    expect(account.id).toMatch(/^acct_/);
    expect(account.object).toBe("account");
    expect(account.controller?.stripe_dashboard?.type).toBe("express");
    expect(account.controller?.fees?.payer).toBe("application");
    expect(account.controller?.requirement_collection).toBe("stripe");
    expect(account.charges_enabled).toBe(false);
    expect(account.payouts_enabled).toBe(false);
    expect(account.details_submitted).toBe(false);
    expect(account.requirements?.currently_due?.length).toBeGreaterThan(0);
    expect(account.capabilities?.card_payments).toBe("inactive");
    expect(account.metadata).toEqual({ shop_id: "42" });
    expect(account.business_profile?.name).toBe("Pottery Barnacle");
    expect(account.default_currency).toBe("usd");
  });

  it("still accepts the legacy `type`", async () => {
    const express = await h.stripe.accounts.create({
      type: "express",
      capabilities: { card_payments: { requested: true }, transfers: { requested: true } },
    });
    expect(express.type).toBe("express");
    expect(express.controller?.stripe_dashboard?.type).toBe("express");
    const standard = await h.stripe.accounts.create({ type: "standard" });
    expect(standard.type).toBe("standard");
    expect(standard.controller?.fees?.payer).toBe("account");
    expect(standard.controller?.stripe_dashboard?.type).toBe("full");
  });

  it("needs `capabilities` only for accounts without a Stripe dashboard", async () => {
    const { capabilities: _, ...withoutCapabilities } = expressParams;
    const express = await h.stripe.accounts.create(withoutCapabilities);
    expect(express.controller?.stripe_dashboard?.type).toBe("express");
    if (!real)
      expect(Object.keys(express.capabilities ?? {}).sort()).toEqual([
        "card_payments",
        "transfers",
      ]);
    const full = await h.stripe.accounts.create({
      controller: {
        stripe_dashboard: { type: "full" },
        fees: { payer: "account" },
        losses: { payments: "stripe" },
      },
    });
    expect(full.controller?.stripe_dashboard?.type).toBe("full");

    const none = await stripeError(
      h.stripe.accounts.create({
        controller: {
          stripe_dashboard: { type: "none" },
          fees: { payer: "application" },
          losses: { payments: "application" },
          requirement_collection: "application",
        },
        country: "US",
      }),
    );
    expect(none).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(none.param).toBe("capabilities");
    const custom = await stripeError(h.stripe.accounts.create({ type: "custom", country: "US" }));
    expect(custom).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(custom.param).toBe("capabilities");
  });

  it("refuses `type` together with `controller`", async () => {
    const error = await stripeError(
      h.stripe.accounts.create({ ...expressParams, type: "express" }),
    );
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
  });

  it("refuses an impossible controller combination", async () => {
    const error = await stripeError(
      h.stripe.accounts.create({
        controller: { stripe_dashboard: { type: "express" }, fees: { payer: "account" } },
        capabilities: { transfers: { requested: true } },
      }),
    );
    expect(error.type).toBe("StripeInvalidRequestError");
  });

  it("retrieves, updates (recording account.updated with previous_attributes), lists and deletes", async () => {
    const account = await h.stripe.accounts.create(expressParams);
    expect((await h.stripe.accounts.retrieve(account.id)).id).toBe(account.id);
    const updated = await h.stripe.accounts.update(account.id, {
      metadata: { plan: "pro" },
      business_profile: { url: "https://shop.example.com" },
    });
    expect(updated.metadata).toEqual({ shop_id: "42", plan: "pro" });
    expect(updated.business_profile?.url).toBe("https://shop.example.com");
    const events = await h.stripe.events.list(
      { type: "account.updated" },
      { stripeAccount: account.id },
    );
    const event = events.data[0];
    expect(event?.account).toBe(account.id);
    expect(event?.data.previous_attributes).toMatchObject({ metadata: { shop_id: "42" } });

    const list = await h.stripe.accounts.list({ limit: 100 });
    expect(list.data.map((a) => a.id)).toContain(account.id);

    const deleted = await h.stripe.accounts.del(account.id);
    expect(deleted).toMatchObject({ id: account.id, deleted: true });
    const error = await stripeError(h.stripe.accounts.retrieve(account.id));
    expect(error).toBeInstanceOf(Stripe.errors.StripePermissionError);
  });

  it("answers an unknown account the way Stripe does (permission error)", async () => {
    const error = await stripeError(h.stripe.accounts.retrieve("acct_1DoesNotExist000000000"));
    expect(error).toBeInstanceOf(Stripe.errors.StripePermissionError);
    expect(error.statusCode).toBe(403);
    expect(error.message).toContain(
      "does not have access to account 'acct_1DoesNotExist000000000'",
    );
  });

  it("GET /v1/account is the platform without Stripe-Account and the connected account with it", async () => {
    const platform = await h.stripe.accounts.retrieveCurrent();
    expect(platform.object).toBe("account");
    const account = await h.stripe.accounts.create(expressParams);
    const current = await h.stripe.accounts.retrieveCurrent(undefined, {
      stripeAccount: account.id,
    });
    expect(current.id).toBe(account.id);
  });
});

describe("account links", () => {
  it("mints a single-use onboarding link that expires after 300 s", async () => {
    const account = await h.stripe.accounts.create(expressParams);
    const link = await h.stripe.accountLinks.create({
      account: account.id,
      type: "account_onboarding",
      refresh_url: "http://localhost:3000/refresh",
      return_url: "http://localhost:3000/return",
    });
    expect(link.object).toBe("account_link");
    expect(link.expires_at - link.created).toBe(300);
    if (!real) expect(link.url.startsWith(`${h.emulator?.url}/connect/onboarding/`)).toBe(true);
  });

  it("refuses account_update links for Stripe-collected accounts", async () => {
    const account = await h.stripe.accounts.create(expressParams);
    const error = await stripeError(
      h.stripe.accountLinks.create({
        account: account.id,
        type: "account_update",
        refresh_url: "http://localhost/r",
        return_url: "http://localhost/x",
      }),
    );
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(error.param).toBe("type");
  });

  it("requires refresh_url and return_url", async () => {
    const account = await h.stripe.accounts.create(expressParams);
    const error = await stripeError(
      h.stripe.accountLinks.create({
        account: account.id,
        type: "account_onboarding",
        return_url: "http://localhost/x",
      }),
    );
    expect(error.code).toBe("parameter_missing");
    expect(error.param).toBe("refresh_url");
  });
});

describe.skipIf(real)("onboarding and login links (control API)", () => {
  it("onboarding makes the account active and records account.updated with previous_attributes", async () => {
    const account = await h.stripe.accounts.create(expressParams);
    await control(h, "POST", `/accounts/${account.id}/onboard`);
    const after = await h.stripe.accounts.retrieve(account.id);
    expect(after.charges_enabled).toBe(true);
    expect(after.payouts_enabled).toBe(true);
    expect(after.details_submitted).toBe(true);
    expect(after.requirements?.currently_due).toEqual([]);
    expect(after.requirements?.disabled_reason).toBeNull();
    expect(after.capabilities?.card_payments).toBe("active");
    const events = await h.stripe.events.list(
      { type: "account.updated" },
      { stripeAccount: account.id },
    );
    expect(events.data[0]?.data.previous_attributes).toMatchObject({
      charges_enabled: false,
      details_submitted: false,
    });
  });

  it("creates Express dashboard login links only for onboarded Express accounts", async () => {
    const account = await h.stripe.accounts.create(expressParams);
    expect(await stripeError(h.stripe.accounts.createLoginLink(account.id))).toBeInstanceOf(
      Stripe.errors.StripeInvalidRequestError,
    );
    await control(h, "POST", `/accounts/${account.id}/onboard`);
    const link = await h.stripe.accounts.createLoginLink(account.id);
    expect(link.object).toBe("login_link");
    expect(link.url).toBe(`${h.emulator?.url}/express/${account.id}`);
    const standard = await onboardedAccount(h, "standard");
    expect(await stripeError(h.stripe.accounts.createLoginLink(standard))).toBeInstanceOf(
      Stripe.errors.StripeInvalidRequestError,
    );
  });
});
