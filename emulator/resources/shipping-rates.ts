// Shipping rates (`shr_…`) on an account, and the inline `shipping_rate_data` of Checkout's
// `shipping_options`, which creates one the same way.

import type Stripe from "stripe";
import type { Emulator, RequestContext } from "../context";
import type { ApiRouter } from "../http/api";
import { invalidRequest, missingParam } from "../http/errors";
import { mergeMetadata, type Params } from "../http/params";
import { newId } from "../ids";
import type { Owned } from "../store";
import { checkCurrency } from "./payment-intents";
import { findOwned, paginate, params } from "./shared";

type Unit = Stripe.ShippingRate.DeliveryEstimate.Maximum.Unit;
const UNITS = ["business_day", "day", "hour", "month", "week"] as const;
type Behavior = Stripe.ShippingRate.TaxBehavior;
const BEHAVIORS = ["exclusive", "inclusive", "unspecified"] as const;

function estimate(
  p: Params | undefined,
  prefix: string,
): Stripe.ShippingRate.DeliveryEstimate | null {
  if (!p) return null;
  const bound = (key: string) => {
    const b = p.obj(key);
    if (!b) return null;
    const value = b.reqInt("value");
    if (value < 1)
      throw invalidRequest(
        "This value must be greater than or equal to 1.",
        `${prefix}[${key}][value]`,
        "parameter_invalid_integer",
      );
    return { unit: b.oneOf("unit", UNITS) as Unit, value };
  };
  return { maximum: bound("maximum"), minimum: bound("minimum") };
}

function currencyOptions(
  p: Params | undefined,
  prefix: string,
  existing: Record<string, Stripe.ShippingRate.FixedAmount.CurrencyOptions> = {},
): Record<string, Stripe.ShippingRate.FixedAmount.CurrencyOptions> | undefined {
  if (!p) return undefined;
  const out: Record<string, Stripe.ShippingRate.FixedAmount.CurrencyOptions> = {};
  for (const currency of Object.keys(p.raw)) {
    const o = p.obj(currency);
    if (!o) continue;
    // An update may change only the tax behaviour of a currency the rate already has.
    const before = existing[currency.toLowerCase()];
    const amount = before && !o.has("amount") ? before.amount : o.reqInt("amount");
    if (amount < 0)
      throw invalidRequest(
        "This value must be greater than or equal to 0.",
        `${prefix}[${currency}][amount]`,
        "parameter_invalid_integer",
      );
    out[checkCurrency(currency, `${prefix}[${currency}]`)] = {
      amount,
      tax_behavior: o.oneOf("tax_behavior", BEHAVIORS) ?? before?.tax_behavior ?? "unspecified",
    };
  }
  return out;
}

/** Builds and stores a shipping rate from create parameters (or `shipping_rate_data`). */
export function buildShippingRate(
  emu: Emulator,
  owner: string | null,
  p: Params,
  prefix: string,
): Owned<Stripe.ShippingRate> {
  const name = (key: string) => (prefix ? `${prefix}[${key}]` : key);
  const displayName = p.str("display_name");
  if (!displayName) throw missingParam(name("display_name"));
  p.oneOf("type", ["fixed_amount"]);
  const fixed = p.obj("fixed_amount");
  if (!fixed) throw missingParam(name("fixed_amount"));
  const fixedName = name("fixed_amount");
  const amount = fixed.reqInt("amount");
  if (amount < 0)
    throw invalidRequest(
      "This value must be greater than or equal to 0.",
      `${fixedName}[amount]`,
      "parameter_invalid_integer",
    );
  const currency = checkCurrency(fixed.reqStr("currency"), `${fixedName}[currency]`);
  const options = currencyOptions(fixed.obj("currency_options"), `${fixedName}[currency_options]`);
  const rate = {
    id: newId("shr"),
    object: "shipping_rate",
    active: true,
    created: emu.now(),
    delivery_estimate: estimate(p.obj("delivery_estimate"), name("delivery_estimate")),
    display_name: displayName,
    fixed_amount: { amount, currency, ...(options ? { currency_options: options } : {}) },
    livemode: false,
    metadata: mergeMetadata({}, p.map("metadata")),
    tax_behavior: (p.oneOf("tax_behavior", BEHAVIORS) as Behavior | undefined) ?? "unspecified",
    tax_code: p.str("tax_code") ?? null,
    type: "fixed_amount",
  } satisfies Stripe.ShippingRate;
  const record = { owner, seq: emu.store.nextSeq(), obj: rate };
  emu.store.state.shippingRates[rate.id] = record;
  emu.store.markDirty();
  return record;
}

