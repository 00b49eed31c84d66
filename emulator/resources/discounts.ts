// Coupons and promotion codes on an account, and the rules Checkout applies when a session is
// discounted: validity, restrictions (minimum amount, first-time buyers, redemption limits,
// expiry), which line items a coupon applies to, and the amounts.

import type Stripe from "stripe";
import type { Emulator, RequestContext } from "../context";
import { emit, previousAttributes, requestInfo } from "../events";
import type { ApiRouter } from "../http/api";
import { ApiError, invalidRequest, missingParam, resourceMissing } from "../http/errors";
import { mergeMetadata, type Params } from "../http/params";
import { newId, randomText } from "../ids";
import { formatAmount } from "../money";
import { scopedKey, type Owned } from "../store";
import { checkCurrency } from "./payment-intents";
import { findProduct } from "./products";
import { findOwned, paginate, params } from "./shared";

const FIVE_YEARS = 5 * 365 * 24 * 3600;

export function findCoupon(
  emu: Emulator,
  owner: string | null,
  id: string,
): Owned<Stripe.Coupon> | null {
  const record = emu.store.state.coupons[scopedKey(owner, id)] ?? null;
  if (record) refreshCoupon(emu, record.obj);
  return record;
}

/** `valid` follows redeem_by and max_redemptions. */
function refreshCoupon(emu: Emulator, coupon: Stripe.Coupon): void {
  const expired = coupon.redeem_by !== null && emu.now() > coupon.redeem_by;
  const usedUp = coupon.max_redemptions !== null && coupon.times_redeemed >= coupon.max_redemptions;
  coupon.valid = !expired && !usedUp;
}

function couponFor(ctx: RequestContext, id: string): Owned<Stripe.Coupon> {
  const record = findCoupon(ctx.emu, ctx.account, id);
  if (!record) throw resourceMissing("coupon", id);
  return record;
}

function couponCurrencyOptions(
  p: Params | undefined,
): Record<string, Stripe.Coupon.CurrencyOptions> | undefined {
  if (!p) return undefined;
  const out: Record<string, Stripe.Coupon.CurrencyOptions> = {};
  for (const currency of Object.keys(p.raw)) {
    const o = p.obj(currency);
    if (!o) continue;
    const amountOff = o.reqInt("amount_off");
    if (amountOff < 1)
      throw invalidRequest(
        "This value must be greater than or equal to 1.",
        `currency_options[${currency}][amount_off]`,
        "parameter_invalid_integer",
      );
    out[checkCurrency(currency, `currency_options[${currency}]`)] = { amount_off: amountOff };
  }
  return out;
}

