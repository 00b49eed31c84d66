// Contract: selling for real on a connected account — shipping rates and Checkout's
// shipping_options, coupons and promotion codes with their restrictions, Stripe Tax settings
// and registrations with automatic_tax, and the amounts a paid session, its PaymentIntent and
// its checkout.session.completed event carry.
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
const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

const item = (
  unitAmount: number,
  quantity = 1,
  extra: Partial<Stripe.Checkout.SessionCreateParams.LineItem.PriceData> = {},
): Stripe.Checkout.SessionCreateParams.LineItem => ({
  price_data: {
    currency: "usd",
    unit_amount: unitAmount,
    product_data: { name: "Ceramic mug" },
    ...extra,
  },
  quantity,
});

const standardShipping: Stripe.Checkout.SessionCreateParams.ShippingOption = {
  shipping_rate_data: {
    type: "fixed_amount",
    display_name: "Standard",
    fixed_amount: { amount: 500, currency: "usd" },
    delivery_estimate: {
      minimum: { unit: "business_day", value: 3 },
      maximum: { unit: "business_day", value: 5 },
    },
    tax_behavior: "exclusive",
  },
};

async function pay(sessionId: string, extra: Record<string, string> = {}) {
  return control<Record<string, unknown>>(h, "POST", `/checkout/sessions/${sessionId}/pay`, {
    card: "4242424242424242",
    email: `shopper-${unique()}@example.com`,
    ...extra,
  });
}

