// Checkout Sessions (mode=payment): hosted_page and embedded_page, price_data line items,
// application fees on connected accounts, payment and expiry.

import type Stripe from "stripe";
import type { Emulator, RequestContext } from "../context";
import { emit, requestInfo } from "../events";
import type { ApiRouter } from "../http/api";
import { ApiError, invalidRequest, missingParam, resourceMissing } from "../http/errors";
import { mergeMetadata, type Params } from "../http/params";
import { newId, randomText } from "../ids";
import { describeMinimum, minimumAmount } from "../money";
import {
  confirmPayment,
  createPaymentIntent,
  type PayerDetails,
  type RequestRef,
} from "../payments";
import { effectiveBehavior, recompute } from "../pricing";
import { scopedKey, type SessionPricing, type SessionRecord } from "../store";
import { checkRedirectUrl } from "./account-links";
import { checkDiscount, promotionCodeByCode, redeem } from "./discounts";
import { checkApplicationFee, checkCanCharge, checkCurrency } from "./payment-intents";
import { completeSubscriptionCheckout } from "../billing";
import { findPrice, feePercent, readRecurring, storePrice } from "./billing";
import { findProduct } from "./products";
import { buildShippingRate, rateAmount } from "./shipping-rates";
import { findOwned, paginate, params } from "./shared";
import { taxSettings } from "./tax";

const MIN_EXPIRY = 30 * 60;
const MAX_EXPIRY = 24 * 3600;

interface BuiltItems {
  items: Stripe.LineItem[];
  currency: string;
  subtotal: number;
}

function buildLineItems(emu: Emulator, owner: string | null, p: Params): BuiltItems {
  const list = p.list("line_items");
  if (list.length === 0)
    throw invalidRequest("Missing required param: line_items.", "line_items", "parameter_missing");
  let currency: string | null = null;
  let subtotal = 0;
  const items = list.map((item, i) => {
    if (item.has("price")) {
      const id = item.str("price") ?? "";
      if (item.has("price_data"))
        throw invalidRequest(
          "You may only specify one of these parameters: price, price_data.",
          `line_items[${i}][price]`,
          "parameters_exclusive",
        );
      const found = findPrice(emu, owner, id);
      if (!found) throw resourceMissing("price", id, `line_items[${i}][price]`);
      if (!found.obj.active)
        throw invalidRequest(
          `The price specified is inactive. This field only accepts active prices.`,
          `line_items[${i}][price]`,
        );
      const price = found.obj;
      const c = price.currency;
      if (currency && c !== currency)
        throw invalidRequest(
          `All line items must use the same currency (found ${currency} and ${c}).`,
          `line_items[${i}][price]`,
        );
      currency = c;
      const quantity = item.int("quantity");
      if (quantity === undefined) throw missingParam(`line_items[${i}][quantity]`);
      if (quantity < 1 || quantity > 999_999)
        throw invalidRequest(
          "Quantity must be between 1 and 999,999.",
          `line_items[${i}][quantity]`,
          "parameter_invalid_integer",
        );
      const amount = (price.unit_amount ?? 0) * quantity;
      subtotal += amount;
      return {
        id: newId("li"),
        object: "item",
        adjustable_quantity: null,
        amount_discount: 0,
        amount_subtotal: amount,
        amount_tax: 0,
        amount_total: amount,
        currency: c,
        description: findProduct(emu, owner, String(price.product))?.obj.name ?? "",
        metadata: {},
        price: structuredClone(price),
        quantity,
      } satisfies Stripe.LineItem;
    }
    const data = item.obj("price_data");
    if (!data)
      throw invalidRequest(
        `You must specify either \`price\` or \`price_data\` in line_items[${i}].`,
        `line_items[${i}][price_data]`,
        "parameter_missing",
      );
    const c = checkCurrency(data.reqStr("currency"), `line_items[${i}][price_data][currency]`);
    if (currency && c !== currency) {
      throw invalidRequest(
        `All line items must use the same currency (found ${currency} and ${c}).`,
        `line_items[${i}][price_data][currency]`,
      );
    }
    currency = c;
    const unitAmount =
      data.int("unit_amount") ??
      (data.str("unit_amount_decimal")
        ? Math.round(Number(data.str("unit_amount_decimal")))
        : undefined);
    if (unitAmount === undefined)
      throw invalidRequest(
        `Missing required param: line_items[${i}][price_data][unit_amount].`,
        `line_items[${i}][price_data][unit_amount]`,
        "parameter_missing",
      );
    if (unitAmount < 0)
      throw invalidRequest(
        "This value must be greater than or equal to 0.",
        `line_items[${i}][price_data][unit_amount]`,
        "parameter_invalid_integer",
      );
    const quantity = item.int("quantity");
    if (quantity === undefined)
      throw invalidRequest(
        `Missing required param: line_items[${i}][quantity].`,
        `line_items[${i}][quantity]`,
        "parameter_missing",
      );
    if (quantity < 1 || quantity > 999_999)
      throw invalidRequest(
        "Quantity must be between 1 and 999,999.",
        `line_items[${i}][quantity]`,
        "parameter_invalid_integer",
      );
    const productData = data.obj("product_data");
    if (!productData && !data.has("product")) {
      throw invalidRequest(
        `You must specify either \`product\` or \`product_data\` when creating a price.`,
        `line_items[${i}][price_data][product_data]`,
        "parameter_missing",
      );
    }
    const productId = data.str("product");
    let name: string;
    let product: string;
    if (productId !== undefined) {
      const found = findProduct(emu, owner, productId);
      if (!found)
        throw resourceMissing("product", productId, `line_items[${i}][price_data][product]`);
      if (!found.obj.active)
        throw invalidRequest(
          `The product \`${productId}\` is not active.`,
          `line_items[${i}][price_data][product]`,
          "product_inactive",
        );
      name = found.obj.name;
      product = found.obj.id;
    } else {
      // Inline product_data makes a new Product on the account, as Stripe does.
      name = productData?.reqStr("name") ?? "";
      product = newId("prod");
      const created = emu.now();
      emu.store.state.products[scopedKey(owner, product)] = {
        owner,
        seq: emu.store.nextSeq(),
        obj: {
          id: product,
          object: "product",
          active: false,
          created,
          default_price: null,
          description: productData?.str("description") ?? null,
          images: productData?.strings("images") ?? [],
          livemode: false,
          marketing_features: [],
          metadata: productData ? mergeMetadata({}, productData.map("metadata")) : {},
          name,
          package_dimensions: null,
          shippable: null,
          statement_descriptor: null,
          tax_code: productData?.str("tax_code") ?? null,
          tax_details: null,
          type: "service",
          unit_label: productData?.str("unit_label") ?? null,
          updated: created,
          url: null,
        },
      };
    }
    const amount = unitAmount * quantity;
    subtotal += amount;
    // Inline price_data makes an (inactive) Price on the account, as Stripe does.
    const price = storePrice(emu, owner, {
      currency: c,
      unitAmount,
      product,
      recurring: readRecurring(data.obj("recurring"), `line_items[${i}][price_data][recurring]`),
      taxBehavior:
        (data.str("tax_behavior") as Stripe.Price.TaxBehavior | undefined) ?? "unspecified",
      nickname: null,
      lookupKey: null,
      metadata: {},
      active: false,
    });
    return {
      id: newId("li"),
      object: "item",
      adjustable_quantity: null,
      amount_discount: 0,
      amount_subtotal: amount,
      amount_tax: 0,
      amount_total: amount,
      currency: c,
      description: name,
      metadata: productData ? mergeMetadata({}, productData.map("metadata")) : {},
      price: structuredClone(price),
      quantity,
    } satisfies Stripe.LineItem;
  });
  return { items, currency: currency ?? "usd", subtotal };
}

