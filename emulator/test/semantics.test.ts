// Contract: authentication, error shapes, idempotency, pagination, expand and events.
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lineItem, onboardedAccount, real, setUp, stripeError, type Harness } from "./harness";

let h: Harness;
let account: string;
beforeAll(async () => {
  h = await setUp();
  account = await onboardedAccount(h, "express");
});
afterAll(() => h.close());

describe("errors", () => {
  it.skipIf(real)("a wrong secret key is an authentication error", async () => {
    const bad = new Stripe("sk_test_wrong", {
      host: "127.0.0.1",
      port: h.emulator?.port,
      protocol: "http",
      maxNetworkRetries: 0,
    });
    const error = await stripeError(bad.balance.retrieve());
    expect(error).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
    expect(error.statusCode).toBe(401);
  });

  it("an unknown route is a Stripe-shaped 404", async () => {
    const error = await stripeError(h.stripe.rawRequest("GET", "/v1/no_such_things", {}));
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(error.statusCode).toBe(404);
    expect(error.message).toContain("Unrecognized request URL (GET: /v1/no_such_things)");
  });

  it("an unknown parameter is parameter_unknown with param", async () => {
    const error = await stripeError(
      h.stripe.paymentIntents.create({
        amount: 1000,
        currency: "usd",
        colour: "blue",
      } as Stripe.PaymentIntentCreateParams),
    );
    expect(error.statusCode).toBe(400);
    expect(error.code).toBe("parameter_unknown");
    expect(error.param).toBe("colour");
    expect(error.message).toBe("Received unknown parameter: colour");
  });

  it("a missing object is resource_missing", async () => {
    const error = await stripeError(h.stripe.paymentIntents.retrieve("pi_1Nope000000000000000000"));
    expect(error.statusCode).toBe(404);
    expect(error.code).toBe("resource_missing");
    expect(error.param).toBe("id");
  });

  it("an invalid integer is parameter_invalid_integer", async () => {
    const error = await stripeError(
      h.stripe.paymentIntents.create({ amount: "ten" as unknown as number, currency: "usd" }),
    );
    expect(error.code).toBe("parameter_invalid_integer");
    expect(error.param).toBe("amount");
  });
});

describe("idempotency", () => {
  const params: Stripe.Checkout.SessionCreateParams = {
    mode: "payment",
    line_items: [lineItem(1000)],
    success_url: "http://localhost/s",
  };

  it("replays the stored reply for the same key and body, without a second side effect", async () => {
    const key = `test-${Math.random()}`;
    const first = await h.stripe.checkout.sessions.create(params, {
      stripeAccount: account,
      idempotencyKey: key,
    });
    const second = await h.stripe.checkout.sessions.create(params, {
      stripeAccount: account,
      idempotencyKey: key,
    });
    expect(second.id).toBe(first.id);
    const list = await h.stripe.checkout.sessions.list({ limit: 100 }, { stripeAccount: account });
    expect(list.data.filter((s) => s.id === first.id)).toHaveLength(1);
  });

  it("does not record a second event when a paying request is replayed", async () => {
    const key = `pay-${Math.random()}`;
    const create = {
      amount: 1500,
      currency: "usd",
      payment_method: "pm_card_visa",
      allowed_payment_method_types: ["card"],
      confirm: true,
    };
    const first = await h.stripe.paymentIntents.create(create, {
      stripeAccount: account,
      idempotencyKey: key,
    });
    const second = await h.stripe.paymentIntents.create(create, {
      stripeAccount: account,
      idempotencyKey: key,
    });
    expect(second.id).toBe(first.id);
    const events = await h.stripe.events.list(
      { type: "payment_intent.succeeded", limit: 100 },
      { stripeAccount: account },
    );
    expect(
      events.data.filter((e) => (e.data.object as Stripe.PaymentIntent).id === first.id),
    ).toHaveLength(1);
    const succeeded = events.data.find(
      (e) => (e.data.object as Stripe.PaymentIntent).id === first.id,
    );
    expect(succeeded?.request?.idempotency_key).toBe(key);
  });

  it("refuses the same key with a different body (idempotency_error)", async () => {
    const key = `diff-${Math.random()}`;
    await h.stripe.checkout.sessions.create(params, {
      stripeAccount: account,
      idempotencyKey: key,
    });
    const error = await stripeError(
      h.stripe.checkout.sessions.create(
        { ...params, client_reference_id: "other" },
        { stripeAccount: account, idempotencyKey: key },
      ),
    );
    expect(error).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    expect(error.statusCode).toBe(400);
  });
});

