// Contract: recurring billing on a connected account — prices with `recurring`, customers,
// Checkout in mode=subscription with subscription_data, subscriptions and their invoices, the
// platform's application_fee_percent per invoice, renewals as time passes, a failed renewal
// recovered through the customer portal, and cancellation now or at period end.
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { control, onboardedAccount, real, setUp, stripeError, type Harness } from "./harness";

let h: Harness;
let account: string;
beforeAll(async () => {
  h = await setUp();
  account = await onboardedAccount(h, "express");
});
afterAll(() => h.close());

const on = () => ({ stripeAccount: account });
const SUCCESS = "https://example.com/thanks?session_id={CHECKOUT_SESSION_ID}";
const CANCEL = "https://example.com/cart";

const monthly = (unitAmount = 2400): Stripe.Checkout.SessionCreateParams.LineItem.PriceData => ({
  currency: "usd",
  unit_amount: unitAmount,
  product_data: { name: "Coffee of the month" },
  recurring: { interval: "month" },
});

function subscriptionSession(
  extra: Partial<Stripe.Checkout.SessionCreateParams> = {},
): Promise<Stripe.Checkout.Session> {
  return h.stripe.checkout.sessions.create(
    {
      mode: "subscription",
      line_items: [{ price_data: monthly(), quantity: 1 }],
      subscription_data: { application_fee_percent: 10, metadata: { shop: "kai" } },
      success_url: SUCCESS,
      cancel_url: CANCEL,
      ...extra,
    },
    on(),
  );
}

async function pay(sessionId: string, card = "4242424242424242") {
  return control<Record<string, unknown>>(h, "POST", `/checkout/sessions/${sessionId}/pay`, {
    card,
    email: "subscriber@example.com",
    name: "Sub Scriber",
  });
}

async function advance(subscription: string) {
  return control<{ subscription: Stripe.Subscription }>(
    h,
    "POST",
    `/subscriptions/${subscription}/advance`,
  );
}

describe("prices and customers", () => {
  it("creates recurring prices on a product and lists them", async () => {
    const product = await h.stripe.products.create({ name: "Beans" }, on());
    const price = await h.stripe.prices.create(
      {
        currency: "usd",
        unit_amount: 1800,
        product: product.id,
        recurring: { interval: "week", interval_count: 2 },
        lookup_key: `beans-${Date.now()}`,
        tax_behavior: "exclusive",
      },
      on(),
    );
    expect(price).toMatchObject({
      object: "price",
      active: true,
      type: "recurring",
      unit_amount: 1800,
      product: product.id,
      recurring: { interval: "week", interval_count: 2, usage_type: "licensed" },
    });
    const listed = await h.stripe.prices.list({ product: product.id, type: "recurring" }, on());
    expect(listed.data.map((p) => p.id)).toEqual([price.id]);
    const off = await h.stripe.prices.update(price.id, { active: false, nickname: "Old" }, on());
    expect(off).toMatchObject({ active: false, nickname: "Old" });
    const noProduct = await stripeError(
      h.stripe.prices.create({ currency: "usd", unit_amount: 100, product: "prod_Missing" }, on()),
    );
    expect(noProduct.code).toBe("resource_missing");
    const oneTime = await h.stripe.prices.create(
      { currency: "usd", unit_amount: 500, product_data: { name: "Grinder" } },
      on(),
    );
    expect(oneTime.type).toBe("one_time");
    expect(oneTime.recurring).toBeNull();
  });

  it("creates, updates and lists customers", async () => {
    const email = `c-${Date.now()}@example.com`;
    const customer = await h.stripe.customers.create(
      { email, name: "Ada", metadata: { shop: "kai" } },
      on(),
    );
    expect(customer.id).toMatch(/^cus_/);
    expect(customer).toMatchObject({ object: "customer", email, name: "Ada" });
    const updated = await h.stripe.customers.update(customer.id, { name: "Ada L." }, on());
    expect(updated.name).toBe("Ada L.");
    const found = await h.stripe.customers.list({ email }, on());
    expect(found.data.map((c) => c.id)).toEqual([customer.id]);
    const elsewhere = await stripeError(h.stripe.customers.retrieve(customer.id));
    expect(elsewhere.code).toBe("resource_missing");
  });
});