function create(ctx: RequestContext): Stripe.Checkout.Session {
  const p = params(ctx);
  const mode = p.reqStr("mode");
  if (mode !== "payment" && mode !== "subscription") {
    if (mode === "setup")
      throw invalidRequest(
        `The emulator supports mode=payment and mode=subscription (got ${mode}).`,
        "mode",
      );
    throw invalidRequest(`Invalid mode: must be one of payment, setup, or subscription`, "mode");
  }
  const uiMode =
    p.oneOf("ui_mode", ["hosted_page", "embedded_page", "elements", "form"]) ?? "hosted_page";
  if (uiMode !== "hosted_page" && uiMode !== "embedded_page")
    throw invalidRequest(
      `The emulator supports only ui_mode hosted_page and embedded_page (got ${uiMode}).`,
      "ui_mode",
    );
  const successUrl = p.str("success_url");
  const cancelUrl = p.str("cancel_url");
  const returnUrl = p.str("return_url");
  const redirectOnCompletion = p.oneOf("redirect_on_completion", [
    "always",
    "if_required",
    "never",
  ]);
  if (uiMode === "hosted_page") {
    if (returnUrl)
      throw invalidRequest(
        "You cannot pass `return_url` when `ui_mode` is `hosted_page`. Use `success_url` and `cancel_url` instead.",
        "return_url",
      );
    if (redirectOnCompletion)
      throw invalidRequest(
        "`redirect_on_completion` can only be used when `ui_mode` is `embedded_page`.",
        "redirect_on_completion",
      );
  } else {
    if (successUrl)
      throw invalidRequest(
        "You cannot pass `success_url` when `ui_mode` is `embedded_page`. Use `return_url` instead.",
        "success_url",
      );
    if (cancelUrl)
      throw invalidRequest(
        "You cannot pass `cancel_url` when `ui_mode` is `embedded_page`.",
        "cancel_url",
      );
    if (!returnUrl && redirectOnCompletion !== "never") {
      throw invalidRequest(
        "`return_url` is required when `ui_mode` is `embedded_page` unless `redirect_on_completion` is `never`.",
        "return_url",
        "parameter_missing",
      );
    }
  }
  for (const [url, name] of [
    [successUrl, "success_url"],
    [cancelUrl, "cancel_url"],
    [returnUrl, "return_url"],
  ] as const) {
    if (url) checkRedirectUrl(url, name);
  }

  const { items, currency, subtotal } = buildLineItems(ctx.emu, ctx.account, p);
  const subscriptionData = checkMode(ctx, p, mode, items);
  const customerId = p.str("customer");
  if (customerId) {
    const c = ctx.emu.store.state.customers[customerId];
    if (!c || c.owner !== ctx.account) throw resourceMissing("customer", customerId, "customer");
    if (p.has("customer_email"))
      throw invalidRequest(
        "You may only specify one of these parameters: customer, customer_email.",
        "customer_email",
        "parameters_exclusive",
      );
  }
  const pricing = buildPricing(ctx, p, items, currency, subtotal);

  const created = ctx.emu.now();
  const expiresAt = p.int("expires_at") ?? created + MAX_EXPIRY;
  if (expiresAt < created + MIN_EXPIRY)
    throw invalidRequest(
      "The `expires_at` timestamp must be at least 30 minutes from Checkout Session creation.",
      "expires_at",
    );
  if (expiresAt > created + MAX_EXPIRY)
    throw invalidRequest(
      "The `expires_at` timestamp must be less than 24 hours from Checkout Session creation.",
      "expires_at",
    );

  const id = newId("cs");
  const countries = p.obj("shipping_address_collection")?.strings("allowed_countries") ?? [];
  if (p.has("shipping_address_collection") && countries.length === 0) {
    throw invalidRequest(
      "Missing required param: shipping_address_collection[allowed_countries].",
      "shipping_address_collection[allowed_countries]",
      "parameter_missing",
    );
  }
  const customText = p.obj("custom_text");
  const text = (key: string) => {
    const message = customText?.obj(key)?.str("message");
    return message ? { message } : null;
  };
  const pid = p.obj("payment_intent_data");
  const afterExpiration = p.obj("after_expiration");
  const recovery = afterExpiration?.obj("recovery");
  if (recovery && !recovery.has("enabled"))
    throw missingParam("after_expiration[recovery][enabled]");
  const consentCollection = p.obj("consent_collection");
  const automaticTax = p.obj("automatic_tax");
  const liability = automaticTax?.obj("liability");
  const liabilityType = liability?.oneOf("type", ["account", "self"]);
  const session = {
    id,
    object: "checkout.session",
    adaptive_pricing: { enabled: false },
    after_expiration: recovery
      ? {
          recovery: {
            allow_promotion_codes: recovery.bool("allow_promotion_codes") ?? false,
            enabled: recovery.bool("enabled") ?? false,
            expires_at: null,
            url: null,
          },
        }
      : null,
    allow_promotion_codes: p.bool("allow_promotion_codes") ?? null,
    allowed_payment_method_types: p.strings("allowed_payment_method_types").length
      ? p.strings("allowed_payment_method_types")
      : null,
    amount_subtotal: subtotal,
    amount_total: subtotal,
    automatic_tax: pricing.automaticTax
      ? {
          enabled: true,
          liability:
            liabilityType === "account"
              ? { type: "account", account: liability?.reqStr("account") }
              : { type: "self" },
          provider: "stripe",
          status: "requires_location_inputs",
        }
      : { enabled: false, liability: null, provider: null, status: null },
    billing_address_collection: p.oneOf("billing_address_collection", ["auto", "required"]) ?? null,
    cancel_url: cancelUrl ?? null,
    client_reference_id: p.str("client_reference_id") ?? null,
    client_secret: uiMode === "embedded_page" ? `${id}_secret_${randomText(24)}` : null,
    collected_information: null,
    consent: null,
    consent_collection: consentCollection
      ? {
          payment_method_reuse_agreement: consentCollection.obj("payment_method_reuse_agreement")
            ? {
                position:
                  consentCollection
                    .obj("payment_method_reuse_agreement")
                    ?.oneOf("position", ["auto", "hidden"]) ?? "auto",
              }
            : null,
          promotions: consentCollection.oneOf("promotions", ["auto", "none"]) ?? null,
          terms_of_service:
            consentCollection.oneOf("terms_of_service", ["none", "required"]) ?? null,
        }
      : null,
    created,
    currency,
    currency_conversion: null,
    custom_fields: [],
    custom_text: {
      after_submit: text("after_submit"),
      shipping_address: text("shipping_address"),
      submit: text("submit"),
      terms_of_service_acceptance: text("terms_of_service_acceptance"),
    },
    customer: customerId ?? null,
    customer_account: null,
    customer_creation:
      mode === "subscription"
        ? null
        : (p.oneOf("customer_creation", ["always", "if_required"]) ?? "if_required"),
    customer_details: null,
    customer_email: p.str("customer_email") ?? null,
    discounts: [],
    expires_at: expiresAt,
    integration_identifier: null,
    invoice: null,
    invoice_creation: null,
    livemode: false,
    locale: (p.str("locale") as Stripe.Checkout.Session.Locale | undefined) ?? null,
    managed_payments: null,
    metadata: mergeMetadata({}, p.map("metadata")),
    mode,
    origin_context: null,
    payment_intent: null,
    payment_link: null,
    payment_method_collection: mode === "subscription" ? "always" : "if_required",
    payment_method_configuration_details: null,
    payment_method_options: {},
    payment_method_types: p.strings("allowed_payment_method_types").length
      ? p.strings("allowed_payment_method_types")
      : ["card"],
    payment_status: "unpaid",
    permissions: null,
    phone_number_collection: {
      enabled: p.obj("phone_number_collection")?.bool("enabled") ?? false,
    },
    recovered_from: null,
    saved_payment_method_options: null,
    setup_intent: null,
    shipping_address_collection: countries.length
      ? {
          allowed_countries:
            countries as Stripe.Checkout.Session.ShippingAddressCollection.AllowedCountry[],
        }
      : null,
    shipping_cost: null,
    shipping_options: [],
    status: "open",
    submit_type: (p.str("submit_type") as Stripe.Checkout.Session.SubmitType | undefined) ?? null,
    subscription: null,
    success_url: successUrl ?? null,
    total_details: { amount_discount: 0, amount_shipping: 0, amount_tax: 0 },
    ui_mode: uiMode,
    url: uiMode === "hosted_page" ? `${ctx.emu.baseUrl}/c/pay/${id}` : null,
    wallet_options: null,
    ...(uiMode === "embedded_page"
      ? { return_url: returnUrl, redirect_on_completion: redirectOnCompletion ?? "always" }
      : {}),
  } satisfies Stripe.Checkout.Session;

  const record: SessionRecord = {
    owner: ctx.account,
    seq: ctx.emu.store.nextSeq(),
    obj: session,
    lineItems: items,
    pricing,
    ...(subscriptionData ? { subscriptionData } : {}),
    lastError: null,
    paymentIntentData: {
      applicationFeeAmount: null,
      captureMethod:
        pid?.oneOf("capture_method", ["automatic", "automatic_async", "manual"]) ?? "automatic",
      description: pid?.str("description") ?? null,
      metadata: pid ? mergeMetadata({}, pid.map("metadata")) : {},
      receiptEmail: pid?.str("receipt_email") ?? null,
      statementDescriptorSuffix: pid?.str("statement_descriptor_suffix") ?? null,
      transferGroup: pid?.str("transfer_group") ?? null,
    },
  };
  recompute(ctx.emu, record);
  const total = session.amount_total ?? 0;
  if (total !== 0 && total < minimumAmount(currency) && mode === "payment") {
    throw new ApiError(400, {
      type: "invalid_request_error",
      code: "amount_too_small",
      message: `The Checkout Session's total amount due must add up to at least ${describeMinimum(currency)}`,
    });
  }
  record.paymentIntentData.applicationFeeAmount = checkApplicationFee(
    ctx,
    pid?.int("application_fee_amount"),
    total,
    "payment_intent_data[application_fee_amount]",
  );
  checkCanCharge(ctx);
  ctx.emu.store.state.sessions[id] = record;
  ctx.emu.store.markDirty();
  return session;
}

