// Every valid parameter accepted: for each implemented operation, every leaf parameter its SDK
// type allows is sent (one at a time, on top of a minimal valid request) with a value the type
// allows. A valid value must never be refused as unknown or invalid; any other refusal must be
// a known deviation with its reason (deviations.ts). Parameters the emulator accepts without
// honouring them are counted as ignored (the emulator names them in a reply header).
// Against real Stripe it runs only when asked (STRIPE_CONTRACT_SWEEP=1: thousands of requests
// and objects in the test account, one request at a time), skips fixtures that need the control
// API, and reports Stripe's answers instead of asserting the emulator's deviations.

import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OPERATIONS, type OperationId } from "../operations";
import { IGNORED_HEADER } from "../server";
import { DEVIATIONS } from "./deviations";
import { control, lineItem, onboardedAccount, real, setUp, type Harness } from "./harness";
import {
  countryOptionKeys,
  encodeQuery,
  samplesFor,
  withParam,
  type Sample,
} from "./param-samples";

interface Prepared {
  /** Concrete request path (ids filled in). */
  path: string;
  base?: Record<string, unknown>;
  /** Values for id-like parameters, by parameter name. */
  ids?: Record<string, string>;
  stripeAccount?: string;
}

interface Fixture {
  prepare: () => Promise<Prepared>;
  /** Prepare anew for each sample (the operation consumes its object). */
  fresh?: boolean;
  /**
   * Sample labels (patterns as in deviations.ts) whose value is only valid together with other
   * parameters, with those parameters ([path, value]; undefined removes a base parameter).
   */
  context?: Record<string, [(string | number)[], unknown][]>;
}

let h: Harness;
let account: string;

const SUCCESS = "https://example.com/success?session_id={CHECKOUT_SESSION_ID}";
const opts = () => ({ stripeAccount: account });

async function paidIntent(capture: "automatic" | "manual" = "automatic", amount = 100_000) {
  return h.stripe.paymentIntents.create(
    {
      amount,
      currency: "usd",
      application_fee_amount: 1000,
      payment_method: "pm_card_visa",
      confirm: true,
      capture_method: capture,
    },
    opts(),
  );
}

async function session() {
  return h.stripe.checkout.sessions.create(
    {
      mode: "payment",
      line_items: [lineItem(2000)],
      success_url: SUCCESS,
      cancel_url: "https://example.com/cart",
    },
    opts(),
  );
}

const chargeOf = (pi: Stripe.PaymentIntent) => String(pi.latest_charge);

/** Stripe Tax set up on an account (a head office makes its settings active). */
async function activeTax(stripeAccount: string) {
  await h.stripe.tax.settings.update(
    { head_office: { address: { country: "US", state: "CA", postal_code: "94105" } } },
    { stripeAccount },
  );
}

/** An account of its own, for objects that must be unique per account (tax registrations). */
async function freshAccount(): Promise<string> {
  if (real) return account;
  return (await h.stripe.accounts.create({ type: "standard" })).id;
}

const registration = (stripeAccount: string) =>
  h.stripe.tax.registrations.create(
    {
      country: "US",
      country_options: { us: { state: "CA", type: "state_sales_tax" } },
      active_from: "now",
    },
    { stripeAccount },
  );

/** A registration's country follows the country_options member a sample sets. */
const REGISTRATION_COUNTRIES: Record<string, [(string | number)[], unknown][]> = Object.fromEntries(
  countryOptionKeys()
    .filter((key) => key !== "us")
    .map((key) => [
      `country_options[${key}]*`,
      [
        [["country"], key.toUpperCase()],
        [["country_options", "us"], undefined],
      ],
    ]),
);

async function subscriptionPrice() {
  return h.stripe.prices.create(
    {
      currency: "usd",
      unit_amount: 1500,
      product_data: { name: "Beans" },
      recurring: { interval: "month" },
    },
    opts(),
  );
}

/** An active subscription made through Checkout (the only way the emulator creates one). */
async function subscription(): Promise<Stripe.Subscription> {
  const price = await subscriptionPrice();
  const s = await h.stripe.checkout.sessions.create(
    {
      mode: "subscription",
      line_items: [{ price: price.id, quantity: 1 }],
      success_url: SUCCESS,
      cancel_url: "https://example.com/cart",
    },
    opts(),
  );
  await control(h, "POST", `/checkout/sessions/${s.id}/pay`, { card: "4242424242424242" });
  const done = await h.stripe.checkout.sessions.retrieve(s.id, {}, opts());
  return h.stripe.subscriptions.retrieve(String(done.subscription), {}, opts());
}

/** A paid charge on the platform itself (money to transfer from). */
async function platformCharge(): Promise<string> {
  const pi = await h.stripe.paymentIntents.create({
    amount: 100_000,
    currency: "usd",
    payment_method: "pm_card_visa",
    confirm: true,
  });
  return String(pi.latest_charge);
}

async function transfer(): Promise<Stripe.Transfer> {
  return h.stripe.transfers.create({
    amount: 1000,
    currency: "usd",
    destination: account,
    source_transaction: await platformCharge(),
  });
}