describe("pagination and expand", () => {
  it("pages with limit, starting_after and ending_before, newest first", async () => {
    const fresh = await onboardedAccount(h, "express");
    const ids: string[] = [];
    for (let i = 0; i < 5; i++)
      ids.push(
        (
          await h.stripe.checkout.sessions.create(
            {
              ...{
                mode: "payment",
                line_items: [lineItem(1000 + i)],
                success_url: "http://localhost/s",
              },
            },
            { stripeAccount: fresh },
          )
        ).id,
      );
    const newestFirst = [...ids].reverse();
    if (real) return;
    const page1 = await h.stripe.checkout.sessions.list({ limit: 2 }, { stripeAccount: fresh });
    expect(page1.object).toBe("list");
    expect(page1.url).toBe("/v1/checkout/sessions");
    expect(page1.has_more).toBe(true);
    expect(page1.data.map((s) => s.id)).toEqual(newestFirst.slice(0, 2));
    const page2 = await h.stripe.checkout.sessions.list(
      { limit: 2, starting_after: page1.data[1]?.id },
      { stripeAccount: fresh },
    );
    expect(page2.data.map((s) => s.id)).toEqual(newestFirst.slice(2, 4));
    const page3 = await h.stripe.checkout.sessions.list(
      { limit: 2, starting_after: page2.data[1]?.id },
      { stripeAccount: fresh },
    );
    expect(page3.data.map((s) => s.id)).toEqual(newestFirst.slice(4));
    expect(page3.has_more).toBe(false);
    const back = await h.stripe.checkout.sessions.list(
      { limit: 2, ending_before: page3.data[0]?.id },
      { stripeAccount: fresh },
    );
    expect(back.data.map((s) => s.id)).toEqual(newestFirst.slice(2, 4));
    const all: string[] = [];
    for await (const s of h.stripe.checkout.sessions.list({ limit: 2 }, { stripeAccount: fresh }))
      all.push(s.id);
    expect(all).toEqual(newestFirst);
    const badLimit = await stripeError(
      h.stripe.checkout.sessions.list({ limit: 101 }, { stripeAccount: fresh }),
    );
    expect(badLimit.param).toBe("limit");
  });

  it("expands nested ids in retrieve and in lists", async () => {
    const pi = await h.stripe.paymentIntents.create(
      {
        amount: 1200,
        currency: "usd",
        application_fee_amount: 100,
        payment_method: "pm_card_visa",
        allowed_payment_method_types: ["card"],
        confirm: true,
      },
      { stripeAccount: account },
    );
    const expanded = await h.stripe.paymentIntents.retrieve(
      pi.id,
      { expand: ["latest_charge.balance_transaction"] },
      { stripeAccount: account },
    );
    const charge = expanded.latest_charge as Stripe.Charge;
    expect(charge.object).toBe("charge");
    expect((charge.balance_transaction as Stripe.BalanceTransaction).object).toBe(
      "balance_transaction",
    );
    const list = await h.stripe.charges.list(
      { payment_intent: pi.id, expand: ["data.payment_intent"] },
      { stripeAccount: account },
    );
    expect((list.data[0]?.payment_intent as Stripe.PaymentIntent).id).toBe(pi.id);
    const bad = await stripeError(
      h.stripe.paymentIntents.retrieve(pi.id, { expand: ["amount"] }, { stripeAccount: account }),
    );
    expect(bad).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
  });
});

describe("events", () => {
  it("events are Stripe.Event-shaped, scoped to the account, and retrievable", async () => {
    await h.stripe.paymentIntents.create(
      { amount: 1000, currency: "usd", allowed_payment_method_types: ["card"] },
      { stripeAccount: account },
    );
    const events = await h.stripe.events.list(
      { type: "payment_intent.created", limit: 1 },
      { stripeAccount: account },
    );
    const event = events.data[0];
    expect(event).toBeDefined();
    expect(event).toMatchObject({
      object: "event",
      livemode: false,
      type: "payment_intent.created",
      account,
    });
    expect(event?.api_version).toBeTruthy();
    expect(typeof event?.pending_webhooks).toBe("number");
    expect(event?.request?.id).toMatch(/^req_/);
    const again = await h.stripe.events.retrieve(event?.id ?? "", {}, { stripeAccount: account });
    expect(again.id).toBe(event?.id);
    const platformSide = await stripeError(h.stripe.events.retrieve(event?.id ?? ""));
    expect(platformSide.code).toBe("resource_missing");
  });
});