/** What differs between payment and subscription mode; returns subscription_data. */
function checkMode(
  ctx: RequestContext,
  p: Params,
  mode: "payment" | "subscription",
  items: Stripe.LineItem[],
): SessionRecord["subscriptionData"] {
  const recurring = items.filter((li) => li.price?.type === "recurring");
  const data = p.obj("subscription_data");
  if (mode === "payment") {
    const i = items.findIndex((li) => li.price?.type === "recurring");
    if (i !== -1)
      throw invalidRequest(
        "You specified `payment` mode but passed a recurring price. Either switch to `subscription` mode or use only one-time prices.",
        `line_items[${i}]`,
      );
    if (data)
      throw invalidRequest(
        "`subscription_data` can only be used in `subscription` mode.",
        "subscription_data",
      );
    return undefined;
  }
  if (recurring.length === 0)
    throw invalidRequest(
      "You must provide at least one recurring price in `subscription` mode when using prices.",
      "line_items",
    );
  const first = recurring[0]?.price?.recurring;
  const mismatch = recurring.findIndex(
    (li) =>
      li.price?.recurring?.interval !== first?.interval ||
      li.price?.recurring?.interval_count !== first?.interval_count,
  );
  if (mismatch !== -1)
    throw invalidRequest(
      "All recurring prices in a subscription must have the same billing interval.",
      `line_items[${items.indexOf(recurring[mismatch]!)}]`,
    );
  if (p.has("payment_intent_data"))
    throw invalidRequest(
      "You can not pass `payment_intent_data` in `subscription` mode.",
      "payment_intent_data",
    );
  if (p.list("shipping_options").length > 0)
    throw invalidRequest(
      "`shipping_options` can only be used in `payment` mode.",
      "shipping_options",
    );
  const trial = data?.int("trial_period_days");
  if (trial !== undefined && trial < 1)
    throw invalidRequest(
      "The trial period must be at least 1 day.",
      "subscription_data[trial_period_days]",
    );
  if (trial !== undefined && trial > 730)
    throw invalidRequest(
      "The trial period can be at most 730 days.",
      "subscription_data[trial_period_days]",
    );
  return {
    applicationFeePercent: feePercent(
      data?.str("application_fee_percent"),
      ctx,
      "subscription_data[application_fee_percent]",
    ),
    trialPeriodDays: trial ?? null,
    description: data?.str("description") ?? null,
    metadata: data ? mergeMetadata({}, data.map("metadata")) : {},
  };
}

