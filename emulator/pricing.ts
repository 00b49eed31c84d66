// A Checkout Session's amounts, as Stripe computes them: line items, the coupon's discount
// (on the lines it applies to), the selected shipping rate, and Stripe Tax on the discounted
// lines and on shipping (exclusive tax on top, inclusive tax contained), from the tax table
// and the account's registrations. Recomputed whenever an input changes: the shopper picks a
// rate, enters a code, or gives the address tax is computed from.

import type Stripe from "stripe";
import type { Emulator } from "./context";
import { discountPerLine, findCoupon } from "./resources/discounts";
import { rateAmount, rateTaxBehavior } from "./resources/shipping-rates";
import { isRegistered, taxSettings } from "./resources/tax";
import type { SessionPricing, SessionRecord } from "./store";
import { jurisdictionFor, taxOn, taxRateFor } from "./tax-table";

type Behavior = "exclusive" | "inclusive";

/** Resolves `unspecified` through the account's default (inferred: exclusive for USD/CAD). */
export function effectiveBehavior(
  emu: Emulator,
  owner: string | null,
  behavior: string | null,
  currency: string,
): Behavior | null {
  if (behavior === "exclusive" || behavior === "inclusive") return behavior;
  const fallback: string | null = taxSettings(emu, owner).defaults.tax_behavior;
  if (fallback === "exclusive" || fallback === "inclusive") return fallback;
  if (fallback === "inferred_by_currency")
    return currency === "usd" || currency === "cad" ? "exclusive" : "inclusive";
  return null;
}

export interface TaxOutcome {
  status: "complete" | "requires_location_inputs";
  rate: Stripe.TaxRate | null;
  percentage: number;
  reason: Stripe.Checkout.Session.TotalDetails.Breakdown.Tax.TaxabilityReason | null;
}

export function taxOutcome(
  emu: Emulator,
  owner: string | null,
  address: SessionPricing["taxAddress"],
  inclusive: boolean,
): TaxOutcome {
  const country = address?.country?.toUpperCase() ?? null;
  if (!country || (country === "US" && !address?.state))
    return { status: "requires_location_inputs", rate: null, percentage: 0, reason: null };
  const j = jurisdictionFor({ country, state: address?.state?.toUpperCase() ?? null });
  if (!j) return { status: "complete", rate: null, percentage: 0, reason: "not_supported" };
  const registered = isRegistered(emu, owner, j.country, j.state);
  const rate = taxRateFor(j, inclusive, 1767225600);
  if (!registered) {
    rate.percentage = 0;
    rate.effective_percentage = 0;
    return { status: "complete", rate, percentage: 0, reason: "not_collecting" };
  }
  return {
    status: "complete",
    rate,
    percentage: j.percentage,
    reason: j.percentage > 0 ? "standard_rated" : "not_subject_to_tax",
  };
}

export interface Breakdown {
  discounts: { amount: number }[];
  taxes: {
    amount: number;
    rate: Stripe.TaxRate;
    taxability_reason: TaxOutcome["reason"];
    taxable_amount: number;
  }[];
}