function createCoupon(ctx: RequestContext): Stripe.Coupon {
  const p = params(ctx);
  const emu = ctx.emu;
  const id = p.str("id") ?? randomText(8).toUpperCase();
  if (findCoupon(emu, ctx.account, id))
    throw invalidRequest("Coupon already exists.", "id", "resource_already_exists");
  const amountOff = p.int("amount_off");
  const percentRaw = p.str("percent_off");
  if (amountOff !== undefined && percentRaw !== undefined)
    throw invalidRequest(
      "You may only specify one of these parameters: amount_off, percent_off.",
      "amount_off",
      "parameters_exclusive",
    );
  if (amountOff === undefined && percentRaw === undefined)
    throw invalidRequest("Invalid coupon: must contain either amount_off or percent_off.");
  let percentOff: number | null = null;
  if (percentRaw !== undefined) {
    percentOff = Number(percentRaw);
    if (!Number.isFinite(percentOff) || percentOff <= 0 || percentOff > 100)
      throw invalidRequest("Percent off must be between 0 and 100.", "percent_off");
    if (Math.round(percentOff * 100) !== percentOff * 100)
      throw invalidRequest("Percent off can have at most two decimal places.", "percent_off");
  }
  let currency: string | null = null;
  if (amountOff !== undefined) {
    if (amountOff < 1)
      throw invalidRequest(
        "This value must be greater than or equal to 1.",
        "amount_off",
        "parameter_invalid_integer",
      );
    const c = p.str("currency");
    if (!c) throw missingParam("currency");
    currency = checkCurrency(c);
  } else if (p.has("currency")) {
    p.str("currency");
  }
  const options = couponCurrencyOptions(p.obj("currency_options"));
  if (options && amountOff === undefined)
    throw invalidRequest(
      "currency_options can only be set on coupons with amount_off.",
      "currency_options",
    );
  const duration = p.oneOf("duration", ["forever", "once", "repeating"]) ?? "once";
  const months = p.int("duration_in_months");
  if (duration === "repeating" && months === undefined) throw missingParam("duration_in_months");
  if (duration !== "repeating" && months !== undefined)
    throw invalidRequest(
      "duration_in_months can only be set when duration is `repeating`.",
      "duration_in_months",
    );
  const maxRedemptions = p.int("max_redemptions");
  if (maxRedemptions !== undefined && maxRedemptions < 1)
    throw invalidRequest(
      "This value must be greater than or equal to 1.",
      "max_redemptions",
      "parameter_invalid_integer",
    );
  const now = emu.now();
  const redeemBy = p.int("redeem_by");
  if (redeemBy !== undefined && redeemBy <= now)
    throw invalidRequest("Redeem by must be in the future.", "redeem_by");
  if (redeemBy !== undefined && redeemBy > now + FIVE_YEARS)
    throw invalidRequest("Redeem by cannot be more than 5 years in the future.", "redeem_by");
  const appliesTo = p.obj("applies_to");
  const products = appliesTo?.strings("products") ?? [];
  products.forEach((product, i) => {
    if (!findProduct(emu, ctx.account, product))
      throw resourceMissing("product", product, `applies_to[products][${i}]`);
  });
  const name = p.str("name") ?? null;
  if (name !== null && name.length > 40)
    throw invalidRequest("Coupon name can be at most 40 characters.", "name");
  const coupon = {
    id,
    object: "coupon",
    amount_off: amountOff ?? null,
    ...(appliesTo ? { applies_to: { products } } : {}),
    created: now,
    currency,
    ...(options ? { currency_options: options } : {}),
    duration,
    duration_in_months: months ?? null,
    livemode: false,
    max_redemptions: maxRedemptions ?? null,
    metadata: mergeMetadata({}, p.map("metadata")),
    name,
    percent_off: percentOff,
    redeem_by: redeemBy ?? null,
    times_redeemed: 0,
    valid: true,
  } satisfies Stripe.Coupon;
  emu.store.state.coupons[scopedKey(ctx.account, id)] = {
    owner: ctx.account,
    seq: emu.store.nextSeq(),
    obj: coupon,
  };
  emu.store.markDirty();
  emit(emu, {
    type: "coupon.created",
    object: coupon,
    account: ctx.account,
    request: requestInfo(ctx),
  });
  return coupon;
}

function retrieveCoupon(ctx: RequestContext, path: Record<string, string>): Stripe.Coupon {
  return couponFor(ctx, path.id ?? "").obj;
}

function updateCoupon(ctx: RequestContext, path: Record<string, string>): Stripe.Coupon {
  const coupon = couponFor(ctx, path.id ?? "").obj;
  const before = structuredClone(coupon);
  const p = params(ctx);
  const name = p.str("name");
  if (name !== undefined) {
    if (name.length > 40) throw invalidRequest("Coupon name can be at most 40 characters.", "name");
    coupon.name = name;
  }
  coupon.metadata = mergeMetadata(coupon.metadata ?? {}, p.map("metadata"));
  const options = couponCurrencyOptions(p.obj("currency_options"));
  if (options) {
    if (coupon.amount_off === null)
      throw invalidRequest(
        "currency_options can only be set on coupons with amount_off.",
        "currency_options",
      );
    coupon.currency_options = { ...(coupon.currency_options ?? {}), ...options };
  }
  ctx.emu.store.markDirty();
  const previous = previousAttributes(before, coupon);
  if (Object.keys(previous).length > 0)
    emit(ctx.emu, {
      type: "coupon.updated",
      object: coupon,
      account: ctx.account,
      previous,
      request: requestInfo(ctx),
    });
  return coupon;
}