/** Stripe's reply when a Checkout Session asks for automatic tax on an account without it. */
function taxInactive(): ApiError {
  return new ApiError(400, {
    type: "invalid_request_error",
    code: "stripe_tax_inactive",
    message:
      "Stripe Tax has not been activated on your account. Please visit https://dashboard.stripe.com/settings/tax/activate to get started.",
  });
}

/** shipping_options, discounts / allow_promotion_codes and automatic_tax of a new session. */
function buildPricing(
  ctx: RequestContext,
  p: Params,
  items: Stripe.LineItem[],
  currency: string,
  subtotal: number,
): SessionPricing {
  const emu = ctx.emu;
  const owner = ctx.account;
  const automaticTax = p.obj("automatic_tax");
  const taxEnabled = automaticTax ? (automaticTax.bool("enabled") ?? false) : false;
  if (automaticTax && !automaticTax.has("enabled")) throw missingParam("automatic_tax[enabled]");
  if (taxEnabled && taxSettings(emu, owner).status !== "active") throw taxInactive();
  const taxBehaviors = items.map((li, i) => {
    const behavior = effectiveBehavior(emu, owner, li.price?.tax_behavior ?? null, currency);
    if (taxEnabled && !behavior)
      throw invalidRequest(
        "Stripe Tax needs a tax behavior for every price: set `tax_behavior` on the price (or `price_data`) or a default tax behavior in the account's tax settings.",
        `line_items[${i}][price_data][tax_behavior]`,
      );
    return behavior ?? "exclusive";
  });

  const options = p.list("shipping_options");
  if (options.length > 5)
    throw invalidRequest("You may only specify up to 5 shipping options.", "shipping_options");
  const shippingRates = options.map((o, i) => {
    const param = `shipping_options[${i}]`;
    const id = o.str("shipping_rate");
    const data = o.obj("shipping_rate_data");
    if (id && data)
      throw invalidRequest(
        "You may only specify one of these parameters: shipping_rate, shipping_rate_data.",
        `${param}[shipping_rate]`,
        "parameters_exclusive",
      );
    let rate: Stripe.ShippingRate;
    if (id) {
      const record = emu.store.state.shippingRates[id];
      if (!record || record.owner !== owner)
        throw resourceMissing("shipping_rate", id, `${param}[shipping_rate]`);
      if (!record.obj.active)
        throw invalidRequest(
          `The shipping rate \`${id}\` is not active.`,
          `${param}[shipping_rate]`,
        );
      rate = record.obj;
    } else if (data) {
      rate = buildShippingRate(emu, owner, data, `${param}[shipping_rate_data]`).obj;
    } else {
      throw missingParam(`${param}[shipping_rate]`);
    }
    if (rateAmount(rate, currency) === null)
      throw invalidRequest(
        `The shipping rate's currency (${rate.fixed_amount?.currency}) does not match the currency of this Checkout Session (${currency}); add it to \`fixed_amount[currency_options]\`.`,
        `${param}[shipping_rate]`,
      );
    return rate.id;
  });

  const discounts = p.list("discounts");
  const allowCodes = p.bool("allow_promotion_codes");
  if (discounts.length > 0 && allowCodes)
    throw invalidRequest(
      "You may only specify one of these parameters: allow_promotion_codes, discounts.",
      "allow_promotion_codes",
      "parameters_exclusive",
    );
  if (discounts.length > 1)
    throw invalidRequest("You may only apply one discount to a Checkout Session.", "discounts");
  let coupon: string | null = null;
  let promotionCode: string | null = null;
  const d = discounts[0];
  if (d) {
    const c = d.str("coupon");
    const pc = d.str("promotion_code");
    if (c && pc)
      throw invalidRequest(
        "You may only specify one of these parameters: coupon, promotion_code.",
        "discounts[0][coupon]",
        "parameters_exclusive",
      );
    if (!c && !pc) throw missingParam("discounts[0][coupon]");
    const checked = checkDiscount(
      emu,
      { coupon: c ?? null, promotionCode: pc ?? null },
      discountContext(owner, currency, items, subtotal, p.str("customer_email") ?? null),
      pc ? "discounts[0][promotion_code]" : "discounts[0][coupon]",
    );
    coupon = checked.id;
    promotionCode = pc ?? null;
  }
  return {
    taxBehaviors,
    automaticTax: taxEnabled,
    shippingRates,
    selectedRate: shippingRates[0] ?? null,
    coupon,
    promotionCode,
    taxAddress: null,
  };
}

