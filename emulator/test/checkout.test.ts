// Contract: Checkout Sessions on connected accounts, payment, expiry and the money model.
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  control,
  lineItem,
  onboardedAccount,
  real,
  setUp,
  stripeError,
  type Harness,
} from "./harness";

let h: Harness;
let express: string;
let standard: string;
beforeAll(async () => {
  h = await setUp();
  express = await onboardedAccount(h, "express");
  standard = real ? express : await onboardedAccount(h, "standard");
});
afterAll(() => h.close());

const hosted = (fee = 300): Stripe.Checkout.SessionCreateParams => ({
  mode: "payment",
  line_items: [lineItem(2000, 2), lineItem(500)],
  payment_intent_data: { application_fee_amount: fee, metadata: { order: "o_1" } },
  success_url: "http://localhost:3000/thanks?session_id={CHECKOUT_SESSION_ID}",
  cancel_url: "http://localhost:3000/cart",
  client_reference_id: "cart_1",
  metadata: { cart: "c1" },
  customer_email: "shopper@example.com",
});

async function pay(sessionId: string, card = "4242424242424242") {
  return control<Record<string, unknown>>(h, "POST", `/checkout/sessions/${sessionId}/pay`, {
    card,
    email: "shopper@example.com",
  });
}

describe("checkout.sessions.create", () => {
  it("creates a hosted_page session on the connected account", async () => {
    const session = await h.stripe.checkout.sessions.create(hosted(), { stripeAccount: express });
    expect(session.id).toMatch(/^cs_test_/);
    expect(session.object).toBe("checkout.session");
    expect(session.status).toBe("open");
    expect(session.payment_status).toBe("unpaid");
    expect(session.amount_subtotal).toBe(4500);
    expect(session.amount_total).toBe(4500);
    expect(session.currency).toBe("usd");
    expect(session.ui_mode).toBe("hosted_page");
    expect(session.client_secret).toBeNull();
    expect(session.client_reference_id).toBe("cart_1");
    expect(session.metadata).toEqual({ cart: "c1" });
    expect(session.payment_intent).toBeNull();
    expect(session.expires_at - session.created).toBe(24 * 3600);
    if (!real) expect(session.url).toBe(`${h.emulator?.url}/c/pay/${session.id}`);
  });

  it("creates an embedded_page session with a client_secret and return_url", async () => {
    const session = await h.stripe.checkout.sessions.create(
      {
        mode: "payment",
        ui_mode: "embedded_page",
        line_items: [lineItem(1500)],
        return_url: "http://localhost:3000/return?session_id={CHECKOUT_SESSION_ID}",
      },
      { stripeAccount: express },
    );
    expect(session.ui_mode).toBe("embedded_page");
    expect(session.client_secret).toMatch(/^cs_test_.+_secret_/);
    expect(session.url).toBeNull();
    expect(session.return_url).toBe(
      "http://localhost:3000/return?session_id={CHECKOUT_SESSION_ID}",
    );
  });

  it("rejects the old ui_mode names and mixed URL kinds", async () => {
    const old = await stripeError(
      h.stripe.checkout.sessions.create(
        { ...hosted(), ui_mode: "hosted" as never },
        { stripeAccount: express },
      ),
    );
    expect(old.param).toBe("ui_mode");
    const mixed = await stripeError(
      h.stripe.checkout.sessions.create(
        {
          mode: "payment",
          ui_mode: "embedded_page",
          line_items: [lineItem(1500)],
          success_url: "http://localhost/s",
          return_url: "http://localhost/r",
        },
        { stripeAccount: express },
      ),
    );
    expect(mixed.param).toBe("success_url");
  });

  it("enforces the minimum charge amount", async () => {
    const error = await stripeError(
      h.stripe.checkout.sessions.create(
        { ...hosted(0), line_items: [lineItem(20)], payment_intent_data: undefined },
        { stripeAccount: express },
      ),
    );
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
  });

  it("refuses application_fee_amount without Stripe-Account", async () => {
    const error = await stripeError(h.stripe.checkout.sessions.create(hosted()));
    expect(error.param).toBe("payment_intent_data[application_fee_amount]");
  });

  it("rejects unknown nested parameters with parameter_unknown", async () => {
    const params = {
      ...hosted(),
      line_items: [{ ...lineItem(100), colour: "red" }],
    } as unknown as Stripe.Checkout.SessionCreateParams;
    const error = await stripeError(
      h.stripe.checkout.sessions.create(params, { stripeAccount: express }),
    );
    expect(error.code).toBe("parameter_unknown");
    expect(error.param).toBe("line_items[0][colour]");
  });

  it("requires line_items", async () => {
    const error = await stripeError(
      h.stripe.checkout.sessions.create(
        { mode: "payment", success_url: "http://localhost/s" },
        { stripeAccount: express },
      ),
    );
    expect(error.code).toBe("parameter_missing");
    expect(error.param).toBe("line_items");
  });

  it("validates expires_at (30 minutes to 24 hours)", async () => {
    const tooSoon = Math.floor(Date.now() / 1000) + 60;
    const error = await stripeError(
      h.stripe.checkout.sessions.create(
        { ...hosted(), expires_at: tooSoon },
        { stripeAccount: express },
      ),
    );
    expect(error.param).toBe("expires_at");
  });

  it("lists sessions and their line items on the account only", async () => {
    const session = await h.stripe.checkout.sessions.create(hosted(), { stripeAccount: express });
    const items = await h.stripe.checkout.sessions.listLineItems(
      session.id,
      {},
      { stripeAccount: express },
    );
    expect(items.data.map((i) => [i.quantity, i.amount_total, i.description])).toEqual([
      [2, 4000, "Ceramic mug"],
      [1, 500, "Ceramic mug"],
    ]);
    expect(items.data[0]?.price?.unit_amount).toBe(2000);
    const list = await h.stripe.checkout.sessions.list({ limit: 5 }, { stripeAccount: express });
    expect(list.data[0]?.id).toBe(session.id);
    const other = await stripeError(
      h.stripe.checkout.sessions.retrieve(
        session.id,
        {},
        { stripeAccount: standard === express ? undefined : standard },
      ),
    );
    expect(other.code).toBe("resource_missing");
  });

  it("expires an open session once, with checkout.session.expired", async () => {
    const session = await h.stripe.checkout.sessions.create(hosted(), { stripeAccount: express });
    const expired = await h.stripe.checkout.sessions.expire(
      session.id,
      {},
      { stripeAccount: express },
    );
    expect(expired.status).toBe("expired");
    const again = await stripeError(
      h.stripe.checkout.sessions.expire(session.id, {}, { stripeAccount: express }),
    );
    // What Stripe sends for a session that is no longer open: no code, no param, status 400.
    expect(again).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(again.statusCode).toBe(400);
    expect(again.code).toBeUndefined();
    expect(again.param).toBeUndefined();
    expect(again.message).toMatch(
      /^Only Checkout Sessions with a status in \["open"\] can be expired/,
    );
    const events = await h.stripe.events.list(
      { type: "checkout.session.expired" },
      { stripeAccount: express },
    );
    expect(
      events.data.some((e) => (e.data.object as Stripe.Checkout.Session).id === session.id),
    ).toBe(true);
  });
});