function deleteCoupon(ctx: RequestContext, path: Record<string, string>): Stripe.DeletedCoupon {
  const record = couponFor(ctx, path.id ?? "");
  delete ctx.emu.store.state.coupons[scopedKey(ctx.account, record.obj.id)];
  ctx.emu.store.markDirty();
  emit(ctx.emu, {
    type: "coupon.deleted",
    object: record.obj,
    account: ctx.account,
    request: requestInfo(ctx),
  });
  return { id: record.obj.id, object: "coupon", deleted: true };
}

function listCoupons(ctx: RequestContext): Stripe.ApiList<Stripe.Coupon> {
  const p = params(ctx);
  const items = ctx.emu.store.list(ctx.emu.store.state.coupons, ctx.account);
  for (const c of items) refreshCoupon(ctx.emu, c);
  return paginate(items, p, "/v1/coupons");
}

// Promotion codes -------------------------------------------------------------------------

function promoFor(ctx: RequestContext, id: string): Owned<Stripe.PromotionCode> {
  return findOwned(ctx, ctx.emu.store.state.promotionCodes, id, "promotion code");
}

function activeWithCode(
  emu: Emulator,
  owner: string | null,
  code: string,
): Owned<Stripe.PromotionCode> | null {
  const wanted = code.toLowerCase();
  return (
    Object.values(emu.store.state.promotionCodes).find(
      (r) => r.owner === owner && r.obj.active && r.obj.code.toLowerCase() === wanted,
    ) ?? null
  );
}

function promoCurrencyOptions(
  p: Params | undefined,
  prefix: string,
): Record<string, Stripe.PromotionCode.Restrictions.CurrencyOptions> | undefined {
  if (!p) return undefined;
  const out: Record<string, Stripe.PromotionCode.Restrictions.CurrencyOptions> = {};
  for (const currency of Object.keys(p.raw)) {
    const o = p.obj(currency);
    if (!o) continue;
    const min = o.int("minimum_amount") ?? 0;
    if (min < 0)
      throw invalidRequest(
        "This value must be greater than or equal to 0.",
        `${prefix}[${currency}][minimum_amount]`,
        "parameter_invalid_integer",
      );
    out[checkCurrency(currency, `${prefix}[${currency}]`)] = { minimum_amount: min };
  }
  return out;
}