describe("shipping rates", () => {
  it("creates, retrieves, lists and deactivates a rate on the connected account", async () => {
    const rate = await h.stripe.shippingRates.create(
      {
        display_name: "Express",
        type: "fixed_amount",
        fixed_amount: { amount: 1500, currency: "usd" },
        delivery_estimate: {
          minimum: { unit: "day", value: 1 },
          maximum: { unit: "day", value: 2 },
        },
        metadata: { zone: "domestic" },
      },
      on(),
    );
    expect(rate.id).toMatch(/^shr_/);
    expect(rate).toMatchObject({
      object: "shipping_rate",
      active: true,
      display_name: "Express",
      fixed_amount: { amount: 1500, currency: "usd" },
      delivery_estimate: { minimum: { unit: "day", value: 1 }, maximum: { unit: "day", value: 2 } },
      metadata: { zone: "domestic" },
      type: "fixed_amount",
    });
    const again = await h.stripe.shippingRates.retrieve(rate.id, {}, on());
    expect(again.id).toBe(rate.id);
    const listed = await h.stripe.shippingRates.list({ active: true, limit: 100 }, on());
    expect(listed.data.map((r) => r.id)).toContain(rate.id);
    const off = await h.stripe.shippingRates.update(rate.id, { active: false }, on());
    expect(off.active).toBe(false);

    // Scoped to its account: the platform cannot see it.
    const missing = await stripeError(h.stripe.shippingRates.retrieve(rate.id));
    expect(missing.code).toBe("resource_missing");

    // An inactive rate cannot be offered.
    const refused = await stripeError(
      h.stripe.checkout.sessions.create(
        {
          mode: "payment",
          line_items: [item(2000)],
          shipping_options: [{ shipping_rate: rate.id }],
          success_url: SUCCESS,
          cancel_url: CANCEL,
        },
        on(),
      ),
    );
    expect(refused.param).toBe("shipping_options[0][shipping_rate]");
  });

  it("refuses a rate without fixed_amount and an unknown rate id", async () => {
    const noAmount = await stripeError(
      h.stripe.shippingRates.create({ display_name: "Free", type: "fixed_amount" }, on()),
    );
    expect(noAmount.code).toBe("parameter_missing");
    expect(noAmount.param).toBe("fixed_amount");
    const unknown = await stripeError(
      h.stripe.checkout.sessions.create(
        {
          mode: "payment",
          line_items: [item(2000)],
          shipping_options: [{ shipping_rate: "shr_1NoSuchRate000000000000" }],
          success_url: SUCCESS,
          cancel_url: CANCEL,
        },
        on(),
      ),
    );
    expect(unknown.code).toBe("resource_missing");
    expect(unknown.param).toBe("shipping_options[0][shipping_rate]");
  });

  it("prices a session with shipping options: the first is preselected", async () => {
    const express = await h.stripe.shippingRates.create(
      {
        display_name: "Express",
        fixed_amount: { amount: 1500, currency: "usd" },
        tax_behavior: "exclusive",
      },
      on(),
    );
    const session = await h.stripe.checkout.sessions.create(
      {
        mode: "payment",
        line_items: [item(2000, 2)],
        shipping_address_collection: { allowed_countries: ["US", "CA"] },
        shipping_options: [standardShipping, { shipping_rate: express.id }],
        success_url: SUCCESS,
        cancel_url: CANCEL,
      },
      on(),
    );
    expect(session.amount_subtotal).toBe(4000);
    expect(session.amount_total).toBe(4500);
    expect(session.shipping_options).toHaveLength(2);
    expect(session.shipping_options[0]?.shipping_amount).toBe(500);
    expect(session.shipping_options[1]).toEqual({
      shipping_amount: 1500,
      shipping_rate: express.id,
    });
    const first = String(session.shipping_options[0]?.shipping_rate);
    expect(first).toMatch(/^shr_/);
    expect(session.shipping_cost).toMatchObject({
      amount_subtotal: 500,
      amount_tax: 0,
      amount_total: 500,
      shipping_rate: first,
    });
    expect(session.total_details).toMatchObject({
      amount_discount: 0,
      amount_shipping: 500,
      amount_tax: 0,
    });
    // shipping_rate_data made a rate on the account.
    const made = await h.stripe.shippingRates.retrieve(first, {}, on());
    expect(made.display_name).toBe("Standard");
    const expanded = await h.stripe.checkout.sessions.retrieve(
      session.id,
      { expand: ["shipping_cost.shipping_rate"] },
      on(),
    );
    expect((expanded.shipping_cost?.shipping_rate as Stripe.ShippingRate).display_name).toBe(
      "Standard",
    );
  });

  it("refuses more than five options and a rate in another currency", async () => {
    const six = await stripeError(
      h.stripe.checkout.sessions.create(
        {
          mode: "payment",
          line_items: [item(2000)],
          shipping_options: Array.from({ length: 6 }, () => standardShipping),
          success_url: SUCCESS,
          cancel_url: CANCEL,
        },
        on(),
      ),
    );
    expect(six.param).toBe("shipping_options");
    const eur = await stripeError(
      h.stripe.checkout.sessions.create(
        {
          mode: "payment",
          line_items: [item(2000)],
          shipping_options: [
            {
              shipping_rate_data: {
                type: "fixed_amount",
                display_name: "EU",
                fixed_amount: { amount: 900, currency: "eur" },
              },
            },
          ],
          success_url: SUCCESS,
          cancel_url: CANCEL,
        },
        on(),
      ),
    );
    expect(eur).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
  });
});