/** A dispute on a paid charge of the account (opened through the control API). */
async function dispute(): Promise<Stripe.Dispute> {
  const pi = await paidIntent();
  return (await control<Stripe.Dispute>(h, "POST", `/charges/${chargeOf(pi)}/dispute`)).body;
}

async function couponWithAmount() {
  return h.stripe.coupons.create({ amount_off: 500, currency: "usd" }, opts());
}

async function product() {
  return h.stripe.products.create({ name: "Mug" }, opts());
}

async function shippingRate() {
  return h.stripe.shippingRates.create(
    {
      display_name: "Standard",
      fixed_amount: { amount: 500, currency: "usd", currency_options: { eur: { amount: 450 } } },
    },
    opts(),
  );
}

/** What Stripe requires of an account without a Stripe dashboard. */
const NO_DASHBOARD: [(string | number)[], unknown][] = [
  [["controller", "stripe_dashboard", "type"], "none"],
  [["controller", "requirement_collection"], "application"],
  [["controller", "fees", "payer"], "application"],
  [["controller", "losses", "payments"], "application"],
  [["capabilities", "transfers", "requested"], "true"],
];

/** A subscription-mode session: a monthly price. */
const SUBSCRIPTION: [(string | number)[], unknown][] = [
  [["mode"], "subscription"],
  [["line_items", 0, "price_data", "recurring", "interval"], "month"],
];

/** An embedded_page session instead of the hosted base. */
const EMBEDDED: [(string | number)[], unknown][] = [
  [["ui_mode"], "embedded_page"],
  [["success_url"], undefined],
  [["cancel_url"], undefined],
  [["return_url"], "https://example.com/return?session_id={CHECKOUT_SESSION_ID}"],
];