describe.skipIf(real)("paying a session (control API)", () => {
  it("completes the session and moves money: Express account, platform pays Stripe's fee", async () => {
    const before = await h.stripe.balance.retrieve(undefined, { stripeAccount: express });
    const platformBefore = await h.stripe.balance.retrieve();
    const session = await h.stripe.checkout.sessions.create(hosted(450), {
      stripeAccount: express,
    });
    const paid = await pay(session.id);
    expect(paid.status).toBe(200);

    const done = await h.stripe.checkout.sessions.retrieve(
      session.id,
      { expand: ["payment_intent.latest_charge", "line_items"] },
      { stripeAccount: express },
    );
    expect(done.status).toBe("complete");
    expect(done.payment_status).toBe("paid");
    expect(done.customer_details?.email).toBe("shopper@example.com");
    expect(done.line_items?.data).toHaveLength(2);
    const pi = done.payment_intent as Stripe.PaymentIntent;
    expect(pi.status).toBe("succeeded");
    expect(pi.amount).toBe(4500);
    expect(pi.application_fee_amount).toBe(450);
    expect(pi.metadata).toEqual({ order: "o_1" });
    const charge = pi.latest_charge as Stripe.Charge;
    expect(charge.amount).toBe(4500);
    expect(charge.paid).toBe(true);
    expect(charge.application_fee_amount).toBe(450);

    const txn = await h.stripe.balanceTransactions.retrieve(
      charge.balance_transaction as string,
      {},
      { stripeAccount: express },
    );
    expect(txn.amount).toBe(4500);
    expect(txn.fee).toBe(450);
    expect(txn.net).toBe(4050);
    expect(txn.status).toBe("pending");

    const fees = await h.stripe.applicationFees.list({ charge: charge.id });
    expect(fees.data).toHaveLength(1);
    expect(fees.data[0]).toMatchObject({
      amount: 450,
      account: express,
      charge: charge.id,
      refunded: false,
    });

    const after = await h.stripe.balance.retrieve(undefined, { stripeAccount: express });
    const pending = (b: Stripe.Balance) => b.pending.find((p) => p.currency === "usd")?.amount ?? 0;
    expect(pending(after) - pending(before)).toBe(4500 - 450);
    const stripeFee = Math.round(4500 * 0.029) + 30;
    const platformAfter = await h.stripe.balance.retrieve();
    expect(pending(platformAfter) - pending(platformBefore)).toBe(450 - stripeFee);
  });

  it("Standard account pays Stripe's fee itself", async () => {
    const session = await h.stripe.checkout.sessions.create(hosted(300), {
      stripeAccount: standard,
    });
    await pay(session.id);
    const done = await h.stripe.checkout.sessions.retrieve(
      session.id,
      { expand: ["payment_intent.latest_charge.balance_transaction"] },
      { stripeAccount: standard },
    );
    const txn = ((done.payment_intent as Stripe.PaymentIntent).latest_charge as Stripe.Charge)
      .balance_transaction as Stripe.BalanceTransaction;
    const stripeFee = Math.round(4500 * 0.029) + 30;
    expect(txn.fee).toBe(300 + stripeFee);
    expect(txn.net).toBe(4500 - 300 - stripeFee);
    expect(txn.fee_details.map((f) => f.type).sort()).toEqual(["application_fee", "stripe_fee"]);
  });

  it("declines 4000 0000 0000 0002 with a card_error and leaves the session open", async () => {
    const session = await h.stripe.checkout.sessions.create(hosted(), { stripeAccount: express });
    const declined = await pay(session.id, "4000 0000 0000 0002");
    expect(declined.status).toBe(402);
    expect(declined.body).toMatchObject({
      error: {
        type: "card_error",
        code: "card_declined",
        decline_code: "generic_decline",
        message: "Your card was declined.",
      },
    });
    const insufficient = await pay(session.id, "4000000000009995");
    expect(insufficient.body).toMatchObject({ error: { decline_code: "insufficient_funds" } });
    const still = await h.stripe.checkout.sessions.retrieve(
      session.id,
      {},
      { stripeAccount: express },
    );
    expect(still.status).toBe("open");
    const failed = await h.stripe.events.list(
      { type: "payment_intent.payment_failed" },
      { stripeAccount: express },
    );
    expect(failed.data.length).toBeGreaterThan(0);
    expect((await pay(session.id)).status).toBe(200);
  });

  it("expiring a completed session is refused as Stripe does: no code, status still complete", async () => {
    const session = await h.stripe.checkout.sessions.create(hosted(), { stripeAccount: express });
    expect((await pay(session.id)).status).toBe(200);
    const error = await stripeError(
      h.stripe.checkout.sessions.expire(session.id, {}, { stripeAccount: express }),
    );
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(error.statusCode).toBe(400);
    expect(error.code).toBeUndefined();
    expect(error.message).toBe(
      // Stripe's words, as stripe-php reports them (Sylius/PayumStripePlugin#70).
      'Only Checkout Sessions with a status in ["open"] can be expired. This Checkout Session has a status of `complete`.',
    );
    const again = await h.stripe.checkout.sessions.retrieve(session.id, undefined, {
      stripeAccount: express,
    });
    expect(again.status).toBe("complete");
  });

  it("4000 0000 0000 0077 puts funds straight into available; settle moves pending to available", async () => {
    const account = await onboardedAccount(h, "express");
    const first = await h.stripe.checkout.sessions.create(hosted(500), { stripeAccount: account });
    await pay(first.id, "4000000000000077");
    let balance = await h.stripe.balance.retrieve(undefined, { stripeAccount: account });
    expect(balance.available[0]?.amount).toBe(4000);
    expect(balance.pending[0]?.amount).toBe(0);
    const second = await h.stripe.checkout.sessions.create(hosted(500), { stripeAccount: account });
    await pay(second.id);
    balance = await h.stripe.balance.retrieve(undefined, { stripeAccount: account });
    expect(balance.pending[0]?.amount).toBe(4000);
    await control(h, "POST", "/balance/settle", { account });
    balance = await h.stripe.balance.retrieve(undefined, { stripeAccount: account });
    expect(balance.available[0]?.amount).toBe(8000);
    expect(balance.pending[0]?.amount).toBe(0);

    const payout = await h.stripe.payouts.create(
      { amount: 5000, currency: "usd" },
      { stripeAccount: account },
    );
    expect(payout.status).toBe("pending");
    const tooMuch = await stripeError(
      h.stripe.payouts.create({ amount: 5000, currency: "usd" }, { stripeAccount: account }),
    );
    expect(tooMuch.code).toBe("balance_insufficient");
    await control(h, "POST", "/clock/advance", { seconds: String(3 * 24 * 3600) });
    const payouts = await h.stripe.payouts.list({}, { stripeAccount: account });
    expect(payouts.data[0]).toMatchObject({ id: payout.id, status: "paid" });
    const paidEvents = await h.stripe.events.list(
      { type: "payout.paid" },
      { stripeAccount: account },
    );
    expect(paidEvents.data[0]?.account).toBe(account);
  });

  it("supports zero-decimal currencies (JPY)", async () => {
    const session = await h.stripe.checkout.sessions.create(
      {
        mode: "payment",
        line_items: [lineItem(1200, 1, "jpy")],
        payment_intent_data: { application_fee_amount: 100 },
        success_url: "http://localhost/s",
      },
      { stripeAccount: express },
    );
    expect(session.amount_total).toBe(1200);
    expect(session.currency).toBe("jpy");
    await pay(session.id);
    const balance = await h.stripe.balance.retrieve(undefined, { stripeAccount: express });
    expect(balance.pending.find((b) => b.currency === "jpy")?.amount).toBe(1100);
  });

  it("records checkout.session.completed, payment_intent.succeeded, charge.succeeded on the account and application_fee.created on the platform", async () => {
    const session = await h.stripe.checkout.sessions.create(hosted(), { stripeAccount: express });
    await pay(session.id);
    const connectEvents = await h.stripe.events.list({ limit: 10 }, { stripeAccount: express });
    const types = connectEvents.data.map((e) => e.type);
    expect(types).toEqual(
      expect.arrayContaining([
        "checkout.session.completed",
        "payment_intent.succeeded",
        "charge.succeeded",
      ]),
    );
    for (const e of connectEvents.data) expect(e.account).toBe(express);
    const completed = connectEvents.data.find((e) => e.type === "checkout.session.completed");
    expect((completed?.data.object as Stripe.Checkout.Session).id).toBe(session.id);
    const platformEvents = await h.stripe.events.list({
      type: "application_fee.created",
      limit: 1,
    });
    expect(platformEvents.data[0]?.account).toBeUndefined();
  });

  it("expires sessions when the virtual clock passes expires_at; paying then fails", async () => {
    // The virtual clock may already be ahead of real time (earlier tests advanced it).
    const clock = await control<{ now: number }>(h, "GET", "/clock");
    const session = await h.stripe.checkout.sessions.create(
      { ...hosted(), expires_at: clock.body.now + 3600 },
      { stripeAccount: express },
    );
    await control(h, "POST", "/clock/advance", { seconds: "3601" });
    const after = await h.stripe.checkout.sessions.retrieve(
      session.id,
      {},
      { stripeAccount: express },
    );
    expect(after.status).toBe("expired");
    expect((await pay(session.id)).status).toBe(400);
  });
});