function createPromotionCode(ctx: RequestContext): Stripe.PromotionCode {
  const p = params(ctx);
  const emu = ctx.emu;
  const promotion = p.obj("promotion");
  if (!promotion) throw missingParam("promotion");
  promotion.oneOf("type", ["coupon"]);
  const couponId = promotion.str("coupon");
  if (!couponId) throw missingParam("promotion[coupon]");
  const coupon = findCoupon(emu, ctx.account, couponId);
  if (!coupon) throw resourceMissing("coupon", couponId, "promotion[coupon]");
  const customer = p.str("customer");
  if (customer) throw resourceMissing("customer", customer, "customer");
  const customerAccount = p.str("customer_account");
  if (customerAccount) throw resourceMissing("account", customerAccount, "customer_account");
  const code = p.str("code") ?? randomText(8).toUpperCase();
  if (!/^[A-Za-z0-9_-]{1,500}$/.test(code))
    throw invalidRequest(
      "Promotion codes can only contain alphanumeric characters, dashes and underscores.",
      "code",
    );
  if (activeWithCode(emu, ctx.account, code))
    throw invalidRequest(`An active promotion code with \`code: ${code}\` already exists.`, "code");
  const now = emu.now();
  const expiresAt = p.int("expires_at");
  if (expiresAt !== undefined && expiresAt <= now)
    throw invalidRequest("The expiration date must be in the future.", "expires_at");
  if (expiresAt !== undefined && coupon.obj.redeem_by !== null && expiresAt > coupon.obj.redeem_by)
    throw invalidRequest(
      "The promotion code's expiration date cannot be after the coupon's redeem_by date.",
      "expires_at",
    );
  const maxRedemptions = p.int("max_redemptions");
  if (maxRedemptions !== undefined && maxRedemptions < 1)
    throw invalidRequest(
      "This value must be greater than or equal to 1.",
      "max_redemptions",
      "parameter_invalid_integer",
    );
  const r = p.obj("restrictions");
  const minimum = r?.int("minimum_amount");
  const minimumCurrency = r?.str("minimum_amount_currency");
  if (minimum !== undefined && !minimumCurrency)
    throw missingParam("restrictions[minimum_amount_currency]");
  if (minimumCurrency && minimum === undefined) throw missingParam("restrictions[minimum_amount]");
  if (minimum !== undefined && minimum < 0)
    throw invalidRequest(
      "This value must be greater than or equal to 0.",
      "restrictions[minimum_amount]",
      "parameter_invalid_integer",
    );
  const options = promoCurrencyOptions(
    r?.obj("currency_options"),
    "restrictions[currency_options]",
  );
  const promo = {
    id: newId("promo"),
    object: "promotion_code",
    active: p.bool("active") ?? true,
    code,
    created: now,
    customer: null,
    customer_account: null,
    expires_at: expiresAt ?? null,
    livemode: false,
    max_redemptions: maxRedemptions ?? null,
    metadata: mergeMetadata({}, p.map("metadata")),
    promotion: { coupon: coupon.obj.id, type: "coupon" },
    restrictions: {
      ...(options ? { currency_options: options } : {}),
      first_time_transaction: r?.bool("first_time_transaction") ?? false,
      minimum_amount: minimum ?? null,
      minimum_amount_currency: minimumCurrency
        ? checkCurrency(minimumCurrency, "restrictions[minimum_amount_currency]")
        : null,
    },
    times_redeemed: 0,
  } satisfies Stripe.PromotionCode;
  emu.store.state.promotionCodes[promo.id] = {
    owner: ctx.account,
    seq: emu.store.nextSeq(),
    obj: promo,
  };
  emu.store.markDirty();
  emit(emu, {
    type: "promotion_code.created",
    object: promo,
    account: ctx.account,
    request: requestInfo(ctx),
  });
  return promo;
}

function retrievePromotionCode(
  ctx: RequestContext,
  path: Record<string, string>,
): Stripe.PromotionCode {
  return promoFor(ctx, path.id ?? "").obj;
}

function updatePromotionCode(
  ctx: RequestContext,
  path: Record<string, string>,
): Stripe.PromotionCode {
  const promo = promoFor(ctx, path.id ?? "").obj;
  const before = structuredClone(promo);
  const p = params(ctx);
  const active = p.bool("active");
  if (active === true && !promo.active) {
    const clash = activeWithCode(ctx.emu, ctx.account, promo.code);
    if (clash)
      throw invalidRequest(
        `An active promotion code with \`code: ${promo.code}\` already exists.`,
        "active",
      );
  }
  if (active !== undefined) promo.active = active;
  promo.metadata = mergeMetadata(promo.metadata ?? {}, p.map("metadata"));
  const options = promoCurrencyOptions(
    p.obj("restrictions")?.obj("currency_options"),
    "restrictions[currency_options]",
  );
  if (options)
    promo.restrictions.currency_options = {
      ...(promo.restrictions.currency_options ?? {}),
      ...options,
    };
  ctx.emu.store.markDirty();
  const previous = previousAttributes(before, promo);
  if (Object.keys(previous).length > 0)
    emit(ctx.emu, {
      type: "promotion_code.updated",
      object: promo,
      account: ctx.account,
      previous,
      request: requestInfo(ctx),
    });
  return promo;
}