describe("coupons and promotion codes", () => {
  it("creates, updates, lists and deletes coupons", async () => {
    const percent = await h.stripe.coupons.create(
      { percent_off: 12.5, duration: "once", name: "Spring", max_redemptions: 10 },
      on(),
    );
    expect(percent).toMatchObject({
      object: "coupon",
      percent_off: 12.5,
      amount_off: null,
      currency: null,
      duration: "once",
      max_redemptions: 10,
      times_redeemed: 0,
      valid: true,
      name: "Spring",
    });
    const id = `TEN${unique().toUpperCase()}`;
    const fixed = await h.stripe.coupons.create(
      { id, amount_off: 1000, currency: "usd", duration: "once" },
      on(),
    );
    expect(fixed.id).toBe(id);
    expect(fixed.amount_off).toBe(1000);
    const renamed = await h.stripe.coupons.update(id, { name: "Ten off" }, on());
    expect(renamed.name).toBe("Ten off");
    const listed = await h.stripe.coupons.list({ limit: 100 }, on());
    expect(listed.data.map((c) => c.id)).toEqual(expect.arrayContaining([id, percent.id]));
    const deleted = await h.stripe.coupons.del(id, {}, on());
    expect(deleted).toEqual({ id, object: "coupon", deleted: true });
    const gone = await stripeError(h.stripe.coupons.retrieve(id, {}, on()));
    expect(gone.code).toBe("resource_missing");
  });

  it("refuses invalid coupons as Stripe does", async () => {
    const neither = await stripeError(h.stripe.coupons.create({ duration: "once" }, on()));
    expect(neither).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    const both = await stripeError(
      h.stripe.coupons.create({ percent_off: 10, amount_off: 100, currency: "usd" }, on()),
    );
    expect(both.code).toBe("parameters_exclusive");
    const noCurrency = await stripeError(h.stripe.coupons.create({ amount_off: 100 }, on()));
    expect(noCurrency.code).toBe("parameter_missing");
    expect(noCurrency.param).toBe("currency");
    const past = await stripeError(
      h.stripe.coupons.create(
        { percent_off: 10, redeem_by: Math.floor(Date.now() / 1000) - 60 },
        on(),
      ),
    );
    expect(past.param).toBe("redeem_by");
    const product = await stripeError(
      h.stripe.coupons.create(
        { percent_off: 10, applies_to: { products: ["prod_NoSuchProduct"] } },
        on(),
      ),
    );
    expect(product.code).toBe("resource_missing");
    expect(product.param).toBe("applies_to[products][0]");
  });

  it("creates promotion codes, finds them by code and enforces unique active codes", async () => {
    const coupon = await h.stripe.coupons.create({ percent_off: 20 }, on());
    const code = `SAVE${unique().toUpperCase()}`;
    const promo = await h.stripe.promotionCodes.create(
      {
        promotion: { type: "coupon", coupon: coupon.id },
        code,
        max_redemptions: 5,
        restrictions: { minimum_amount: 3000, minimum_amount_currency: "usd" },
      },
      on(),
    );
    expect(promo.id).toMatch(/^promo_/);
    expect(promo).toMatchObject({
      object: "promotion_code",
      active: true,
      code,
      max_redemptions: 5,
      promotion: { type: "coupon", coupon: coupon.id },
      restrictions: {
        first_time_transaction: false,
        minimum_amount: 3000,
        minimum_amount_currency: "usd",
      },
      times_redeemed: 0,
    });
    const found = await h.stripe.promotionCodes.list({ code }, on());
    expect(found.data.map((p) => p.id)).toEqual([promo.id]);
    const dup = await stripeError(
      h.stripe.promotionCodes.create(
        { promotion: { type: "coupon", coupon: coupon.id }, code },
        on(),
      ),
    );
    expect(dup.param).toBe("code");
    const off = await h.stripe.promotionCodes.update(promo.id, { active: false }, on());
    expect(off.active).toBe(false);
    const missingCoupon = await stripeError(
      h.stripe.promotionCodes.create({ promotion: { type: "coupon", coupon: "NOPE" } }, on()),
    );
    expect(missingCoupon.code).toBe("resource_missing");
    expect(missingCoupon.param).toBe("promotion[coupon]");
    const expanded = await h.stripe.promotionCodes.retrieve(
      promo.id,
      { expand: ["promotion.coupon"] },
      on(),
    );
    expect((expanded.promotion.coupon as Stripe.Coupon).percent_off).toBe(20);
  });
});

