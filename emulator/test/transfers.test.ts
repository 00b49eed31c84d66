// Contract: separate charges and transfers — a Checkout payment on the platform with a
// transfer_group, transfers to connected accounts from that charge (source_transaction),
// their balance effects on both sides, reversals, and the transfer.* events.
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
let shopA: string;
let shopB: string;
beforeAll(async () => {
  h = await setUp();
  shopA = await onboardedAccount(h, "express");
  shopB = real ? shopA : await onboardedAccount(h, "express");
});
afterAll(() => h.close());

const pending = (b: Stripe.Balance) => b.pending.find((x) => x.currency === "usd")?.amount ?? 0;
const available = (b: Stripe.Balance) => b.available.find((x) => x.currency === "usd")?.amount ?? 0;

/** A paid platform charge of a marketplace order: Checkout on the platform with a transfer_group. */
async function platformCharge(group: string, amount = 10000): Promise<Stripe.Charge> {
  const session = await h.stripe.checkout.sessions.create({
    mode: "payment",
    line_items: [lineItem(amount)],
    payment_intent_data: { transfer_group: group },
    success_url: "https://example.com/ok?session_id={CHECKOUT_SESSION_ID}",
    cancel_url: "https://example.com/cart",
  });
  await control(h, "POST", `/checkout/sessions/${session.id}/pay`, {
    card: "4242424242424242",
    email: "market@example.com",
  });
  const done = await h.stripe.checkout.sessions.retrieve(session.id, {
    expand: ["payment_intent.latest_charge"],
  });
  const pi = done.payment_intent as Stripe.PaymentIntent;
  expect(pi.transfer_group).toBe(group);
  return pi.latest_charge as Stripe.Charge;
}

describe("transfers: refusals", () => {
  it("refuses transfers made on a connected account, to accounts that cannot receive them, and without funds", async () => {
    const onAccount = await stripeError(
      h.stripe.transfers.create(
        { amount: 100, currency: "usd", destination: shopB },
        { stripeAccount: shopA },
      ),
    );
    expect(onAccount).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    const unknown = await stripeError(
      h.stripe.transfers.create({ amount: 100, currency: "usd", destination: "acct_1Nope" }),
    );
    expect(unknown.param).toBe("destination");
    if (!real) {
      // Not onboarded: its transfers capability is not active yet.
      const fresh = await h.stripe.accounts.create({
        controller: {
          stripe_dashboard: { type: "express" },
          fees: { payer: "application" },
          losses: { payments: "application" },
          requirement_collection: "stripe",
        },
        capabilities: { transfers: { requested: true }, card_payments: { requested: true } },
      });
      const inactive = await stripeError(
        h.stripe.transfers.create({ amount: 100, currency: "usd", destination: fresh.id }),
      );
      expect(inactive.param).toBe("destination");
    }
  });

  it.skipIf(real)("needs available funds unless it names a source_transaction", async () => {
    const balance = await h.stripe.balance.retrieve();
    const tooMuch = await stripeError(
      h.stripe.transfers.create({
        amount: available(balance) + 100_000,
        currency: "usd",
        destination: shopA,
      }),
    );
    expect(tooMuch.code).toBe("balance_insufficient");
  });
});