describe("Checkout in subscription mode", () => {
  it("creates a subscription-mode session", async () => {
    const session = await subscriptionSession();
    expect(session).toMatchObject({
      mode: "subscription",
      status: "open",
      amount_total: 2400,
      subscription: null,
      payment_intent: null,
      payment_method_collection: "always",
    });
    const items = await h.stripe.checkout.sessions.listLineItems(session.id, {}, on());
    expect(items.data[0]?.price?.recurring).toMatchObject({ interval: "month", interval_count: 1 });
  });

  it("refuses what subscription mode does not take, and recurring prices in payment mode", async () => {
    const recurringInPayment = await stripeError(
      h.stripe.checkout.sessions.create(
        {
          mode: "payment",
          line_items: [{ price_data: monthly(), quantity: 1 }],
          success_url: SUCCESS,
          cancel_url: CANCEL,
        },
        on(),
      ),
    );
    expect(recurringInPayment.param).toBe("line_items[0]");
    const noRecurring = await stripeError(
      subscriptionSession({
        line_items: [
          {
            price_data: { currency: "usd", unit_amount: 900, product_data: { name: "Mug" } },
            quantity: 1,
          },
        ],
      }),
    );
    expect(noRecurring.param).toBe("line_items");
    const pid = await stripeError(
      subscriptionSession({ payment_intent_data: { application_fee_amount: 100 } }),
    );
    expect(pid.param).toBe("payment_intent_data");
    const badFee = await stripeError(
      subscriptionSession({ subscription_data: { application_fee_percent: 150 } }),
    );
    expect(badFee.param).toBe("subscription_data[application_fee_percent]");
    const platformFee = await stripeError(
      h.stripe.checkout.sessions.create({
        mode: "subscription",
        line_items: [{ price_data: monthly(), quantity: 1 }],
        subscription_data: { application_fee_percent: 10 },
        success_url: SUCCESS,
        cancel_url: CANCEL,
      }),
    );
    expect(platformFee.param).toBe("subscription_data[application_fee_percent]");
  });
});