function discountContext(
  owner: string | null,
  currency: string,
  items: Stripe.LineItem[],
  subtotal: number,
  email: string | null,
) {
  return {
    owner,
    currency,
    lines: items.map((li) => ({
      product: typeof li.price?.product === "string" ? li.price.product : "",
      amount: li.amount_subtotal,
    })),
    subtotal,
    email,
  };
}

function sessionDiscountContext(record: SessionRecord, email: string | null) {
  const s = record.obj;
  return discountContext(
    record.owner,
    s.currency ?? "usd",
    record.lineItems,
    s.amount_subtotal ?? 0,
    email,
  );
}

/**
 * What the shopper typed on the page before paying (or leaving): the e-mail and, where the
 * session collects it, consent to promotional e-mails.
 */
export function recordShopperInput(
  emu: Emulator,
  record: SessionRecord,
  email: string | null,
  promotions: boolean | null,
): void {
  if (email) record.typedEmail = email;
  if (record.obj.consent_collection?.promotions === "auto" && promotions !== null)
    record.obj.consent = {
      promotions: promotions ? "opt_in" : "opt_out",
      terms_of_service: record.obj.consent?.terms_of_service ?? null,
    };
  emu.store.markDirty();
}

/**
 * Opens an expired session's recovery link: a new open session with the same items and
 * options (`recovered_from` names the old one); a second visit while it is open returns it.
 */