function listPromotionCodes(ctx: RequestContext): Stripe.ApiList<Stripe.PromotionCode> {
  const p = params(ctx);
  const active = p.bool("active");
  const code = p.str("code")?.toLowerCase();
  const coupon = p.str("coupon");
  const customer = p.str("customer");
  const customerAccount = p.str("customer_account");
  const items = ctx.emu.store.list(
    ctx.emu.store.state.promotionCodes,
    ctx.account,
    (x) =>
      (active === undefined || x.active === active) &&
      (!code || x.code.toLowerCase() === code) &&
      (!coupon || x.promotion.coupon === coupon) &&
      (!customer || x.customer === customer) &&
      (!customerAccount || x.customer_account === customerAccount),
  );
  return paginate(items, p, "/v1/promotion_codes");
}

export function registerDiscounts(api: ApiRouter): void {
  api.operation("coupons.create", createCoupon);
  api.operation("coupons.list", listCoupons);
  api.operation("coupons.retrieve", retrieveCoupon);
  api.operation("coupons.update", updateCoupon);
  api.operation("coupons.del", deleteCoupon);
  api.operation("promotionCodes.create", createPromotionCode);
  api.operation("promotionCodes.list", listPromotionCodes);
  api.operation("promotionCodes.retrieve", retrievePromotionCode);
  api.operation("promotionCodes.update", updatePromotionCode);
}

// Checkout's use of them ---------------------------------------------------------------------

export interface DiscountContext {
  owner: string | null;
  currency: string;
  /** Line items with their product ids and amounts before discount. */
  lines: { product: string; amount: number }[];
  subtotal: number;
  /** The buyer's e-mail once known (first-time-transaction check). */
  email: string | null;
}

/** A refusal of a discount as Stripe words it: invalid_request_error, mostly without a code. */
const refuse = (message: string, param?: string, code?: string) =>
  new ApiError(400, { type: "invalid_request_error", message, param, code });

/** The promotion code of an account by its customer-facing code (case-insensitive), or null. */
export function promotionCodeByCode(
  emu: Emulator,
  owner: string | null,
  code: string,
): Owned<Stripe.PromotionCode> | null {
  const wanted = code.trim().toLowerCase();
  const matches = Object.values(emu.store.state.promotionCodes)
    .filter((r) => r.owner === owner && r.obj.code.toLowerCase() === wanted)
    .sort((a, b) => Number(b.obj.active) - Number(a.obj.active) || b.seq - a.seq);
  return matches[0] ?? null;
}

export function couponApplies(coupon: Stripe.Coupon, product: string): boolean {
  return !coupon.applies_to || coupon.applies_to.products.includes(product);
}

function hasPaidBefore(emu: Emulator, owner: string | null, email: string): boolean {
  const wanted = email.toLowerCase();
  return Object.values(emu.store.state.charges).some(
    (r) =>
      r.owner === owner &&
      r.obj.status === "succeeded" &&
      (r.obj.billing_details.email ?? r.obj.receipt_email ?? "").toLowerCase() === wanted,
  );
}

/**
 * Checks that a coupon (directly, or through a promotion code) can discount a session, and
 * returns the coupon. Throws the error Stripe gives; `param` names the parameter to blame.
 */