describe.skipIf(real)("separate charges and transfers (control API)", () => {
  it("transfers parts of a platform charge to two shops, with balance effects on each side", async () => {
    const group = `order_${Date.now()}`;
    const charge = await platformCharge(group, 10000);
    expect(charge.transfer_group).toBe(group);
    const byGroup = await h.stripe.charges.list({ transfer_group: group });
    expect(byGroup.data.map((c) => c.id)).toEqual([charge.id]);

    const platformBefore = await h.stripe.balance.retrieve();
    const aBefore = await h.stripe.balance.retrieve({}, { stripeAccount: shopA });
    const toA = await h.stripe.transfers.create(
      {
        amount: 5400,
        currency: "usd",
        destination: shopA,
        source_transaction: charge.id,
        transfer_group: group,
        metadata: { sub_order: "A" },
      },
      { idempotencyKey: `${group}-A` },
    );
    expect(toA).toMatchObject({
      object: "transfer",
      amount: 5400,
      amount_reversed: 0,
      destination: shopA,
      source_transaction: charge.id,
      transfer_group: group,
      reversed: false,
    });
    // The same idempotency key replays the same transfer.
    const replay = await h.stripe.transfers.create(
      {
        amount: 5400,
        currency: "usd",
        destination: shopA,
        source_transaction: charge.id,
        transfer_group: group,
        metadata: { sub_order: "A" },
      },
      { idempotencyKey: `${group}-A` },
    );
    expect(replay.id).toBe(toA.id);
    const toB = await h.stripe.transfers.create({
      amount: 3600,
      currency: "usd",
      destination: shopB,
      source_transaction: charge.id,
      transfer_group: group,
    });

    // Funds from a pending charge stay pending on both sides.
    const platformAfter = await h.stripe.balance.retrieve();
    expect(pending(platformAfter) - pending(platformBefore)).toBe(-9000);
    const aAfter = await h.stripe.balance.retrieve({}, { stripeAccount: shopA });
    expect(pending(aAfter) - pending(aBefore)).toBe(5400);

    // The shop sees a payment from the platform.
    const payment = await h.stripe.charges.retrieve(
      String(toA.destination_payment),
      {},
      { stripeAccount: shopA },
    );
    expect(payment).toMatchObject({ amount: 5400, source_transfer: toA.id, paid: true });
    const txn = await h.stripe.balanceTransactions.retrieve(
      String(payment.balance_transaction),
      {},
      { stripeAccount: shopA },
    );
    expect(txn).toMatchObject({ type: "payment", amount: 5400, net: 5400 });
    const platformTxn = await h.stripe.balanceTransactions.retrieve(
      String(toA.balance_transaction),
    );
    expect(platformTxn).toMatchObject({ type: "transfer", amount: -5400 });

    // No more than the charge holds.
    const over = await stripeError(
      h.stripe.transfers.create({
        amount: 2000,
        currency: "usd",
        destination: shopB,
        source_transaction: charge.id,
      }),
    );
    expect(over.code).toBe("balance_insufficient");

    const listed = await h.stripe.transfers.list({ transfer_group: group });
    expect(listed.data.map((t) => t.id)).toEqual([toB.id, toA.id]);
    const forA = await h.stripe.transfers.list({ destination: shopA, limit: 100 });
    expect(forA.data.map((t) => t.id)).toContain(toA.id);

    const events = await h.stripe.events.list({ type: "transfer.created", limit: 20 });
    expect(events.data.map((e) => (e.data.object as Stripe.Transfer).id)).toEqual(
      expect.arrayContaining([toA.id, toB.id]),
    );
    const updated = await h.stripe.transfers.update(toB.id, { metadata: { sub_order: "B" } });
    expect(updated.metadata).toEqual({ sub_order: "B" });
  });

  it("reverses part of one shop's transfer, never touching the other's", async () => {
    const group = `order_r_${Date.now()}`;
    const charge = await platformCharge(group, 8000);
    const toA = await h.stripe.transfers.create({
      amount: 4000,
      currency: "usd",
      destination: shopA,
      source_transaction: charge.id,
      transfer_group: group,
    });
    const toB = await h.stripe.transfers.create({
      amount: 3000,
      currency: "usd",
      destination: shopB,
      source_transaction: charge.id,
      transfer_group: group,
    });
    const refund = await h.stripe.refunds.create({ charge: charge.id, amount: 1500 });
    expect(refund.status).toBe("succeeded");

    const aBefore = await h.stripe.balance.retrieve({}, { stripeAccount: shopA });
    const bBefore = await h.stripe.balance.retrieve({}, { stripeAccount: shopB });
    const platformBefore = await h.stripe.balance.retrieve();
    const reversal = await h.stripe.transfers.createReversal(toA.id, {
      amount: 1500,
      metadata: { refund: refund.id },
    });
    expect(reversal).toMatchObject({
      object: "transfer_reversal",
      amount: 1500,
      transfer: toA.id,
      metadata: { refund: refund.id },
    });
    const after = await h.stripe.transfers.retrieve(toA.id);
    expect(after).toMatchObject({ amount_reversed: 1500, reversed: false });
    const total = (b: Stripe.Balance) => pending(b) + available(b);
    expect(
      total(await h.stripe.balance.retrieve({}, { stripeAccount: shopA })) - total(aBefore),
    ).toBe(-1500);
    expect(
      total(await h.stripe.balance.retrieve({}, { stripeAccount: shopB })) - total(bBefore),
    ).toBe(0);
    expect(total(await h.stripe.balance.retrieve()) - total(platformBefore)).toBe(1500);
    const payment = await h.stripe.charges.retrieve(
      String(after.destination_payment),
      {},
      { stripeAccount: shopA },
    );
    expect(payment.amount_refunded).toBe(1500);

    const reversals = await h.stripe.transfers.listReversals(toA.id);
    expect(reversals.data.map((r) => r.id)).toEqual([reversal.id]);
    const again = await h.stripe.transfers.retrieveReversal(toA.id, reversal.id);
    expect(again.amount).toBe(1500);
    const tooMuch = await stripeError(h.stripe.transfers.createReversal(toA.id, { amount: 3000 }));
    expect(tooMuch.code).toBe("amount_too_large");
    // Without an amount, the rest is reversed.
    await h.stripe.transfers.createReversal(toA.id);
    expect((await h.stripe.transfers.retrieve(toA.id)).reversed).toBe(true);
    expect((await h.stripe.transfers.retrieve(toB.id)).amount_reversed).toBe(0);

    const events = await h.stripe.events.list({ type: "transfer.reversed", limit: 10 });
    expect(events.data[0]?.data.object).toMatchObject({ id: toA.id, reversed: true });
  });
});