export function recoverSession(emu: Emulator, token: string): SessionRecord | "expired" | null {
  const old = Object.values(emu.store.state.sessions).find((r) => r.recoveryToken === token);
  if (!old) return null;
  const recovery = old.obj.after_expiration?.recovery;
  if (!recovery?.expires_at || emu.now() > recovery.expires_at) return "expired";
  const open = Object.values(emu.store.state.sessions).find(
    (r) => r.obj.recovered_from === old.obj.id && refreshSession(emu, r).obj.status === "open",
  );
  if (open) return open;
  const id = newId("cs");
  const created = emu.now();
  const s = structuredClone(old.obj);
  const hosted = s.ui_mode === "hosted_page";
  const session: Stripe.Checkout.Session = {
    ...s,
    id,
    created,
    expires_at: created + MAX_EXPIRY,
    status: "open",
    payment_status: "unpaid",
    payment_intent: null,
    subscription: null,
    invoice: null,
    customer_details: null,
    collected_information: null,
    consent: null,
    after_expiration: null,
    recovered_from: old.obj.id,
    // A recovered session is always a Stripe-hosted page.
    ui_mode: "hosted_page",
    client_secret: null,
    success_url: hosted ? s.success_url : (s.return_url ?? null),
    url: `${emu.baseUrl}/c/pay/${id}`,
    customer_email: s.customer_details?.email ?? s.customer_email,
    allow_promotion_codes: recovery.allow_promotion_codes ? true : s.allow_promotion_codes,
    discounts: recovery.allow_promotion_codes ? [] : s.discounts,
  };
  delete session.return_url;
  delete session.redirect_on_completion;
  const pricing = old.pricing ? structuredClone(old.pricing) : undefined;
  if (pricing) {
    pricing.taxAddress = null;
    if (recovery.allow_promotion_codes) {
      pricing.coupon = null;
      pricing.promotionCode = null;
    }
  }
  const record: SessionRecord = {
    owner: old.owner,
    seq: emu.store.nextSeq(),
    obj: session,
    lineItems: old.lineItems.map((li) => ({ ...structuredClone(li), id: newId("li") })),
    ...(pricing ? { pricing } : {}),
    ...(old.subscriptionData ? { subscriptionData: structuredClone(old.subscriptionData) } : {}),
    lastError: null,
    paymentIntentData: structuredClone(old.paymentIntentData),
  };
  emu.store.state.sessions[id] = record;
  recompute(emu, record);
  emu.store.markDirty();
  return record;
}

/** The shopper picks one of the session's shipping options. */
export function selectShippingRate(emu: Emulator, record: SessionRecord, rate: string): void {
  const pricing = record.pricing;
  if (!pricing || !pricing.shippingRates.includes(rate))
    throw invalidRequest(
      "This shipping option is not available for this Checkout Session.",
      "shipping_rate",
    );
  pricing.selectedRate = rate;
  recompute(emu, record);
}

/**
 * The shopper types a promotion code (sessions with allow_promotion_codes). Throws the
 * refusal Stripe shows next to the field; the session keeps its previous discount then.
 */
export function applyPromotionCode(
  emu: Emulator,
  record: SessionRecord,
  code: string,
  email: string | null,
): void {
  const pricing = record.pricing;
  if (!pricing || !record.obj.allow_promotion_codes)
    throw invalidRequest(
      "This Checkout Session does not accept promotion codes.",
      "promotion_code",
    );
  const promo = promotionCodeByCode(emu, record.owner, code);
  if (!promo) throw invalidRequest("This code is invalid.", "promotion_code");
  const coupon = checkDiscount(
    emu,
    { coupon: null, promotionCode: promo.obj.id },
    sessionDiscountContext(record, email),
    "promotion_code",
  );
  const before = { coupon: pricing.coupon, promotionCode: pricing.promotionCode };
  pricing.coupon = coupon.id;
  pricing.promotionCode = promo.obj.id;
  recompute(emu, record);
  const total = record.obj.amount_total ?? 0;
  if (total !== 0 && total < minimumAmount(record.obj.currency ?? "usd")) {
    pricing.coupon = before.coupon;
    pricing.promotionCode = before.promotionCode;
    recompute(emu, record);
    throw new ApiError(400, {
      type: "invalid_request_error",
      code: "amount_too_small",
      message: `With this code the total would be less than ${describeMinimum(record.obj.currency ?? "usd")}, the minimum Stripe can charge.`,
    });
  }
}

/** The shopper removes a code they typed. */
export function removePromotionCode(emu: Emulator, record: SessionRecord): void {
  const pricing = record.pricing;
  if (!pricing || !record.obj.allow_promotion_codes) return;
  pricing.coupon = null;
  pricing.promotionCode = null;
  recompute(emu, record);
}

/** The address tax is computed from (shipping if collected, else billing) changed. */
export function setTaxAddress(
  emu: Emulator,
  record: SessionRecord,
  address: { country: string | null; state: string | null; postal_code: string | null } | null,
): void {
  if (!record.pricing) return;
  record.pricing.taxAddress = address;
  recompute(emu, record);
}

/** Expires an open session whose time has passed; callers read sessions through this. */
export function refreshSession(emu: Emulator, record: SessionRecord): SessionRecord {
  if (record.obj.status === "open" && emu.now() >= record.obj.expires_at)
    expireSession(emu, record, null);
  return record;
}

/** How long an expired session's recovery link works, as Stripe documents: 30 days. */
const RECOVERY_TTL = 30 * 24 * 3600;

export function expireSession(emu: Emulator, record: SessionRecord, request: RequestRef): void {
  const session = record.obj;
  session.status = "expired";
  session.url = null;
  const recovery = session.after_expiration?.recovery;
  if (recovery?.enabled) {
    const token = randomText(32);
    recovery.url = `${emu.baseUrl}/c/recover/${token}`;
    recovery.expires_at = emu.now() + RECOVERY_TTL;
    record.recoveryToken = token;
  }
  // What the shopper typed before leaving: the e-mail is kept only with their consent.
  if (record.typedEmail && session.consent?.promotions === "opt_in")
    session.customer_details = {
      address: null,
      business_name: null,
      email: record.typedEmail,
      individual_name: null,
      name: null,
      phone: null,
      tax_exempt: "none",
      tax_ids: [],
    };
  emu.store.markDirty();
  emit(emu, {
    type: "checkout.session.expired",
    object: record.obj,
    account: record.owner,
    request,
  });
}