describe("discounts on Checkout Sessions", () => {
  it("applies a coupon to the session's amounts and line items", async () => {
    const coupon = await h.stripe.coupons.create({ amount_off: 700, currency: "usd" }, on());
    const session = await h.stripe.checkout.sessions.create(
      {
        mode: "payment",
        line_items: [item(2000), item(1000, 2)],
        discounts: [{ coupon: coupon.id }],
        shipping_options: [standardShipping],
        success_url: SUCCESS,
        cancel_url: CANCEL,
      },
      on(),
    );
    expect(session.amount_subtotal).toBe(4000);
    expect(session.total_details?.amount_discount).toBe(700);
    expect(session.amount_total).toBe(4000 - 700 + 500);
    expect(session.discounts).toEqual([{ coupon: coupon.id, promotion_code: null }]);
    const items = await h.stripe.checkout.sessions.listLineItems(session.id, {}, on());
    expect(items.data.map((li) => li.amount_discount)).toEqual([350, 350]);
    expect(items.data.map((li) => li.amount_total)).toEqual([1650, 1650]);
    const withBreakdown = await h.stripe.checkout.sessions.retrieve(
      session.id,
      { expand: ["total_details.breakdown"] },
      on(),
    );
    const discount = withBreakdown.total_details?.breakdown?.discounts[0];
    expect(discount?.amount).toBe(700);
    expect(discount?.discount.source.coupon).toBe(coupon.id);
  });

  it("limits a coupon to the products it applies to", async () => {
    const mug = await h.stripe.products.create({ name: "Mug" }, on());
    const bowl = await h.stripe.products.create({ name: "Bowl" }, on());
    const coupon = await h.stripe.coupons.create(
      { percent_off: 50, applies_to: { products: [mug.id] } },
      on(),
    );
    expect(coupon.applies_to).toEqual({ products: [mug.id] });
    const session = await h.stripe.checkout.sessions.create(
      {
        mode: "payment",
        line_items: [
          { price_data: { currency: "usd", unit_amount: 3000, product: mug.id }, quantity: 1 },
          { price_data: { currency: "usd", unit_amount: 2000, product: bowl.id }, quantity: 1 },
        ],
        discounts: [{ coupon: coupon.id }],
        success_url: SUCCESS,
        cancel_url: CANCEL,
      },
      on(),
    );
    expect(session.total_details?.amount_discount).toBe(1500);
    expect(session.amount_total).toBe(3500);
    const items = await h.stripe.checkout.sessions.listLineItems(session.id, {}, on());
    expect(items.data.map((li) => [li.description, li.amount_discount])).toEqual([
      ["Mug", 1500],
      ["Bowl", 0],
    ]);
    // A cart with none of its products cannot use it.
    const none = await stripeError(
      h.stripe.checkout.sessions.create(
        {
          mode: "payment",
          line_items: [
            { price_data: { currency: "usd", unit_amount: 2000, product: bowl.id }, quantity: 1 },
          ],
          discounts: [{ coupon: coupon.id }],
          success_url: SUCCESS,
          cancel_url: CANCEL,
        },
        on(),
      ),
    );
    expect(none.param).toBe("discounts[0][coupon]");
  });

  it("refuses discounts with allow_promotion_codes, unknown codes and unmet minimums", async () => {
    const coupon = await h.stripe.coupons.create({ percent_off: 10 }, on());
    const exclusive = await stripeError(
      h.stripe.checkout.sessions.create(
        {
          mode: "payment",
          line_items: [item(2000)],
          discounts: [{ coupon: coupon.id }],
          allow_promotion_codes: true,
          success_url: SUCCESS,
          cancel_url: CANCEL,
        },
        on(),
      ),
    );
    expect(exclusive.param).toBe("allow_promotion_codes");
    const unknown = await stripeError(
      h.stripe.checkout.sessions.create(
        {
          mode: "payment",
          line_items: [item(2000)],
          discounts: [{ promotion_code: "promo_1NoSuchCode00000000000" }],
          success_url: SUCCESS,
          cancel_url: CANCEL,
        },
        on(),
      ),
    );
    expect(unknown.code).toBe("resource_missing");
    expect(unknown.param).toBe("discounts[0][promotion_code]");
    const promo = await h.stripe.promotionCodes.create(
      {
        promotion: { type: "coupon", coupon: coupon.id },
        restrictions: { minimum_amount: 5000, minimum_amount_currency: "usd" },
      },
      on(),
    );
    const small = await stripeError(
      h.stripe.checkout.sessions.create(
        {
          mode: "payment",
          line_items: [item(2000)],
          discounts: [{ promotion_code: promo.id }],
          success_url: SUCCESS,
          cancel_url: CANCEL,
        },
        on(),
      ),
    );
    // A failed restriction has a message only (no code).
    expect(small).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(small.code).toBeUndefined();
    expect(small.param).toBe("discounts[0][promotion_code]");
  });

  it.skipIf(real)("refuses an expired coupon with coupon_expired", async () => {
    const now = (await control<{ now: number }>(h, "GET", "/clock")).body.now;
    const coupon = await h.stripe.coupons.create({ percent_off: 10, redeem_by: now + 3600 }, on());
    await control(h, "POST", "/clock/advance", { seconds: "7200" });
    const expired = await stripeError(
      h.stripe.checkout.sessions.create(
        {
          mode: "payment",
          line_items: [item(2000)],
          discounts: [{ coupon: coupon.id }],
          success_url: SUCCESS,
          cancel_url: CANCEL,
        },
        on(),
      ),
    );
    expect(expired.code).toBe("coupon_expired");
    expect((await h.stripe.coupons.retrieve(coupon.id, {}, on())).valid).toBe(false);
  });
});