const FIXTURES: Partial<Record<OperationId, Fixture>> = {
  "accounts.create": {
    prepare: async () => ({ path: "/v1/accounts" }),
    context: {
      "type=custom": [[["capabilities", "transfers", "requested"], "true"]],
      "controller[stripe_dashboard][type]=none": NO_DASHBOARD,
      "controller[requirement_collection]=application": NO_DASHBOARD,
      "controller[stripe_dashboard][type]=express": [
        [["controller", "fees", "payer"], "application"],
        [["controller", "losses", "payments"], "application"],
      ],
    },
  },
  "accounts.list": {
    prepare: async () => ({ path: "/v1/accounts", ids: { starting_after: account } }),
  },
  "accounts.retrieveCurrent": { prepare: async () => ({ path: "/v1/account" }) },
  "accounts.retrieve": { prepare: async () => ({ path: `/v1/accounts/${account}` }) },
  "accounts.update": {
    prepare: async () => {
      const a = await h.stripe.accounts.create({ type: "standard" });
      return { path: `/v1/accounts/${a.id}` };
    },
    fresh: true,
  },
  "accounts.del": {
    prepare: async () => {
      const a = await h.stripe.accounts.create({ type: "standard" });
      return { path: `/v1/accounts/${a.id}` };
    },
    fresh: true,
  },
  "accounts.createLoginLink": {
    prepare: async () => ({ path: `/v1/accounts/${account}/login_links` }),
  },
  "accountLinks.create": {
    context: { "type=account_update": [[["account"], "{custom}"]] },
    prepare: async () => {
      const a = await h.stripe.accounts.create({ type: "express" });
      const custom = await h.stripe.accounts.create({
        type: "custom",
        capabilities: { transfers: { requested: true } },
      });
      return {
        path: "/v1/account_links",
        base: {
          account: a.id,
          type: "account_onboarding",
          refresh_url: "https://example.com/refresh",
          return_url: "https://example.com/return",
        },
        ids: { account: a.id, "{custom}": custom.id },
      };
    },
  },
  "checkout.sessions.create": {
    context: {
      // Stripe Tax needs a tax behaviour on every price (the account's settings are active).
      "automatic_tax*": [[["line_items", 0, "price_data", "tax_behavior"], "exclusive"]],
      "automatic_tax[liability][type]=account": [
        [["line_items", 0, "price_data", "tax_behavior"], "exclusive"],
        [["automatic_tax", "liability", "account"], "{account}"],
      ],
      // A fixed_amount rate needs its amount.
      "shipping_options[0][shipping_rate_data]*": [
        [["shipping_options", 0, "shipping_rate_data", "fixed_amount", "amount"], "500"],
        [["shipping_options", 0, "shipping_rate_data", "fixed_amount", "currency"], "usd"],
      ],
      "line_items[0][price]": [[["line_items", 0, "price_data"], undefined]],
      "mode=subscription": SUBSCRIPTION,
      "subscription_data*": SUBSCRIPTION,
      "line_items[0][price_data][recurring]*": SUBSCRIPTION,
      "ui_mode=embedded_page": EMBEDDED,
      return_url: EMBEDDED,
      "redirect_on_completion=*": EMBEDDED,
      "line_items[0][price_data][unit_amount_decimal]": [
        [["line_items", 0, "price_data", "unit_amount"], undefined],
      ],
    },
    prepare: async () => {
      await activeTax(account);
      return {
        path: "/v1/checkout/sessions",
        stripeAccount: account,
        ids: { "{account}": account },
        base: {
          mode: "payment",
          line_items: [lineItem(2000)],
          success_url: SUCCESS,
          cancel_url: "https://example.com/cart",
        },
      };
    },
  },
  "checkout.sessions.list": {
    prepare: async () => {
      const s = await session();
      return {
        path: "/v1/checkout/sessions",
        stripeAccount: account,
        ids: { starting_after: s.id, ending_before: s.id },
      };
    },
  },
  "checkout.sessions.retrieve": {
    prepare: async () => {
      const s = await session();
      return { path: `/v1/checkout/sessions/${s.id}`, stripeAccount: account };
    },
  },
  "checkout.sessions.update": {
    prepare: async () => {
      const s = await session();
      return { path: `/v1/checkout/sessions/${s.id}`, stripeAccount: account };
    },
    fresh: true,
  },
  "checkout.sessions.listLineItems": {
    prepare: async () => {
      const s = await session();
      return { path: `/v1/checkout/sessions/${s.id}/line_items`, stripeAccount: account };
    },
  },
  "checkout.sessions.expire": {
    prepare: async () => {
      const s = await session();
      return { path: `/v1/checkout/sessions/${s.id}/expire`, stripeAccount: account };
    },
    fresh: true,
  },
  "paymentIntents.create": {
    context: { confirm: [[["payment_method"], "pm_card_visa"]] },
    prepare: async () => ({
      path: "/v1/payment_intents",
      stripeAccount: account,
      base: { amount: 2000, currency: "usd" },
    }),
  },
  "paymentIntents.list": {
    prepare: async () => {
      const pi = await paidIntent();
      return {
        path: "/v1/payment_intents",
        stripeAccount: account,
        ids: { starting_after: pi.id, ending_before: pi.id },
      };
    },
  },
  "paymentIntents.retrieve": {
    prepare: async () => {
      const pi = await paidIntent();
      return {
        path: `/v1/payment_intents/${pi.id}`,
        stripeAccount: account,
        ids: { client_secret: pi.client_secret ?? "" },
      };
    },
  },
  "paymentIntents.update": {
    prepare: async () => {
      const pi = await h.stripe.paymentIntents.create({ amount: 2000, currency: "usd" }, opts());
      return { path: `/v1/payment_intents/${pi.id}`, stripeAccount: account };
    },
    fresh: true,
  },
  "paymentIntents.confirm": {
    prepare: async () => {
      const pi = await h.stripe.paymentIntents.create({ amount: 2000, currency: "usd" }, opts());
      return {
        path: `/v1/payment_intents/${pi.id}/confirm`,
        stripeAccount: account,
        base: { payment_method: "pm_card_visa" },
      };
    },
    fresh: true,
  },
  "paymentIntents.cancel": {
    prepare: async () => {
      const pi = await h.stripe.paymentIntents.create({ amount: 2000, currency: "usd" }, opts());
      return { path: `/v1/payment_intents/${pi.id}/cancel`, stripeAccount: account };
    },
    fresh: true,
  },
  "paymentIntents.capture": {
    prepare: async () => {
      const pi = await paidIntent("manual");
      return { path: `/v1/payment_intents/${pi.id}/capture`, stripeAccount: account };
    },
    fresh: true,
  },
  "charges.list": {
    prepare: async () => {
      const pi = await paidIntent();
      return {
        path: "/v1/charges",
        stripeAccount: account,
        ids: { payment_intent: pi.id, starting_after: chargeOf(pi), ending_before: chargeOf(pi) },
      };
    },
  },
  "charges.retrieve": {
    prepare: async () => {
      const pi = await paidIntent();
      return { path: `/v1/charges/${chargeOf(pi)}`, stripeAccount: account };
    },
  },
  "refunds.create": {
    prepare: async () => {
      const pi = await paidIntent();
      return {
        path: "/v1/refunds",
        stripeAccount: account,
        base: { payment_intent: pi.id, amount: 100 },
        ids: { payment_intent: pi.id, charge: chargeOf(pi) },
      };
    },
    fresh: true,
  },
  "refunds.list": {
    prepare: async () => {
      const pi = await paidIntent();
      const re = await h.stripe.refunds.create({ payment_intent: pi.id, amount: 100 }, opts());
      return {
        path: "/v1/refunds",
        stripeAccount: account,
        ids: {
          payment_intent: pi.id,
          charge: chargeOf(pi),
          starting_after: re.id,
          ending_before: re.id,
        },
      };
    },
  },
  "refunds.retrieve": {
    prepare: async () => {
      const pi = await paidIntent();
      const re = await h.stripe.refunds.create({ payment_intent: pi.id, amount: 100 }, opts());
      return { path: `/v1/refunds/${re.id}`, stripeAccount: account };
    },
  },
  "refunds.update": {
    prepare: async () => {
      const pi = await paidIntent();
      const re = await h.stripe.refunds.create({ payment_intent: pi.id, amount: 100 }, opts());
      return { path: `/v1/refunds/${re.id}`, stripeAccount: account };
    },
  },
  "applicationFees.list": {
    prepare: async () => {
      const pi = await paidIntent();
      const fees = await h.stripe.applicationFees.list({ charge: chargeOf(pi) });
      const fee = fees.data[0]?.id ?? "";
      return {
        path: "/v1/application_fees",
        ids: { charge: chargeOf(pi), starting_after: fee, ending_before: fee },
      };
    },
  },
  "applicationFees.retrieve": {
    prepare: async () => {
      const pi = await paidIntent();
      const fees = await h.stripe.applicationFees.list({ charge: chargeOf(pi) });
      return { path: `/v1/application_fees/${fees.data[0]?.id}` };
    },
  },
  "applicationFees.listRefunds": {
    prepare: async () => {
      const pi = await paidIntent();
      const fee = (await h.stripe.applicationFees.list({ charge: chargeOf(pi) })).data[0]?.id ?? "";
      const fr = await h.stripe.applicationFees.createRefund(fee, { amount: 10 });
      return {
        path: `/v1/application_fees/${fee}/refunds`,
        ids: { starting_after: fr.id, ending_before: fr.id },
      };
    },
  },
  "applicationFees.createRefund": {
    prepare: async () => {
      const pi = await paidIntent();
      const fee = (await h.stripe.applicationFees.list({ charge: chargeOf(pi) })).data[0]?.id ?? "";
      return { path: `/v1/application_fees/${fee}/refunds`, base: { amount: 10 } };
    },
  },
  "applicationFees.retrieveRefund": {
    prepare: async () => {
      const pi = await paidIntent();
      const fee = (await h.stripe.applicationFees.list({ charge: chargeOf(pi) })).data[0]?.id ?? "";
      const fr = await h.stripe.applicationFees.createRefund(fee, { amount: 10 });
      return { path: `/v1/application_fees/${fee}/refunds/${fr.id}` };
    },
  },
  "balance.retrieve": {
    prepare: async () => ({ path: "/v1/balance", stripeAccount: account }),
  },
  "balanceTransactions.list": {
    prepare: async () => {
      const pi = await paidIntent();
      const txns = await h.stripe.balanceTransactions.list({ limit: 1 }, opts());
      const txn = txns.data[0]?.id ?? "";
      return {
        path: "/v1/balance_transactions",
        stripeAccount: account,
        ids: { source: chargeOf(pi), starting_after: txn, ending_before: txn },
      };
    },
  },
  "balanceTransactions.retrieve": {
    prepare: async () => {
      await paidIntent();
      const txn = (await h.stripe.balanceTransactions.list({ limit: 1 }, opts())).data[0]?.id;
      return { path: `/v1/balance_transactions/${txn}`, stripeAccount: account };
    },
  },
  "payouts.create": {
    prepare: async () => {
      await paidIntent("automatic", 500_000);
      await control(h, "POST", "/balance/settle", { account });
      return {
        path: "/v1/payouts",
        stripeAccount: account,
        base: { amount: 100, currency: "usd" },
      };
    },
  },
  "payouts.list": {
    prepare: async () => {
      await paidIntent();
      await control(h, "POST", "/balance/settle", { account });
      const po = await h.stripe.payouts.create({ amount: 100, currency: "usd" }, opts());
      return {
        path: "/v1/payouts",
        stripeAccount: account,
        ids: { starting_after: po.id, ending_before: po.id },
      };
    },
  },
  "payouts.retrieve": {
    prepare: async () => {
      await paidIntent();
      await control(h, "POST", "/balance/settle", { account });
      const po = await h.stripe.payouts.create({ amount: 100, currency: "usd" }, opts());
      return { path: `/v1/payouts/${po.id}`, stripeAccount: account };
    },
  },
  "events.list": {
    prepare: async () => {
      await paidIntent();
      const evt = (await h.stripe.events.list({ limit: 1 }, opts())).data[0]?.id ?? "";
      return {
        path: "/v1/events",
        stripeAccount: account,
        ids: { starting_after: evt, ending_before: evt, type: "charge.succeeded" },
      };
    },
  },
  "events.retrieve": {
    prepare: async () => {
      await paidIntent();
      const evt = (await h.stripe.events.list({ limit: 1 }, opts())).data[0]?.id ?? "";
      return { path: `/v1/events/${evt}`, stripeAccount: account };
    },
  },
  "products.create": {
    prepare: async () => ({ path: "/v1/products", stripeAccount: account, base: { name: "Mug" } }),
  },
  "products.list": {
    prepare: async () => {
      const p = await product();
      return {
        path: "/v1/products",
        stripeAccount: account,
        ids: { starting_after: p.id, ending_before: p.id },
      };
    },
  },
  "products.retrieve": {
    prepare: async () => ({ path: `/v1/products/${(await product()).id}`, stripeAccount: account }),
  },
  "products.update": {
    prepare: async () => ({ path: `/v1/products/${(await product()).id}`, stripeAccount: account }),
    fresh: true,
  },
  "shippingRates.create": {
    prepare: async () => ({
      path: "/v1/shipping_rates",
      stripeAccount: account,
      base: { display_name: "Standard", fixed_amount: { amount: 500, currency: "usd" } },
    }),
  },
  "shippingRates.list": {
    prepare: async () => {
      const r = await shippingRate();
      return {
        path: "/v1/shipping_rates",
        stripeAccount: account,
        ids: { starting_after: r.id, ending_before: r.id },
      };
    },
  },
  "shippingRates.retrieve": {
    prepare: async () => ({
      path: `/v1/shipping_rates/${(await shippingRate()).id}`,
      stripeAccount: account,
    }),
  },
  "shippingRates.update": {
    prepare: async () => ({
      path: `/v1/shipping_rates/${(await shippingRate()).id}`,
      stripeAccount: account,
    }),
    fresh: true,
  },
  "coupons.create": {
    context: {
      amount_off: [
        [["percent_off"], undefined],
        [["currency"], "usd"],
      ],
      "currency_options*": [
        [["percent_off"], undefined],
        [["amount_off"], "500"],
        [["currency"], "usd"],
      ],
      duration_in_months: [[["duration"], "repeating"]],
      "duration=repeating": [[["duration_in_months"], "3"]],
    },
    prepare: async () => ({
      path: "/v1/coupons",
      stripeAccount: account,
      base: { percent_off: 10 },
    }),
  },
  "coupons.list": {
    prepare: async () => {
      const c = await couponWithAmount();
      return {
        path: "/v1/coupons",
        stripeAccount: account,
        ids: { starting_after: c.id, ending_before: c.id },
      };
    },
  },
  "coupons.retrieve": {
    prepare: async () => ({
      path: `/v1/coupons/${(await couponWithAmount()).id}`,
      stripeAccount: account,
    }),
  },
  "coupons.update": {
    prepare: async () => ({
      path: `/v1/coupons/${(await couponWithAmount()).id}`,
      stripeAccount: account,
    }),
  },
  "coupons.del": {
    prepare: async () => ({
      path: `/v1/coupons/${(await couponWithAmount()).id}`,
      stripeAccount: account,
    }),
    fresh: true,
  },
  "promotionCodes.create": {
    context: {
      "restrictions[minimum_amount]": [[["restrictions", "minimum_amount_currency"], "usd"]],
      "restrictions[minimum_amount_currency]": [[["restrictions", "minimum_amount"], "1000"]],
    },
    prepare: async () => {
      const c = await couponWithAmount();
      return {
        path: "/v1/promotion_codes",
        stripeAccount: account,
        base: { promotion: { type: "coupon", coupon: c.id } },
      };
    },
  },
  "promotionCodes.list": {
    prepare: async () => {
      const c = await couponWithAmount();
      const pc = await h.stripe.promotionCodes.create(
        { promotion: { type: "coupon", coupon: c.id } },
        opts(),
      );
      return {
        path: "/v1/promotion_codes",
        stripeAccount: account,
        ids: { starting_after: pc.id, ending_before: pc.id, coupon: c.id },
      };
    },
  },
  "promotionCodes.retrieve": {
    prepare: async () => {
      const c = await couponWithAmount();
      const pc = await h.stripe.promotionCodes.create(
        { promotion: { type: "coupon", coupon: c.id } },
        opts(),
      );
      return { path: `/v1/promotion_codes/${pc.id}`, stripeAccount: account };
    },
  },
  "promotionCodes.update": {
    prepare: async () => {
      const c = await couponWithAmount();
      const pc = await h.stripe.promotionCodes.create(
        { promotion: { type: "coupon", coupon: c.id } },
        opts(),
      );
      return { path: `/v1/promotion_codes/${pc.id}`, stripeAccount: account };
    },
    fresh: true,
  },
  "tax.settings.retrieve": {
    prepare: async () => ({ path: "/v1/tax/settings", stripeAccount: account }),
  },
  "tax.settings.update": {
    // A head office is an address with at least its country.
    context: { "head_office[address][*]": [[["head_office", "address", "country"], "US"]] },
    prepare: async () => ({ path: "/v1/tax/settings", stripeAccount: account }),
  },
  "tax.registrations.create": {
    context: REGISTRATION_COUNTRIES,
    prepare: async () => ({
      path: "/v1/tax/registrations",
      stripeAccount: await freshAccount(),
      base: {
        country: "US",
        country_options: { us: { state: "CA", type: "state_sales_tax" } },
        active_from: "now",
      },
    }),
    fresh: true,
  },
  "tax.registrations.list": {
    prepare: async () => {
      const owner = await freshAccount();
      const r = await registration(owner);
      return {
        path: "/v1/tax/registrations",
        stripeAccount: owner,
        ids: { starting_after: r.id, ending_before: r.id },
      };
    },
  },
  "tax.registrations.retrieve": {
    prepare: async () => {
      const owner = await freshAccount();
      const r = await registration(owner);
      return { path: `/v1/tax/registrations/${r.id}`, stripeAccount: owner };
    },
  },
  "tax.registrations.update": {
    prepare: async () => {
      const owner = await freshAccount();
      const r = await registration(owner);
      return { path: `/v1/tax/registrations/${r.id}`, stripeAccount: owner };
    },
    fresh: true,
  },
  "customers.create": {
    prepare: async () => ({ path: "/v1/customers", stripeAccount: account }),
  },
  "customers.list": {
    prepare: async () => {
      const c = await h.stripe.customers.create({ email: "c@example.com" }, opts());
      return {
        path: "/v1/customers",
        stripeAccount: account,
        ids: { starting_after: c.id, ending_before: c.id },
      };
    },
  },
  "customers.retrieve": {
    prepare: async () => {
      const c = await h.stripe.customers.create({}, opts());
      return { path: `/v1/customers/${c.id}`, stripeAccount: account };
    },
  },
  "customers.update": {
    prepare: async () => {
      const c = await h.stripe.customers.create({}, opts());
      return { path: `/v1/customers/${c.id}`, stripeAccount: account };
    },
  },
  "prices.create": {
    context: {
      // product and product_data exclude each other; unit_amount_decimal replaces unit_amount.
      "product_data*": [[["product"], undefined]],
      unit_amount_decimal: [[["unit_amount"], undefined]],
    },
    prepare: async () => {
      const p = await product();
      return {
        path: "/v1/prices",
        stripeAccount: account,
        base: { currency: "usd", unit_amount: 1000, product: p.id },
        ids: { product: p.id },
      };
    },
  },
  "prices.list": {
    prepare: async () => {
      const price = await subscriptionPrice();
      return {
        path: "/v1/prices",
        stripeAccount: account,
        ids: {
          starting_after: price.id,
          ending_before: price.id,
          product: String(price.product),
        },
      };
    },
  },
  "prices.retrieve": {
    prepare: async () => ({
      path: `/v1/prices/${(await subscriptionPrice()).id}`,
      stripeAccount: account,
    }),
  },
  "prices.update": {
    prepare: async () => ({
      path: `/v1/prices/${(await subscriptionPrice()).id}`,
      stripeAccount: account,
    }),
    fresh: true,
  },
  "subscriptions.list": {
    prepare: async () => {
      const sub = await subscription();
      return {
        path: "/v1/subscriptions",
        stripeAccount: account,
        ids: {
          starting_after: sub.id,
          ending_before: sub.id,
          customer: String(sub.customer),
          price: sub.items.data[0]?.price.id ?? "",
          plan: sub.items.data[0]?.price.id ?? "",
        },
      };
    },
  },
  "subscriptions.retrieve": {
    prepare: async () => ({
      path: `/v1/subscriptions/${(await subscription()).id}`,
      stripeAccount: account,
    }),
  },
  "subscriptions.update": {
    prepare: async () => ({
      path: `/v1/subscriptions/${(await subscription()).id}`,
      stripeAccount: account,
    }),
  },
  "subscriptions.cancel": {
    prepare: async () => ({
      path: `/v1/subscriptions/${(await subscription()).id}`,
      stripeAccount: account,
    }),
    fresh: true,
  },
  "invoices.list": {
    prepare: async () => {
      const sub = await subscription();
      const invoice = String(sub.latest_invoice);
      return {
        path: "/v1/invoices",
        stripeAccount: account,
        ids: {
          starting_after: invoice,
          ending_before: invoice,
          customer: String(sub.customer),
          subscription: sub.id,
        },
      };
    },
  },
  "invoices.retrieve": {
    prepare: async () => ({
      path: `/v1/invoices/${String((await subscription()).latest_invoice)}`,
      stripeAccount: account,
    }),
  },
  "billingPortal.sessions.create": {
    prepare: async () => {
      const c = await h.stripe.customers.create({}, opts());
      return {
        path: "/v1/billing_portal/sessions",
        stripeAccount: account,
        base: { customer: c.id },
        ids: { customer: c.id },
      };
    },
  },
  "transfers.create": {
    prepare: async () => {
      const charge = await platformCharge();
      // Without source_transaction a transfer draws on the platform's available balance
      // (which the sweep's Express charges, whose Stripe fees the platform pays, keep low).
      await h.stripe.paymentIntents.create({
        amount: 99_999_999,
        currency: "usd",
        payment_method: "pm_card_bypassPending",
        confirm: true,
      });
      return {
        path: "/v1/transfers",
        base: { amount: 100, currency: "usd", destination: account },
        ids: { source_transaction: charge, destination: account },
      };
    },
  },
  "transfers.list": {
    prepare: async () => {
      const t = await transfer();
      return {
        path: "/v1/transfers",
        ids: { starting_after: t.id, ending_before: t.id, destination: account },
      };
    },
  },
  "transfers.retrieve": {
    prepare: async () => ({ path: `/v1/transfers/${(await transfer()).id}` }),
  },
  "transfers.update": {
    prepare: async () => ({ path: `/v1/transfers/${(await transfer()).id}` }),
  },
  "transfers.createReversal": {
    prepare: async () => ({
      path: `/v1/transfers/${(await transfer()).id}/reversals`,
      base: { amount: 10 },
    }),
  },
  "transfers.listReversals": {
    prepare: async () => {
      const t = await transfer();
      const r = await h.stripe.transfers.createReversal(t.id, { amount: 10 });
      return {
        path: `/v1/transfers/${t.id}/reversals`,
        ids: { starting_after: r.id, ending_before: r.id },
      };
    },
  },
  "transfers.retrieveReversal": {
    prepare: async () => {
      const t = await transfer();
      const r = await h.stripe.transfers.createReversal(t.id, { amount: 10 });
      return { path: `/v1/transfers/${t.id}/reversals/${r.id}` };
    },
  },
  "disputes.list": {
    prepare: async () => {
      const d = await dispute();
      return {
        path: "/v1/disputes",
        stripeAccount: account,
        ids: {
          starting_after: d.id,
          ending_before: d.id,
          charge: String(d.charge),
          payment_intent: String(d.payment_intent),
        },
      };
    },
  },
  "disputes.retrieve": {
    prepare: async () => ({ path: `/v1/disputes/${(await dispute()).id}`, stripeAccount: account }),
  },
  "disputes.update": {
    prepare: async () => ({ path: `/v1/disputes/${(await dispute()).id}`, stripeAccount: account }),
    fresh: true,
  },
  "disputes.close": {
    prepare: async () => ({
      path: `/v1/disputes/${(await dispute()).id}/close`,
      stripeAccount: account,
    }),
    fresh: true,
  },
  "webhookEndpoints.create": {
    prepare: async () => ({
      path: "/v1/webhook_endpoints",
      base: { url: "https://example.com/hook", enabled_events: ["*"] },
    }),
  },
  "webhookEndpoints.list": {
    prepare: async () => {
      const we = await h.stripe.webhookEndpoints.create({
        url: "https://example.com/hook",
        enabled_events: ["*"],
      });
      return {
        path: "/v1/webhook_endpoints",
        ids: { starting_after: we.id, ending_before: we.id },
      };
    },
  },
  "webhookEndpoints.retrieve": {
    prepare: async () => {
      const we = await h.stripe.webhookEndpoints.create({
        url: "https://example.com/hook",
        enabled_events: ["*"],
      });
      return { path: `/v1/webhook_endpoints/${we.id}` };
    },
  },
  "webhookEndpoints.update": {
    prepare: async () => {
      const we = await h.stripe.webhookEndpoints.create({
        url: "https://example.com/hook",
        enabled_events: ["*"],
      });
      return { path: `/v1/webhook_endpoints/${we.id}` };
    },
  },
  "webhookEndpoints.del": {
    prepare: async () => {
      const we = await h.stripe.webhookEndpoints.create({
        url: "https://example.com/hook",
        enabled_events: ["*"],
      });
      return { path: `/v1/webhook_endpoints/${we.id}` };
    },
    fresh: true,
  },
};