export interface PayInput {
  card: string;
  email: string | null;
  name: string | null;
  shipping: { name: string; address: Stripe.Address } | null;
  /** Billing address fields Checkout asks for when it computes tax without a shipping address. */
  billing?: { country: string | null; state: string | null; postal_code: string | null } | null;
  /** The shipping option the shopper picked (one of the session's rates). */
  shippingRate?: string | null;
  /** A promotion code the shopper typed (sessions with allow_promotion_codes). */
  promotionCode?: string | null;
  /** The terms-of-service box (consent_collection[terms_of_service]=required); the control API accepts. */
  termsAccepted?: boolean;
}

/** Stripe's answer when tax cannot be computed from the address the shopper gave. */
function taxLocationInvalid(): ApiError {
  return new ApiError(400, {
    type: "invalid_request_error",
    code: "customer_tax_location_invalid",
    message:
      "We could not determine the customer's tax location from the address provided. Enter a complete address (in the US, with its state).",
  });
}

/**
 * Pays an open session with a test card: the same path for the hosted page, the embedded
 * frame and the control API. Throws a 402 card_error on a decline (the session stays open).
 */
export function paySession(
  emu: Emulator,
  record: SessionRecord,
  input: PayInput,
  request: RequestRef,
): Stripe.Checkout.Session {
  refreshSession(emu, record);
  const session = record.obj;
  if (session.status !== "open") {
    // Only the hosted pages and the control API pay; like expire, no invented error code.
    throw new ApiError(400, {
      type: "invalid_request_error",
      message: `This Checkout Session is no longer open (status: ${session.status}).`,
    });
  }
  if (session.shipping_address_collection && !input.shipping) {
    throw invalidRequest("A shipping address is required for this Checkout Session.", "shipping");
  }
  const email = input.email ?? session.customer_email;
  if (session.consent_collection?.terms_of_service === "required") {
    if (input.termsAccepted === false) {
      record.lastError = "Please agree to the terms of service.";
      throw invalidRequest("Please agree to the terms of service.", "consent[terms_of_service]");
    }
    session.consent = {
      promotions: session.consent?.promotions ?? null,
      terms_of_service: "accepted",
    };
  }
  const pricing = record.pricing;
  const taxAddress = input.shipping?.address ?? input.billing ?? null;
  if (pricing) {
    try {
      if (input.shippingRate) selectShippingRate(emu, record, input.shippingRate);
      if (input.promotionCode) applyPromotionCode(emu, record, input.promotionCode, email);
      if (pricing.automaticTax) {
        setTaxAddress(
          emu,
          record,
          taxAddress
            ? {
                country: taxAddress.country,
                state: taxAddress.state,
                postal_code: taxAddress.postal_code,
              }
            : null,
        );
        if (session.automatic_tax.status !== "complete") throw taxLocationInvalid();
      }
      // The discount is checked again now that the buyer is known (first-time, limits).
      if (pricing.coupon || pricing.promotionCode)
        checkDiscount(
          emu,
          { coupon: pricing.coupon, promotionCode: pricing.promotionCode },
          sessionDiscountContext(record, email),
          pricing.promotionCode ? "promotion_code" : "discounts[0][coupon]",
        );
    } catch (error) {
      if (error instanceof ApiError) record.lastError = error.message;
      emu.store.markDirty();
      throw error;
    }
  }
  if (session.mode === "subscription")
    return completeSubscription(emu, record, input, email, request);
  const data = record.paymentIntentData;
  const amount = session.amount_total ?? 0;
  // The application fee is capped at the amount charged (a code may have lowered it).
  const applicationFee =
    data.applicationFeeAmount === null ? null : Math.min(data.applicationFeeAmount, amount);
  let piRecord =
    typeof session.payment_intent === "string"
      ? emu.store.state.paymentIntents[session.payment_intent]
      : undefined;
  if (piRecord) {
    piRecord.obj.amount = amount;
    piRecord.obj.application_fee_amount = applicationFee;
  }
  if (!piRecord && amount > 0) {
    piRecord = createPaymentIntent(
      emu,
      {
        owner: record.owner,
        amount,
        currency: session.currency ?? "usd",
        applicationFeeAmount: applicationFee,
        captureMethod: data.captureMethod,
        description: data.description,
        metadata: data.metadata,
        receiptEmail: data.receiptEmail,
        paymentMethodTypes: ["card"],
        statementDescriptorSuffix: data.statementDescriptorSuffix,
      },
      request,
    );
    piRecord.obj.transfer_group = data.transferGroup ?? null;
    session.payment_intent = piRecord.obj.id;
  }
  const billingAddress: Stripe.Address | null = input.billing
    ? {
        city: null,
        country: input.billing.country,
        line1: null,
        line2: null,
        postal_code: input.billing.postal_code,
        state: input.billing.state,
      }
    : null;
  const payer: PayerDetails = {
    email,
    name: input.name,
    address: input.shipping?.address ?? billingAddress,
  };
  if (piRecord) {
    if (input.shipping)
      piRecord.obj.shipping = {
        address: input.shipping.address,
        carrier: null,
        name: input.shipping.name,
        phone: null,
        tracking_number: null,
      };
    try {
      confirmPayment(emu, piRecord, input.card, "", payer, request);
    } catch (error) {
      record.lastError =
        error instanceof ApiError ? error.message : "Your payment could not be processed.";
      emu.store.markDirty();
      throw error;
    }
  }
  record.lastError = null;
  if (pricing) redeem(emu, record.owner, pricing.coupon, pricing.promotionCode);
  session.status = "complete";
  session.payment_status = amount > 0 ? "paid" : "no_payment_required";
  session.url = null;
  session.customer_details = {
    address: input.shipping?.address ?? billingAddress,
    business_name: null,
    email,
    individual_name: null,
    name: input.name ?? input.shipping?.name ?? null,
    phone: null,
    tax_exempt: "none",
    tax_ids: [],
  };
  session.collected_information = {
    business_name: null,
    individual_name: null,
    shipping_details: input.shipping
      ? { address: input.shipping.address, name: input.shipping.name }
      : null,
  };
  emu.store.markDirty();
  emit(emu, {
    type: "checkout.session.completed",
    object: session,
    account: record.owner,
    request,
  });
  return session;
}