describe.skipIf(real)("paying discounted sessions (control API)", () => {
  it("charges the discounted total, counts the redemption and uses the code up", async () => {
    const coupon = await h.stripe.coupons.create({ percent_off: 25 }, on());
    const promo = await h.stripe.promotionCodes.create(
      {
        promotion: { type: "coupon", coupon: coupon.id },
        code: `ONCE${unique()}`,
        max_redemptions: 1,
      },
      on(),
    );
    const create = () =>
      h.stripe.checkout.sessions.create(
        {
          mode: "payment",
          line_items: [item(4000)],
          allow_promotion_codes: true,
          shipping_options: [standardShipping],
          payment_intent_data: { application_fee_amount: 300 },
          success_url: SUCCESS,
          cancel_url: CANCEL,
        },
        on(),
      );
    const first = await create();
    const second = await create();
    expect(first.allow_promotion_codes).toBe(true);
    // The shopper types the code (in any case) on the page.
    const paid = await pay(first.id, { promotion_code: promo.code.toLowerCase() });
    expect(paid.status).toBe(200);
    const done = await h.stripe.checkout.sessions.retrieve(
      first.id,
      { expand: ["payment_intent"] },
      on(),
    );
    expect(done.discounts).toEqual([{ coupon: coupon.id, promotion_code: promo.id }]);
    expect(done.total_details?.amount_discount).toBe(1000);
    expect(done.amount_total).toBe(4000 - 1000 + 500);
    const pi = done.payment_intent as Stripe.PaymentIntent;
    expect(pi.amount).toBe(3500);
    expect(pi.application_fee_amount).toBe(300);
    expect((await h.stripe.promotionCodes.retrieve(promo.id, {}, on())).times_redeemed).toBe(1);
    expect((await h.stripe.coupons.retrieve(coupon.id, {}, on())).times_redeemed).toBe(1);

    // The second cart cannot redeem the used-up code; its session stays open and unpaid.
    const refused = await pay(second.id, { promotion_code: promo.code });
    expect(refused.status).toBe(400);
    expect((await h.stripe.checkout.sessions.retrieve(second.id, {}, on())).status).toBe("open");

    // The completed event carries the amounts.
    const events = await h.stripe.events.list(
      { type: "checkout.session.completed", limit: 20 },
      on(),
    );
    const event = events.data.find(
      (e) => (e.data.object as Stripe.Checkout.Session).id === first.id,
    );
    const payload = event?.data.object as Stripe.Checkout.Session;
    expect(payload.total_details).toMatchObject({ amount_discount: 1000, amount_shipping: 500 });
    expect(payload.shipping_cost?.amount_total).toBe(500);
    expect(payload.amount_total).toBe(3500);
  });

  it("lets the shopper pick another shipping option", async () => {
    const session = await h.stripe.checkout.sessions.create(
      {
        mode: "payment",
        line_items: [item(2000)],
        shipping_address_collection: { allowed_countries: ["US"] },
        shipping_options: [
          standardShipping,
          {
            shipping_rate_data: {
              type: "fixed_amount",
              display_name: "Overnight",
              fixed_amount: { amount: 2500, currency: "usd" },
            },
          },
        ],
        success_url: SUCCESS,
        cancel_url: CANCEL,
      },
      on(),
    );
    const overnight = String(session.shipping_options[1]?.shipping_rate);
    await pay(session.id, { shipping_rate: overnight });
    const done = await h.stripe.checkout.sessions.retrieve(
      session.id,
      { expand: ["payment_intent"] },
      on(),
    );
    expect(done.shipping_cost?.shipping_rate).toBe(overnight);
    expect(done.amount_total).toBe(4500);
    expect((done.payment_intent as Stripe.PaymentIntent).amount).toBe(4500);
  });

  it("keeps first-time codes for buyers who never paid this account", async () => {
    const coupon = await h.stripe.coupons.create({ amount_off: 500, currency: "usd" }, on());
    const promo = await h.stripe.promotionCodes.create(
      {
        promotion: { type: "coupon", coupon: coupon.id },
        restrictions: { first_time_transaction: true },
      },
      on(),
    );
    const email = `first-${unique()}@example.com`;
    const session = () =>
      h.stripe.checkout.sessions.create(
        {
          mode: "payment",
          line_items: [item(3000)],
          discounts: [{ promotion_code: promo.id }],
          success_url: SUCCESS,
          cancel_url: CANCEL,
        },
        on(),
      );
    const first = await session();
    expect((await pay(first.id, { email })).status).toBe(200);
    const again = await session();
    const refused = await pay(again.id, { email });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain("first-time");
  });

  it("completes a fully discounted session without a payment", async () => {
    const coupon = await h.stripe.coupons.create({ percent_off: 100 }, on());
    const session = await h.stripe.checkout.sessions.create(
      {
        mode: "payment",
        line_items: [item(2000)],
        discounts: [{ coupon: coupon.id }],
        success_url: SUCCESS,
        cancel_url: CANCEL,
      },
      on(),
    );
    expect(session.amount_total).toBe(0);
    await pay(session.id);
    const done = await h.stripe.checkout.sessions.retrieve(session.id, {}, on());
    expect(done.status).toBe("complete");
    expect(done.payment_status).toBe("no_payment_required");
    expect(done.payment_intent).toBeNull();
  });
});