/** Operations the sweep does not cover, with the reason (the contract tests cover them). */
export const NOT_SWEPT: Partial<Record<OperationId, string>> = {
  "oauth.token":
    "each request needs a fresh authorization code from the consent page; oauth.test.ts covers its parameters",
  "oauth.deauthorize": "each request disconnects an account; oauth.test.ts covers its parameters",
};

function sampleValue(prepared: Prepared) {
  const later = String(Math.floor(Date.now() / 1000) + 3600);
  return (name: string, _path: (string | number)[], kind: string): string => {
    // Filled in per request from the object the fixture prepared (see idsOf).
    if (prepared.ids?.[name] !== undefined) return `{{id:${name}}}`;
    if (kind === "number") {
      if (/(_at|_by|^date|_date|timestamp|^gt|^gte|^lt|^lte)$/.test(name)) return later;
      if (name === "day" || name === "month" || name === "interval_count") return "1";
      if (name === "year") return "1990";
      if (/amount|^limit$|quantity|count|days/.test(name)) return "100";
      return "1";
    }
    if (/url$/.test(name)) return "https://example.com/page";
    if (/_decimal$/.test(name)) return "2000";
    if (name === "currency" || name.endsWith("_currency")) return "usd";
    if (name === "country") return "US";
    if (/email/.test(name)) return "shopper@example.com";
    if (/phone/.test(name)) return "+14155550100";
    if (name === "payment_method") return "pm_card_visa";
    if (name === "tax_code") return "txcd_99999999";
    return "sample";
  };
}