/** The address Checkout collected: shipping when asked for, else the billing fields. */
function collectedAddress(input: PayInput): Stripe.Address | null {
  if (input.shipping) return input.shipping.address;
  if (!input.billing) return null;
  return {
    city: null,
    country: input.billing.country,
    line1: null,
    line2: null,
    postal_code: input.billing.postal_code,
    state: input.billing.state,
  };
}

/** Completes a subscription-mode session: customer, subscription, first invoice (billing.ts). */
function completeSubscription(
  emu: Emulator,
  record: SessionRecord,
  input: PayInput,
  email: string | null,
  request: RequestRef,
): Stripe.Checkout.Session {
  const session = record.obj;
  let result;
  try {
    result = completeSubscriptionCheckout(emu, {
      owner: record.owner,
      record,
      card: input.card,
      email,
      name: input.name ?? input.shipping?.name ?? null,
      address: collectedAddress(input),
      request,
    });
  } catch (error) {
    record.lastError =
      error instanceof ApiError ? error.message : "Your payment could not be processed.";
    emu.store.markDirty();
    throw error;
  }
  record.lastError = null;
  if (record.pricing)
    redeem(emu, record.owner, record.pricing.coupon, record.pricing.promotionCode);
  session.status = "complete";
  session.payment_status = result.invoice.amount_paid > 0 ? "paid" : "no_payment_required";
  session.url = null;
  session.customer = result.customer.id;
  session.subscription = result.subscription.id;
  session.invoice = result.invoice.id;
  session.customer_details = {
    address: collectedAddress(input),
    business_name: null,
    email,
    individual_name: null,
    name: input.name ?? input.shipping?.name ?? null,
    phone: null,
    tax_exempt: "none",
    tax_ids: [],
  };
  session.collected_information = {
    business_name: null,
    individual_name: null,
    shipping_details: input.shipping
      ? { address: input.shipping.address, name: input.shipping.name }
      : null,
  };
  emu.store.markDirty();
  emit(emu, {
    type: "checkout.session.completed",
    object: session,
    account: record.owner,
    request,
  });
  return session;
}

export function lineItemsList(record: SessionRecord): Stripe.ApiList<Stripe.LineItem> {
  return {
    object: "list",
    data: record.lineItems,
    has_more: false,
    url: `/v1/checkout/sessions/${record.obj.id}/line_items`,
  };
}

function sessionFor(ctx: RequestContext, id: string): SessionRecord {
  const record = findOwned(
    ctx,
    ctx.emu.store.state.sessions,
    id,
    "checkout.session",
  ) as SessionRecord;
  return refreshSession(ctx.emu, record);
}

function retrieve(ctx: RequestContext, path: Record<string, string>): Stripe.Checkout.Session {
  return sessionFor(ctx, path.id ?? "").obj;
}

function list(ctx: RequestContext): Stripe.ApiList<Stripe.Checkout.Session> {
  const p = params(ctx);
  const pi = p.str("payment_intent");
  const status = p.str("status");
  for (const r of Object.values(ctx.emu.store.state.sessions))
    if (r.owner === ctx.account) refreshSession(ctx.emu, r);
  const items = ctx.emu.store.list(
    ctx.emu.store.state.sessions,
    ctx.account,
    (s) => (!pi || s.payment_intent === pi) && (!status || s.status === status),
  );
  return paginate(items, p, "/v1/checkout/sessions");
}

function listLineItems(
  ctx: RequestContext,
  path: Record<string, string>,
): Stripe.ApiList<Stripe.LineItem> {
  const record = sessionFor(ctx, path.id ?? "");
  return paginate(
    record.lineItems,
    params(ctx),
    `/v1/checkout/sessions/${record.obj.id}/line_items`,
  );
}

function expire(ctx: RequestContext, path: Record<string, string>): Stripe.Checkout.Session {
  const record = sessionFor(ctx, path.id ?? "");
  // Stripe answers a session that is no longer open with a plain invalid_request_error: no
  // `code`, no `param` (see STRIPE-COMMERCE.md §9). Callers must re-read the session's status.
  if (record.obj.status !== "open") {
    throw invalidRequest(
      `Only Checkout Sessions with a status in ["open"] can be expired. This Checkout Session has a status of \`${record.obj.status}\`.`,
    );
  }
  expireSession(ctx.emu, record, requestInfo(ctx));
  return record.obj;
}

function update(ctx: RequestContext, path: Record<string, string>): Stripe.Checkout.Session {
  const record = sessionFor(ctx, path.id ?? "");
  record.obj.metadata = mergeMetadata(record.obj.metadata ?? {}, params(ctx).map("metadata"));
  ctx.emu.store.markDirty();
  return record.obj;
}

export function registerCheckoutSessions(api: ApiRouter): void {
  api.operation("checkout.sessions.create", create);
  api.operation("checkout.sessions.list", list);
  api.operation("checkout.sessions.retrieve", retrieve);
  api.operation("checkout.sessions.update", update);
  api.operation("checkout.sessions.listLineItems", listLineItems);
  api.operation("checkout.sessions.expire", expire);
}