describe.skipIf(real)("Stripe Tax", () => {
  let taxed: string;
  beforeAll(async () => {
    taxed = await onboardedAccount(h, "express");
  });
  const withTax = () => ({ stripeAccount: taxed });

  it("refuses automatic_tax until the account's tax settings are active", async () => {
    const settings = await h.stripe.tax.settings.retrieve({}, withTax());
    expect(settings).toMatchObject({
      object: "tax.settings",
      status: "pending",
      head_office: null,
      status_details: { pending: { missing_fields: ["head_office"] } },
    });
    const inactive = await stripeError(
      h.stripe.checkout.sessions.create(
        {
          mode: "payment",
          line_items: [item(2000, 1, { tax_behavior: "exclusive" })],
          automatic_tax: { enabled: true },
          success_url: SUCCESS,
          cancel_url: CANCEL,
        },
        withTax(),
      ),
    );
    expect(inactive.code).toBe("stripe_tax_inactive");
    const active = await h.stripe.tax.settings.update(
      {
        head_office: {
          address: {
            line1: "1 Market St",
            city: "San Francisco",
            state: "CA",
            country: "US",
            postal_code: "94105",
          },
        },
        defaults: { tax_code: "txcd_99999999" },
      },
      withTax(),
    );
    expect(active.status).toBe("active");
    expect(active.status_details).toEqual({ active: {} });
    expect(active.head_office?.address.country).toBe("US");
    const events = await h.stripe.events.list({ type: "tax.settings.updated" }, withTax());
    expect(events.data[0]?.data.previous_attributes).toMatchObject({ status: "pending" });
  });

  it("needs a tax behaviour for every price (or a default)", async () => {
    const missing = await stripeError(
      h.stripe.checkout.sessions.create(
        {
          mode: "payment",
          line_items: [item(2000)],
          automatic_tax: { enabled: true },
          success_url: SUCCESS,
          cancel_url: CANCEL,
        },
        withTax(),
      ),
    );
    expect(missing.param).toBe("line_items[0][price_data][tax_behavior]");
  });

  it("registers jurisdictions and collects tax only where registered", async () => {
    const ca = await h.stripe.tax.registrations.create(
      {
        country: "US",
        country_options: { us: { state: "CA", type: "state_sales_tax" } },
        active_from: "now",
      },
      withTax(),
    );
    expect(ca).toMatchObject({
      object: "tax.registration",
      country: "US",
      status: "active",
      country_options: { us: { state: "CA", type: "state_sales_tax" } },
    });
    const de = await h.stripe.tax.registrations.create(
      { country: "DE", country_options: { de: { type: "standard" } }, active_from: "now" },
      withTax(),
    );
    expect(de.country).toBe("DE");
    const listed = await h.stripe.tax.registrations.list({ status: "active" }, withTax());
    expect(listed.data.map((r) => r.id)).toEqual([de.id, ca.id]);
    const dup = await stripeError(
      h.stripe.tax.registrations.create(
        { country: "DE", country_options: { de: { type: "standard" } }, active_from: "now" },
        withTax(),
      ),
    );
    expect(dup).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);

    const session = await h.stripe.checkout.sessions.create(
      {
        mode: "payment",
        line_items: [item(10000, 1, { tax_behavior: "exclusive" })],
        automatic_tax: { enabled: true },
        shipping_address_collection: { allowed_countries: ["US", "DE"] },
        shipping_options: [standardShipping],
        payment_intent_data: { application_fee_amount: 500 },
        success_url: SUCCESS,
        cancel_url: CANCEL,
      },
      withTax(),
    );
    expect(session.automatic_tax).toEqual({
      enabled: true,
      liability: { type: "self" },
      provider: "stripe",
      status: "requires_location_inputs",
    });
    expect(session.amount_total).toBe(10500);

    // California: 7.25% on the item and on shipping.
    const paid = await control(h, "POST", `/checkout/sessions/${session.id}/pay`, {
      card: "4242424242424242",
      email: "ca@example.com",
      "shipping[name]": "Ada",
      "shipping[address][line1]": "1 Main St",
      "shipping[address][city]": "Los Angeles",
      "shipping[address][state]": "CA",
      "shipping[address][postal_code]": "90001",
      "shipping[address][country]": "US",
    });
    expect(paid.status).toBe(200);
    const done = await h.stripe.checkout.sessions.retrieve(
      session.id,
      { expand: ["total_details.breakdown", "payment_intent"] },
      withTax(),
    );
    expect(done.automatic_tax.status).toBe("complete");
    expect(done.total_details?.amount_tax).toBe(725 + 36);
    expect(done.shipping_cost).toMatchObject({
      amount_subtotal: 500,
      amount_tax: 36,
      amount_total: 536,
    });
    expect(done.amount_total).toBe(10000 + 500 + 725 + 36);
    const tax = done.total_details?.breakdown?.taxes[0];
    expect(tax).toMatchObject({
      amount: 761,
      taxability_reason: "standard_rated",
      taxable_amount: 10500,
      rate: {
        percentage: 7.25,
        country: "US",
        state: "CA",
        tax_type: "sales_tax",
        inclusive: false,
      },
    });
    const pi = done.payment_intent as Stripe.PaymentIntent;
    expect(pi.amount).toBe(11261);
    // The platform's fee is what the session was created with: tax is never in it.
    expect(pi.application_fee_amount).toBe(500);
    const items = await h.stripe.checkout.sessions.listLineItems(session.id, {}, withTax());
    expect(items.data[0]).toMatchObject({ amount_tax: 725, amount_total: 10725 });

    // Oregon: not registered, nothing collected.
    const or = await h.stripe.checkout.sessions.create(
      {
        mode: "payment",
        line_items: [item(10000, 1, { tax_behavior: "exclusive" })],
        automatic_tax: { enabled: true },
        shipping_address_collection: { allowed_countries: ["US"] },
        success_url: SUCCESS,
        cancel_url: CANCEL,
      },
      withTax(),
    );
    await control(h, "POST", `/checkout/sessions/${or.id}/pay`, {
      "shipping[address][state]": "OR",
      "shipping[address][country]": "US",
      "shipping[address][line1]": "1 Main St",
    });
    const orDone = await h.stripe.checkout.sessions.retrieve(
      or.id,
      { expand: ["total_details.breakdown"] },
      withTax(),
    );
    expect(orDone.total_details?.amount_tax).toBe(0);
    expect(orDone.amount_total).toBe(10000);
    expect(orDone.total_details?.breakdown?.taxes[0]?.taxability_reason).toBe("not_collecting");
  });

  it("takes inclusive tax out of the price and computes from the billing address", async () => {
    const session = await h.stripe.checkout.sessions.create(
      {
        mode: "payment",
        line_items: [
          {
            price_data: {
              currency: "eur",
              unit_amount: 11900,
              product_data: { name: "Vase" },
              tax_behavior: "inclusive",
            },
            quantity: 1,
          },
        ],
        automatic_tax: { enabled: true },
        success_url: SUCCESS,
        cancel_url: CANCEL,
      },
      withTax(),
    );
    const noAddress = await control(h, "POST", `/checkout/sessions/${session.id}/pay`, {});
    expect(noAddress.status).toBe(400);
    expect(JSON.stringify(noAddress.body)).toContain("customer_tax_location_invalid");
    await control(h, "POST", `/checkout/sessions/${session.id}/pay`, {
      "billing_address[country]": "DE",
      "billing_address[postal_code]": "10115",
    });
    const done = await h.stripe.checkout.sessions.retrieve(session.id, {}, withTax());
    expect(done.amount_total).toBe(11900);
    expect(done.total_details?.amount_tax).toBe(1900);
    expect(done.customer_details?.address?.country).toBe("DE");
  });
});