describe.skipIf(real)("subscription lifecycle (control API)", () => {
  it("subscribes, bills each period with the platform's fee, and renews as time passes", async () => {
    const product = await h.stripe.products.create({ name: "Monthly beans" }, on());
    const price = await h.stripe.prices.create(
      { currency: "usd", unit_amount: 3000, product: product.id, recurring: { interval: "month" } },
      on(),
    );
    const session = await subscriptionSession({
      line_items: [
        { price: price.id, quantity: 1 },
        {
          price_data: { currency: "usd", unit_amount: 500, product_data: { name: "Setup fee" } },
          quantity: 1,
        },
      ],
    });
    expect(session.amount_total).toBe(3500);
    expect((await pay(session.id)).status).toBe(200);
    const done = await h.stripe.checkout.sessions.retrieve(
      session.id,
      { expand: ["subscription", "invoice"] },
      on(),
    );
    expect(done.status).toBe("complete");
    expect(done.payment_status).toBe("paid");
    expect(done.customer).toMatch(/^cus_/);
    const sub = done.subscription as Stripe.Subscription;
    expect(sub).toMatchObject({
      status: "active",
      application_fee_percent: 10,
      cancel_at_period_end: false,
      metadata: { shop: "kai" },
      customer: done.customer,
    });
    expect(sub.items.data[0]?.price.id).toBe(price.id);
    const first = done.invoice as Stripe.Invoice;
    expect(first).toMatchObject({
      status: "paid",
      billing_reason: "subscription_create",
      amount_paid: 3500,
      total: 3500,
    });
    expect(first.parent?.subscription_details?.subscription).toBe(sub.id);
    expect(first.lines.data).toHaveLength(2);

    // Three renewals: each is one paid invoice of the recurring items, with a 10% fee.
    for (let i = 0; i < 3; i++) {
      const moved = await advance(sub.id);
      expect(moved.status).toBe(200);
    }
    const invoices = await h.stripe.invoices.list({ subscription: sub.id, limit: 10 }, on());
    expect(invoices.data).toHaveLength(4);
    expect(
      invoices.data.slice(0, 3).map((i) => [i.billing_reason, i.status, i.amount_paid]),
    ).toEqual(Array.from({ length: 3 }, () => ["subscription_cycle", "paid", 3000]));
    // Consecutive periods, one month each.
    const [latest, previous] = invoices.data;
    expect(latest?.period_start).toBe(previous?.period_end);
    const fees = await h.stripe.applicationFees.list({ limit: 100 });
    const charges = await h.stripe.charges.list({ limit: 100 }, on());
    const subCharges = charges.data.filter((c) => c.amount === 3000 || c.amount === 3500);
    const subFees = fees.data.filter((f) => subCharges.some((c) => c.id === f.charge));
    expect(subFees.map((f) => f.amount).sort()).toEqual([300, 300, 300, 350]);

    const renewed = await h.stripe.subscriptions.retrieve(sub.id, {}, on());
    expect(renewed.latest_invoice).toBe(latest?.id);
    expect(renewed.items.data[0]?.current_period_start).toBe(latest?.period_start);

    const events = await h.stripe.events.list({ limit: 100 }, on());
    const paid = events.data.filter(
      (e) =>
        e.type === "invoice.paid" &&
        (e.data.object as Stripe.Invoice).parent?.subscription_details?.subscription === sub.id,
    );
    expect(paid).toHaveLength(4);
  });

  it("a renewal that fails makes the subscription past_due; a new card in the portal recovers it", async () => {
    const session = await subscriptionSession({
      subscription_data: { application_fee_percent: 5, trial_period_days: 14 },
    });
    expect(session.amount_total).toBe(0);
    // 4000 0000 0000 0341 is saved, then every charge on it fails.
    expect((await pay(session.id, "4000000000000341")).status).toBe(200);
    const done = await h.stripe.checkout.sessions.retrieve(session.id, {}, on());
    expect(done.payment_status).toBe("no_payment_required");
    const subId = String(done.subscription);
    const trial = await h.stripe.subscriptions.retrieve(subId, {}, on());
    expect(trial.status).toBe("trialing");
    expect(trial.trial_end).toBe((trial.trial_start ?? 0) + 14 * 24 * 3600);

    await advance(subId);
    const failed = await h.stripe.subscriptions.retrieve(subId, {}, on());
    expect(failed.status).toBe("past_due");
    const open = await h.stripe.invoices.list({ subscription: subId, status: "open" }, on());
    expect(open.data).toHaveLength(1);
    expect(open.data[0]?.attempt_count).toBe(1);
    const events = await h.stripe.events.list({ type: "invoice.payment_failed" }, on());
    expect(events.data.some((e) => (e.data.object as Stripe.Invoice).id === open.data[0]?.id)).toBe(
      true,
    );

    const portal = await h.stripe.billingPortal.sessions.create(
      { customer: String(done.customer), return_url: "https://example.com/account" },
      on(),
    );
    expect(portal.url).toMatch(/\/p\/session\//);
    const page = await fetch(portal.url);
    expect(await page.text()).toContain("Payment failed");
    const post = await fetch(portal.url, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ intent: "card", cardnumber: "4242424242424242" }).toString(),
      redirect: "manual",
    });
    expect(post.status).toBe(303);
    const recovered = await h.stripe.subscriptions.retrieve(subId, {}, on());
    expect(recovered.status).toBe("active");
    const paid = await h.stripe.invoices.retrieve(String(open.data[0]?.id), {}, on());
    expect(paid.status).toBe("paid");
    expect(paid.attempt_count).toBe(2);
  });

  it("cancels at period end: no renewal, then customer.subscription.deleted", async () => {
    const session = await subscriptionSession();
    await pay(session.id);
    const subId = String(
      (await h.stripe.checkout.sessions.retrieve(session.id, {}, on())).subscription,
    );
    const pending = await h.stripe.subscriptions.update(
      subId,
      { cancel_at_period_end: true },
      on(),
    );
    expect(pending.cancel_at_period_end).toBe(true);
    expect(pending.status).toBe("active");
    await advance(subId);
    const ended = await h.stripe.subscriptions.retrieve(subId, {}, on());
    expect(ended.status).toBe("canceled");
    const invoices = await h.stripe.invoices.list({ subscription: subId }, on());
    expect(invoices.data).toHaveLength(1);
    const deleted = await h.stripe.events.list({ type: "customer.subscription.deleted" }, on());
    expect(deleted.data.some((e) => (e.data.object as Stripe.Subscription).id === subId)).toBe(
      true,
    );
    const refused = await stripeError(
      h.stripe.subscriptions.update(subId, { cancel_at_period_end: false }, on()),
    );
    expect(refused.code).toBe("invalid_canceled_subscription_fields");
  });

  it("a declined card leaves the session open and creates nothing", async () => {
    const before = await h.stripe.customers.list({ limit: 100 }, on());
    const session = await subscriptionSession();
    const declined = await pay(session.id, "4000000000000002");
    expect(declined.status).toBe(402);
    // 0341 saves, but the first invoice is charged at once without a trial: declined too.
    expect((await pay(session.id, "4000000000000341")).status).toBe(402);
    const still = await h.stripe.checkout.sessions.retrieve(session.id, {}, on());
    expect(still).toMatchObject({ status: "open", subscription: null, customer: null });
    const after = await h.stripe.customers.list({ limit: 100 }, on());
    expect(after.data.length).toBe(before.data.length);
  });

  it("cancels now", async () => {
    const session = await subscriptionSession();
    await pay(session.id);
    const subId = String(
      (await h.stripe.checkout.sessions.retrieve(session.id, {}, on())).subscription,
    );
    const canceled = await h.stripe.subscriptions.cancel(
      subId,
      { cancellation_details: { comment: "Moving abroad" } },
      on(),
    );
    expect(canceled.status).toBe("canceled");
    expect(canceled.cancellation_details?.comment).toBe("Moving abroad");
    const active = await h.stripe.subscriptions.list({}, on());
    expect(active.data.map((s) => s.id)).not.toContain(subId);
    const all = await h.stripe.subscriptions.list({ status: "all", limit: 100 }, on());
    expect(all.data.map((s) => s.id)).toContain(subId);
  });

  it("the portal cancels at period end and can undo it", async () => {
    const session = await subscriptionSession();
    await pay(session.id);
    const done = await h.stripe.checkout.sessions.retrieve(session.id, {}, on());
    const subId = String(done.subscription);
    const portal = await h.stripe.billingPortal.sessions.create(
      { customer: String(done.customer) },
      on(),
    );
    const form = (intent: string) =>
      fetch(portal.url, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ intent }).toString(),
        redirect: "manual",
      });
    await form(`cancel:${subId}`);
    expect((await h.stripe.subscriptions.retrieve(subId, {}, on())).cancel_at_period_end).toBe(
      true,
    );
    await form(`resume:${subId}`);
    expect((await h.stripe.subscriptions.retrieve(subId, {}, on())).cancel_at_period_end).toBe(
      false,
    );
  });
});

describe("customer portal sessions", () => {
  it("needs a customer of the account", async () => {
    const missing = await stripeError(
      h.stripe.billingPortal.sessions.create({ customer: "cus_Missing" }, on()),
    );
    expect(missing.code).toBe("resource_missing");
    expect(missing.param).toBe("customer");
    const customer = await h.stripe.customers.create({ email: "p@example.com" }, on());
    const portal = await h.stripe.billingPortal.sessions.create(
      { customer: customer.id, return_url: "https://example.com/back" },
      on(),
    );
    expect(portal).toMatchObject({
      object: "billing_portal.session",
      customer: customer.id,
      return_url: "https://example.com/back",
    });
  });
});