export function checkDiscount(
  emu: Emulator,
  applied: { coupon: string | null; promotionCode: string | null },
  ctx: DiscountContext,
  param: string,
): Stripe.Coupon {
  let promo: Stripe.PromotionCode | null = null;
  let couponId = applied.coupon;
  if (applied.promotionCode) {
    const record = emu.store.state.promotionCodes[applied.promotionCode];
    if (!record || record.owner !== ctx.owner)
      throw resourceMissing("promotion code", applied.promotionCode, param);
    promo = record.obj;
    couponId = typeof promo.promotion.coupon === "string" ? promo.promotion.coupon : null;
    const now = emu.now();
    if (!promo.active) throw refuse("This promotion code is not active.", param);
    if (promo.expires_at !== null && now > promo.expires_at)
      throw refuse("This promotion code has expired.", param);
    if (promo.max_redemptions !== null && promo.times_redeemed >= promo.max_redemptions)
      throw refuse(
        "This promotion code has already been redeemed the maximum number of times.",
        param,
      );
    if (promo.customer !== null)
      throw refuse("This promotion code is for another customer.", param);
    const r = promo.restrictions;
    const minimum =
      r.minimum_amount_currency === ctx.currency
        ? r.minimum_amount
        : (r.currency_options?.[ctx.currency]?.minimum_amount ??
          (r.minimum_amount !== null ? Number.NaN : null));
    if (minimum !== null && Number.isNaN(minimum))
      throw refuse(
        `This promotion code cannot be redeemed in ${ctx.currency.toUpperCase()}.`,
        param,
      );
    if (minimum !== null && ctx.subtotal < minimum)
      throw refuse(
        `This promotion code requires a minimum order amount of ${formatAmount(minimum, ctx.currency)}.`,
        param,
      );
    if (r.first_time_transaction && ctx.email && hasPaidBefore(emu, ctx.owner, ctx.email))
      throw refuse("This promotion code is only valid for first-time customers.", param);
  }
  const coupon = couponId ? findCoupon(emu, ctx.owner, couponId) : null;
  if (!coupon) {
    if (promo) throw refuse("This promotion code is no longer valid.", param);
    throw resourceMissing("coupon", couponId ?? "", param);
  }
  const c = coupon.obj;
  if (!c.valid)
    throw refuse(
      c.redeem_by !== null && emu.now() > c.redeem_by
        ? `Coupon expired: ${c.id}.`
        : `Coupon ${c.id} has already been redeemed the maximum number of times.`,
      param,
      "coupon_expired",
    );
  if (c.amount_off !== null && c.currency !== ctx.currency && !c.currency_options?.[ctx.currency])
    throw refuse(
      `The coupon's currency (${c.currency}) does not match the currency of this Checkout Session (${ctx.currency}).`,
      param,
    );
  if (!ctx.lines.some((l) => couponApplies(c, l.product)))
    throw refuse("This coupon does not apply to any of the items in this Checkout Session.", param);
  return c;
}

/** Discount per line: a percentage or an amount off the lines the coupon applies to. */
export function discountPerLine(
  coupon: Stripe.Coupon,
  currency: string,
  lines: { product: string; amount: number }[],
): number[] {
  const eligible = lines.map((l) => (couponApplies(coupon, l.product) ? l.amount : 0));
  const base = eligible.reduce((s, a) => s + a, 0);
  if (base === 0) return lines.map(() => 0);
  const total =
    coupon.percent_off !== null
      ? Math.round((base * coupon.percent_off) / 100)
      : Math.min(
          base,
          coupon.currency === currency
            ? (coupon.amount_off ?? 0)
            : (coupon.currency_options?.[currency]?.amount_off ?? 0),
        );
  // Spread over the eligible lines pro rata; the last eligible line takes the rounding rest.
  const lastEligible = eligible.reduce((last, a, i) => (a > 0 ? i : last), -1);
  let given = 0;
  return eligible.map((amount, i) => {
    if (amount === 0) return 0;
    const share = i === lastEligible ? total - given : Math.floor((total * amount) / base);
    given += share;
    return share;
  });
}

/** Counts a redemption once the discounted session is complete. */
export function redeem(
  emu: Emulator,
  owner: string | null,
  coupon: string | null,
  promotionCode: string | null,
): void {
  const c = coupon ? findCoupon(emu, owner, coupon) : null;
  if (c) {
    c.obj.times_redeemed += 1;
    refreshCoupon(emu, c.obj);
  }
  const promo = promotionCode ? emu.store.state.promotionCodes[promotionCode] : undefined;
  if (promo) promo.obj.times_redeemed += 1;
  emu.store.markDirty();
}