describe("products", () => {
  it("creates, updates and lists products; line items may name one", async () => {
    const product = await h.stripe.products.create(
      { name: "Pour-over kettle", metadata: { sku: "K-1" }, shippable: true },
      on(),
    );
    expect(product).toMatchObject({ object: "product", active: true, name: "Pour-over kettle" });
    const renamed = await h.stripe.products.update(
      product.id,
      { name: "Kettle", description: "Steel" },
      on(),
    );
    expect(renamed).toMatchObject({ name: "Kettle", description: "Steel" });
    const listed = await h.stripe.products.list({ ids: [product.id] }, on());
    expect(listed.data.map((p) => p.id)).toEqual([product.id]);
    const session = await h.stripe.checkout.sessions.create(
      {
        mode: "payment",
        line_items: [
          { price_data: { currency: "usd", unit_amount: 4500, product: product.id }, quantity: 1 },
        ],
        success_url: SUCCESS,
        cancel_url: CANCEL,
      },
      on(),
    );
    const items = await h.stripe.checkout.sessions.listLineItems(session.id, {}, on());
    expect(items.data[0]?.description).toBe("Kettle");
    expect(items.data[0]?.price?.product).toBe(product.id);
    const unknown = await stripeError(
      h.stripe.checkout.sessions.create(
        {
          mode: "payment",
          line_items: [
            {
              price_data: { currency: "usd", unit_amount: 4500, product: "prod_Nope" },
              quantity: 1,
            },
          ],
          success_url: SUCCESS,
          cancel_url: CANCEL,
        },
        on(),
      ),
    );
    expect(unknown.code).toBe("resource_missing");
    expect(unknown.param).toBe("line_items[0][price_data][product]");
  });
});
