// Contract: PaymentIntents with test payment methods, charges, refunds (with the
// application fee pro rata), application fees and account scoping.
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { onboardedAccount, real, setUp, stripeError, type Harness } from "./harness";

let h: Harness;
let account: string;
beforeAll(async () => {
  h = await setUp();
  account = await onboardedAccount(h, "express");
});
afterAll(() => h.close());

const opts = () => ({ stripeAccount: account });

async function paidIntent(amount = 10_000, fee = 1_000): Promise<Stripe.PaymentIntent> {
  return h.stripe.paymentIntents.create(
    {
      amount,
      currency: "usd",
      application_fee_amount: fee,
      payment_method: "pm_card_visa",
      allowed_payment_method_types: ["card"],
      confirm: true,
    },
    opts(),
  );
}

describe("payment intents", () => {
  it("accepts automatic_payment_methods[enabled]=true and confirms with a card", async () => {
    const pi = await h.stripe.paymentIntents.create(
      { amount: 1800, currency: "usd", automatic_payment_methods: { enabled: true } },
      opts(),
    );
    expect(pi.automatic_payment_methods?.enabled).toBe(true);
    expect(pi.status).toBe("requires_payment_method");
    const never = await h.stripe.paymentIntents.create(
      {
        amount: 1800,
        currency: "usd",
        automatic_payment_methods: { enabled: true, allow_redirects: "never" },
      },
      opts(),
    );
    expect(never.automatic_payment_methods).toEqual({ allow_redirects: "never", enabled: true });
    // Without redirect-based methods, a card confirms with no return_url.
    const confirmed = await h.stripe.paymentIntents.confirm(
      never.id,
      { payment_method: "pm_card_visa" },
      opts(),
    );
    expect(confirmed.status).toBe("succeeded");
  });

  it("creates, updates, confirms with pm_card_visa and lists", async () => {
    const pi = await h.stripe.paymentIntents.create(
      {
        amount: 2500,
        currency: "usd",
        application_fee_amount: 200,
        allowed_payment_method_types: ["card"],
        metadata: { a: "1" },
      },
      opts(),
    );
    expect(pi.status).toBe("requires_payment_method");
    expect(pi.client_secret).toMatch(new RegExp(`^${pi.id}_secret_`));
    const updated = await h.stripe.paymentIntents.update(
      pi.id,
      { amount: 3000, metadata: { b: "2" } },
      opts(),
    );
    expect(updated.amount).toBe(3000);
    expect(updated.metadata).toEqual({ a: "1", b: "2" });
    const confirmed = await h.stripe.paymentIntents.confirm(
      pi.id,
      { payment_method: "pm_card_visa" },
      opts(),
    );
    expect(confirmed.status).toBe("succeeded");
    expect(confirmed.amount_received).toBe(3000);
    expect(typeof confirmed.latest_charge).toBe("string");
    const list = await h.stripe.paymentIntents.list({ limit: 3 }, opts());
    expect(list.data[0]?.id).toBe(pi.id);
  });

  it("declines pm_card_chargeDeclined with a StripeCardError", async () => {
    const error = await stripeError(
      h.stripe.paymentIntents.create(
        {
          amount: 2000,
          currency: "usd",
          payment_method: "pm_card_chargeDeclined",
          allowed_payment_method_types: ["card"],
          confirm: true,
        },
        opts(),
      ),
    );
    expect(error).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(error.statusCode).toBe(402);
    expect(error.code).toBe("card_declined");
    expect(error.decline_code).toBe("generic_decline");
    const pi = (error as Stripe.errors.StripeCardError).payment_intent;
    expect(pi?.status).toBe("requires_payment_method");
    expect(pi?.last_payment_error?.code).toBe("card_declined");
  });

  it("cancels, and captures a manual-capture intent", async () => {
    const toCancel = await h.stripe.paymentIntents.create(
      { amount: 900, currency: "usd", allowed_payment_method_types: ["card"] },
      opts(),
    );
    const canceled = await h.stripe.paymentIntents.cancel(
      toCancel.id,
      { cancellation_reason: "abandoned" },
      opts(),
    );
    expect(canceled.status).toBe("canceled");
    expect(
      await stripeError(h.stripe.paymentIntents.cancel(toCancel.id, {}, opts())),
    ).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);

    const manual = await h.stripe.paymentIntents.create(
      {
        amount: 5000,
        currency: "usd",
        capture_method: "manual",
        payment_method: "pm_card_visa",
        allowed_payment_method_types: ["card"],
        confirm: true,
        application_fee_amount: 100,
      },
      opts(),
    );
    expect(manual.status).toBe("requires_capture");
    expect(manual.amount_capturable).toBe(5000);
    const captured = await h.stripe.paymentIntents.capture(
      manual.id,
      { amount_to_capture: 4000 },
      opts(),
    );
    expect(captured.status).toBe("succeeded");
    expect(captured.amount_received).toBe(4000);
  });

  it("enforces the minimum amount and a valid currency", async () => {
    const small = await stripeError(
      h.stripe.paymentIntents.create({ amount: 49, currency: "usd" }, opts()),
    );
    expect(small.code).toBe("amount_too_small");
    expect(small.param).toBe("amount");
    const missing = await stripeError(
      h.stripe.paymentIntents.create(
        { currency: "usd" } as Stripe.PaymentIntentCreateParams,
        opts(),
      ),
    );
    expect(missing.code).toBe("parameter_missing");
    expect(missing.param).toBe("amount");
  });
});