type Outcome =
  | { kind: "accepted"; ignored: boolean }
  | { kind: "refused"; status: number; code?: string; message: string; param?: string };

interface SampleResult {
  label: string;
  param: string;
  outcome: Outcome;
}

const RESULTS: Record<string, SampleResult[]> = {};

/** Replaces `{{id:name}}` placeholders with the prepared object's ids. */
function idsOf(value: unknown, prepared: Prepared): unknown {
  if (typeof value === "string") {
    const m = /^\{\{id:(.+)\}\}$/.exec(value);
    return m ? (prepared.ids?.[m[1]!] ?? value) : value;
  }
  if (Array.isArray(value)) return value.map((v) => idsOf(v, prepared));
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, idsOf(v, prepared)]));
  return value;
}

const matches = (pattern: string, label: string) =>
  new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`).test(label);

async function send(
  op: (typeof OPERATIONS)[OperationId],
  prepared: Prepared,
  sample: Sample,
  context: NonNullable<Fixture["context"]>,
): Promise<Outcome> {
  let params = prepared.base ?? {};
  for (const [at, value] of sample.fills) params = withParam(params, at, value);
  for (const [pattern, extra] of Object.entries(context))
    if (matches(pattern, sample.label))
      for (const [at, value] of extra)
        params = withParam(
          params,
          at,
          typeof value === "string" ? (prepared.ids?.[value] ?? value) : value,
        );
  if (sample.path.length > 0) params = withParam(params, sample.path, sample.value);
  params = idsOf(params, prepared) as Record<string, unknown>;
  const post = op.method === "POST";
  const query = post ? "" : encodeQuery(params);
  try {
    const reply = (await h.stripe.rawRequest(
      op.method,
      query ? `${prepared.path}?${query}` : prepared.path,
      post ? params : undefined,
      { stripeAccount: prepared.stripeAccount },
    )) as { lastResponse?: { headers?: Record<string, string> } };
    const header = reply.lastResponse?.headers?.[IGNORED_HEADER] ?? "";
    const param = sample.param.replace(/\[\d+\]/g, "[*]");
    const ignored = header
      .split(",")
      .some((p) => p !== "" && (param === p || param.startsWith(`${p}[`)));
    return { kind: "accepted", ignored };
  } catch (error) {
    if (!(error instanceof Stripe.errors.StripeError)) throw error;
    // An id-like sample naming no object: Stripe refuses it the same way; the parameter is known.
    if (error.code === "resource_missing" && error.param === sample.param)
      return { kind: "accepted", ignored: false };
    return {
      kind: "refused",
      status: error.statusCode ?? 0,
      code: error.code,
      message: error.message,
      param: error.param,
    };
  }
}

const sweepReal = real && process.env.STRIPE_CONTRACT_SWEEP === "1";

describe.skipIf(real && !sweepReal)("every valid parameter is accepted", () => {
  beforeAll(async () => {
    h = await setUp();
    account = await onboardedAccount(h, "express");
  });
  afterAll(async () => {
    await h.close();
    const dir = process.env.EMULATOR_FIDELITY_DIR;
    if (dir) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(
        path.join(dir, "parameters.json"),
        JSON.stringify({ results: RESULTS, notSwept: NOT_SWEPT }),
      );
    }
  });

  // The webhook endpoint samples leave hundreds of endpoints (at unreachable URLs) that every
  // later event would be delivered to: they run last.
  const isEndpoints = (id: string) => id.startsWith("webhookEndpoints.");
  const ids = (Object.keys(OPERATIONS) as OperationId[])
    .filter((id) => !NOT_SWEPT[id])
    .sort((a, b) => Number(isEndpoints(a)) - Number(isEndpoints(b)));
  it("has a fixture for every operation", () => {
    expect(ids.filter((id) => !FIXTURES[id])).toEqual([]);
  });

  it.each(ids)("%s", async (id) => {
    const op = OPERATIONS[id];
    const fixture = FIXTURES[id];
    if (!fixture) throw new Error(`no fixture for ${id}`);
    let prepared: Prepared;
    try {
      prepared = await fixture.prepare();
    } catch (error) {
      if (real && String(error).includes("control API is emulator-only")) return;
      throw error;
    }
    // The minimal request itself (required parameters only) must succeed.
    const minimal = await send(
      op,
      prepared,
      { param: "", path: [], value: "", label: "", fills: [] },
      {},
    );
    expect(minimal, `${id} with its required parameters only`).toMatchObject({
      kind: "accepted",
    });
    const samples = samplesFor(op.params, sampleValue(prepared), ["expand"]);
    const results: SampleResult[] = [];
    // A few requests in flight at a time; a fresh fixture prepares its own object per sample.
    let next = 0;
    const worker = async () => {
      while (next < samples.length) {
        const sample = samples[next++]!;
        const target = fixture.fresh ? await fixture.prepare() : prepared;
        const outcome = await send(op, target, sample, fixture.context ?? {});
        results.push({ label: sample.label, param: sample.param, outcome });
      }
    };
    await Promise.all(Array.from({ length: real ? 1 : 6 }, worker));
    results.sort((a, b) => a.label.localeCompare(b.label));
    RESULTS[id] = results;

    if (real) return;
    const deviations = DEVIATIONS[id] ?? [];
    const refused = results.filter((r) => r.outcome.kind === "refused");
    const unexplained = refused
      .filter((r) => !deviations.some((d) => matches(d.match, r.label)))
      .map((r) => `${r.label}: ${JSON.stringify(r.outcome)}`);
    const stale = deviations
      .filter((d) => !refused.some((r) => matches(d.match, r.label)))
      .map((d) => d.match);
    expect(unexplained, `valid parameters of ${id} the emulator refuses`).toEqual([]);
    expect(stale, `deviations listed for ${id} that no longer happen`).toEqual([]);
  });
});