/** The amount of a rate in a session's currency, or null when the rate has none. */
export function rateAmount(rate: Stripe.ShippingRate, currency: string): number | null {
  const fixed = rate.fixed_amount;
  if (!fixed) return null;
  if (fixed.currency === currency) return fixed.amount;
  return fixed.currency_options?.[currency]?.amount ?? null;
}

export function rateTaxBehavior(rate: Stripe.ShippingRate, currency: string): Behavior {
  const fixed = rate.fixed_amount;
  if (fixed && fixed.currency !== currency) {
    const option = fixed.currency_options?.[currency]?.tax_behavior;
    if (option) return option;
  }
  return rate.tax_behavior ?? "unspecified";
}

function create(ctx: RequestContext): Stripe.ShippingRate {
  return buildShippingRate(ctx.emu, ctx.account, params(ctx), "").obj;
}

function rateFor(ctx: RequestContext, id: string): Owned<Stripe.ShippingRate> {
  return findOwned(ctx, ctx.emu.store.state.shippingRates, id, "shipping rate");
}

function retrieve(ctx: RequestContext, path: Record<string, string>): Stripe.ShippingRate {
  return rateFor(ctx, path.id ?? "").obj;
}

function update(ctx: RequestContext, path: Record<string, string>): Stripe.ShippingRate {
  const rate = rateFor(ctx, path.id ?? "").obj;
  const p = params(ctx);
  const active = p.bool("active");
  if (active !== undefined) rate.active = active;
  rate.metadata = mergeMetadata(rate.metadata, p.map("metadata"));
  const behavior = p.oneOf("tax_behavior", BEHAVIORS);
  if (behavior) {
    // Stripe: a tax behaviour, once specified, cannot be changed.
    if (rate.tax_behavior && rate.tax_behavior !== "unspecified" && rate.tax_behavior !== behavior)
      throw invalidRequest(
        "The tax behavior of a shipping rate cannot be changed once it is set to `exclusive` or `inclusive`.",
        "tax_behavior",
      );
    rate.tax_behavior = behavior;
  }
  const options = currencyOptions(
    p.obj("fixed_amount")?.obj("currency_options"),
    "fixed_amount[currency_options]",
    rate.fixed_amount?.currency_options,
  );
  if (options && rate.fixed_amount) {
    rate.fixed_amount.currency_options = {
      ...(rate.fixed_amount.currency_options ?? {}),
      ...options,
    };
  }
  ctx.emu.store.markDirty();
  return rate;
}

function list(ctx: RequestContext): Stripe.ApiList<Stripe.ShippingRate> {
  const p = params(ctx);
  const active = p.bool("active");
  const currency = p.str("currency")?.toLowerCase();
  const items = ctx.emu.store.list(
    ctx.emu.store.state.shippingRates,
    ctx.account,
    (r) =>
      (active === undefined || r.active === active) &&
      (!currency || (r.fixed_amount ? rateAmount(r, currency) !== null : false)),
  );
  return paginate(items, p, "/v1/shipping_rates");
}

export function registerShippingRates(api: ApiRouter): void {
  api.operation("shippingRates.create", create);
  api.operation("shippingRates.list", list);
  api.operation("shippingRates.retrieve", retrieve);
  api.operation("shippingRates.update", update);
}