describe("charges, refunds and application fees", () => {
  it("lists the charge by payment_intent with amounts and the fee", async () => {
    const pi = await paidIntent();
    const charges = await h.stripe.charges.list({ payment_intent: pi.id }, opts());
    expect(charges.data).toHaveLength(1);
    const charge = charges.data[0];
    expect(charge).toMatchObject({
      amount: 10_000,
      amount_captured: 10_000,
      amount_refunded: 0,
      captured: true,
      paid: true,
      status: "succeeded",
      application_fee_amount: 1_000,
    });
    expect(charge?.payment_method_details?.card?.last4).toBe("4242");
    const fee = await h.stripe.applicationFees.retrieve(charge?.application_fee as string);
    expect(fee).toMatchObject({ amount: 1_000, amount_refunded: 0, charge: charge?.id, account });
  });

  it("refunds partially with the application fee returned pro rata, then the rest", async () => {
    const pi = await paidIntent(10_000, 1_000);
    const first = await h.stripe.refunds.create(
      {
        payment_intent: pi.id,
        amount: 2_500,
        refund_application_fee: true,
        reason: "requested_by_customer",
      },
      opts(),
    );
    expect(first).toMatchObject({
      amount: 2_500,
      status: "succeeded",
      payment_intent: pi.id,
      reason: "requested_by_customer",
    });
    let charge = await h.stripe.charges.retrieve(first.charge as string, {}, opts());
    expect(charge.amount_refunded).toBe(2_500);
    expect(charge.refunded).toBe(false);
    let fee = await h.stripe.applicationFees.retrieve(charge.application_fee as string);
    expect(fee.amount_refunded).toBe(250);
    const feeRefunds = await h.stripe.applicationFees.listRefunds(fee.id);
    expect(feeRefunds.data[0]?.amount).toBe(250);

    const tooMuch = await stripeError(
      h.stripe.refunds.create({ payment_intent: pi.id, amount: 8_000 }, opts()),
    );
    expect(tooMuch).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(tooMuch.code).toBe("amount_too_large");

    const rest = await h.stripe.refunds.create(
      { charge: charge.id, refund_application_fee: true },
      opts(),
    );
    expect(rest.amount).toBe(7_500);
    charge = await h.stripe.charges.retrieve(charge.id, {}, opts());
    expect(charge.refunded).toBe(true);
    fee = await h.stripe.applicationFees.retrieve(fee.id);
    expect(fee.amount_refunded).toBe(1_000);
    expect(fee.refunded).toBe(true);

    const again = await stripeError(h.stripe.refunds.create({ charge: charge.id }, opts()));
    expect(again.code).toBe("charge_already_refunded");

    const refunds = await h.stripe.refunds.list({ payment_intent: pi.id }, opts());
    expect(refunds.data.map((r) => r.amount)).toEqual([7_500, 2_500]);
    expect((await h.stripe.refunds.retrieve(first.id, {}, opts())).amount).toBe(2_500);
  });

  it("keeps the application fee when refund_application_fee is not set", async () => {
    const pi = await paidIntent(4_000, 400);
    const refund = await h.stripe.refunds.create({ payment_intent: pi.id }, opts());
    const charge = await h.stripe.charges.retrieve(refund.charge as string, {}, opts());
    const fee = await h.stripe.applicationFees.retrieve(charge.application_fee as string);
    expect(fee.amount_refunded).toBe(0);
  });

  it.skipIf(real)("moves the money back on the connected account's balance", async () => {
    const account2 = await onboardedAccount(h, "express");
    const pi = await h.stripe.paymentIntents.create(
      {
        amount: 10_000,
        currency: "usd",
        application_fee_amount: 1_000,
        payment_method: "pm_card_visa",
        allowed_payment_method_types: ["card"],
        confirm: true,
      },
      { stripeAccount: account2 },
    );
    await h.stripe.refunds.create(
      { payment_intent: pi.id, amount: 5_000, refund_application_fee: true },
      { stripeAccount: account2 },
    );
    const balance = await h.stripe.balance.retrieve(undefined, { stripeAccount: account2 });
    // 10000 - 1000 fee, then -5000 refund, +500 application fee returned.
    expect(balance.pending[0]?.amount).toBe(4_500);
    const txns = await h.stripe.balanceTransactions.list(
      { limit: 10 },
      { stripeAccount: account2 },
    );
    expect(txns.data.map((t) => t.type).sort()).toEqual([
      "application_fee_refund",
      "charge",
      "refund",
    ]);
    const refundedEvents = await h.stripe.events.list(
      { type: "charge.refunded" },
      { stripeAccount: account2 },
    );
    expect(refundedEvents.data[0]?.account).toBe(account2);
    const feeEvents = await h.stripe.events.list({ type: "application_fee.refunded", limit: 1 });
    expect(feeEvents.data[0]?.account).toBeUndefined();
  });
});

describe.skipIf(real)("account scoping", () => {
  it("another account's objects are resource_missing", async () => {
    const other = await onboardedAccount(h, "express");
    const pi = await paidIntent();
    const charge = pi.latest_charge as string;
    const error = await stripeError(
      h.stripe.charges.retrieve(charge, {}, { stripeAccount: other }),
    );
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(error.statusCode).toBe(404);
    expect(error.code).toBe("resource_missing");
    expect(error.message).toBe(`No such charge: '${charge}'`);
    expect((await stripeError(h.stripe.paymentIntents.retrieve(pi.id))).code).toBe(
      "resource_missing",
    );
    expect(
      (
        await stripeError(
          h.stripe.refunds.create({ payment_intent: pi.id }, { stripeAccount: other }),
        )
      ).code,
    ).toBe("resource_missing");
    const list = await h.stripe.charges.list({}, { stripeAccount: other });
    expect(list.data).toHaveLength(0);
  });

  it("an unknown Stripe-Account is refused", async () => {
    const error = await stripeError(
      h.stripe.balance.retrieve(undefined, { stripeAccount: "acct_1Unknown00000000000000" }),
    );
    expect(error).toBeInstanceOf(Stripe.errors.StripePermissionError);
  });
});