/** Recomputes every amount of the session from its pricing inputs; returns the tax breakdown. */
export function recompute(emu: Emulator, record: SessionRecord): Breakdown {
  const s = record.obj;
  const pricing = record.pricing;
  const currency = s.currency ?? "usd";
  const owner = record.owner;
  // During a trial the recurring items are free on the first invoice.
  const trial = (record.subscriptionData?.trialPeriodDays ?? 0) > 0;
  for (const li of record.lineItems)
    if (trial && li.price?.type === "recurring") li.amount_subtotal = 0;
  const lines = record.lineItems.map((li) => ({
    product: typeof li.price?.product === "string" ? li.price.product : "",
    amount: li.amount_subtotal,
  }));
  const subtotal = lines.reduce((sum, l) => sum + l.amount, 0);
  if (!pricing) {
    s.amount_subtotal = subtotal;
    s.amount_total = subtotal;
    return { discounts: [], taxes: [] };
  }

  const coupon = pricing.coupon ? findCoupon(emu, owner, pricing.coupon)?.obj : undefined;
  const discounts = coupon ? discountPerLine(coupon, currency, lines) : lines.map(() => 0);
  const discountTotal = discounts.reduce((a, b) => a + b, 0);
  s.discounts =
    pricing.coupon || pricing.promotionCode
      ? [
          {
            coupon: pricing.coupon,
            promotion_code: pricing.promotionCode,
          },
        ]
      : [];

  // Shipping: the selected rate's amount in the session's currency.
  const rateRecord = pricing.selectedRate
    ? emu.store.state.shippingRates[pricing.selectedRate]
    : undefined;
  const shippingAmount = rateRecord ? (rateAmount(rateRecord.obj, currency) ?? 0) : 0;
  s.shipping_options = pricing.shippingRates.map((id) => {
    const r = emu.store.state.shippingRates[id];
    return { shipping_amount: r ? (rateAmount(r.obj, currency) ?? 0) : 0, shipping_rate: id };
  });

  // Tax per line and on shipping.
  const taxes = new Map<string, Breakdown["taxes"][number]>();
  let exclusiveTax = 0;
  let taxTotal = 0;
  let status: TaxOutcome["status"] = "complete";
  const addTax = (outcome: TaxOutcome, taxable: number, amount: number) => {
    if (!outcome.rate) return;
    const key = outcome.rate.id;
    const entry = taxes.get(key) ?? {
      amount: 0,
      rate: outcome.rate,
      taxability_reason: outcome.reason,
      taxable_amount: 0,
    };
    entry.amount += amount;
    entry.taxable_amount += taxable;
    taxes.set(key, entry);
  };
  const taxFor = (amount: number, behavior: Behavior) => {
    if (!pricing.automaticTax) return { tax: 0, outcome: null };
    const outcome = taxOutcome(emu, owner, pricing.taxAddress, behavior === "inclusive");
    if (outcome.status !== "complete") status = outcome.status;
    const tax = taxOn(amount, outcome.percentage, behavior === "inclusive");
    const taxable = behavior === "inclusive" ? amount - tax : amount;
    addTax(outcome, taxable, tax);
    if (behavior === "exclusive") exclusiveTax += tax;
    taxTotal += tax;
    return { tax, outcome };
  };

  record.lineItems.forEach((li, i) => {
    const discounted = li.amount_subtotal - (discounts[i] ?? 0);
    const behavior = pricing.taxBehaviors[i] ?? "exclusive";
    const { tax } = taxFor(discounted, behavior);
    li.amount_discount = discounts[i] ?? 0;
    li.amount_tax = tax;
    li.amount_total = discounted + (behavior === "exclusive" ? tax : 0);
  });

  if (rateRecord) {
    const behavior =
      effectiveBehavior(emu, owner, rateTaxBehavior(rateRecord.obj, currency), currency) ??
      "exclusive";
    const { tax } = taxFor(shippingAmount, behavior);
    s.shipping_cost = {
      amount_subtotal: shippingAmount,
      amount_tax: tax,
      amount_total: shippingAmount + (behavior === "exclusive" ? tax : 0),
      shipping_rate: rateRecord.obj.id,
    };
  } else {
    s.shipping_cost = null;
  }

  s.amount_subtotal = subtotal;
  s.total_details = {
    amount_discount: discountTotal,
    amount_shipping: shippingAmount,
    amount_tax: taxTotal,
  };
  s.amount_total = subtotal - discountTotal + shippingAmount + exclusiveTax;
  if (pricing.automaticTax) s.automatic_tax.status = status;
  emu.store.markDirty();
  return {
    discounts: discountTotal > 0 ? [{ amount: discountTotal }] : [],
    taxes: [...taxes.values()],
  };
}

/** `total_details.breakdown`, as `expand[]=total_details.breakdown` returns it. */
export function breakdownOf(
  emu: Emulator,
  record: SessionRecord,
): Stripe.Checkout.Session.TotalDetails.Breakdown {
  const b = recompute(emu, record);
  const pricing = record.pricing;
  const discounts: Stripe.Checkout.Session.TotalDetails.Breakdown.Discount[] = [];
  if (pricing && b.discounts.length > 0) {
    discounts.push({
      amount: b.discounts[0]?.amount ?? 0,
      discount: {
        id: `di_${record.obj.id.slice(-24)}`,
        object: "discount",
        checkout_session: record.obj.id,
        customer: null,
        customer_account: null,
        end: null,
        invoice: null,
        invoice_item: null,
        promotion_code: pricing.promotionCode,
        source: { coupon: pricing.coupon, type: "coupon" },
        start: record.obj.created,
        subscription: null,
        subscription_item: null,
      },
    });
  }
  return {
    discounts,
    taxes: b.taxes.map((t) => ({
      amount: t.amount,
      rate: t.rate,
      taxability_reason: t.taxability_reason,
      taxable_amount: t.taxable_amount,
    })),
  };
}
