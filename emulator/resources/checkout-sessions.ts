// Checkout Sessions (mode=payment): hosted_page and embedded_page, price_data line items,
// application fees on connected accounts, payment and expiry.

import type Stripe from "stripe";
import type { Emulator, RequestContext } from "../context";
import { emit, requestInfo } from "../events";
import type { ApiRouter } from "../http/api";
import { ApiError, invalidRequest, resourceMissing } from "../http/errors";
import { mergeMetadata, type Params } from "../http/params";
import { newId, randomText } from "../ids";
import { describeMinimum, minimumAmount } from "../money";
import {
  confirmPayment,
  createPaymentIntent,
  type PayerDetails,
  type RequestRef,
} from "../payments";
import type { SessionRecord } from "../store";
import { checkRedirectUrl } from "./account-links";
import { checkApplicationFee, checkCanCharge, checkCurrency } from "./payment-intents";
import { findOwned, paginate, params } from "./shared";

const MIN_EXPIRY = 30 * 60;
const MAX_EXPIRY = 24 * 3600;

/**
 * Stripe sends decimal fields as JSON strings; the SDK's type names its Decimal class,
 * which it builds from that string. The reply carries the string, as Stripe's does.
 */
function decimalOnWire(value: string): Stripe.Price["unit_amount_decimal"] {
  return value as unknown as Stripe.Price["unit_amount_decimal"];
}

interface BuiltItems {
  items: Stripe.LineItem[];
  currency: string;
  subtotal: number;
}

function buildLineItems(emu: Emulator, p: Params): BuiltItems {
  const list = p.list("line_items");
  if (list.length === 0)
    throw invalidRequest("Missing required param: line_items.", "line_items", "parameter_missing");
  let currency: string | null = null;
  let subtotal = 0;
  const items = list.map((item, i) => {
    if (item.has("price")) {
      const price = item.str("price") ?? "";
      throw resourceMissing("price", price, `line_items[${i}][price]`);
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
    const name = productData?.reqStr("name") ?? data.str("product") ?? "";
    const amount = unitAmount * quantity;
    subtotal += amount;
    const price = {
      id: newId("price"),
      object: "price",
      active: false,
      billing_scheme: "per_unit",
      created: emu.now(),
      currency: c,
      custom_unit_amount: null,
      livemode: false,
      lookup_key: null,
      metadata: {},
      nickname: null,
      product: data.str("product") ?? newId("prod"),
      recurring: null,
      tax_behavior:
        (data.str("tax_behavior") as Stripe.Price.TaxBehavior | undefined) ?? "unspecified",
      tiers_mode: null,
      transform_quantity: null,
      type: "one_time",
      unit_amount: unitAmount,
      unit_amount_decimal: decimalOnWire(String(unitAmount)),
    } satisfies Stripe.Price;
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
      price,
      quantity,
    } satisfies Stripe.LineItem;
  });
  return { items, currency: currency ?? "usd", subtotal };
}

function create(ctx: RequestContext): Stripe.Checkout.Session {
  const p = params(ctx);
  const mode = p.reqStr("mode");
  if (mode !== "payment") {
    if (mode === "subscription" || mode === "setup")
      throw invalidRequest(`The emulator supports only mode=payment (got ${mode}).`, "mode");
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

  const { items, currency, subtotal } = buildLineItems(ctx.emu, p);
  if (subtotal < minimumAmount(currency)) {
    throw new ApiError(400, {
      type: "invalid_request_error",
      code: "amount_too_small",
      message: `The Checkout Session's total amount due must add up to at least ${describeMinimum(currency)}`,
    });
  }
  const pid = p.obj("payment_intent_data");
  const fee = checkApplicationFee(
    ctx,
    pid?.int("application_fee_amount"),
    subtotal,
    "payment_intent_data[application_fee_amount]",
  );
  checkCanCharge(ctx);

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
  const session = {
    id,
    object: "checkout.session",
    adaptive_pricing: { enabled: false },
    after_expiration: null,
    allow_promotion_codes: p.bool("allow_promotion_codes") ?? null,
    allowed_payment_method_types: p.strings("allowed_payment_method_types").length
      ? p.strings("allowed_payment_method_types")
      : null,
    amount_subtotal: subtotal,
    amount_total: subtotal,
    automatic_tax: { enabled: false, liability: null, provider: null, status: null },
    billing_address_collection: p.oneOf("billing_address_collection", ["auto", "required"]) ?? null,
    cancel_url: cancelUrl ?? null,
    client_reference_id: p.str("client_reference_id") ?? null,
    client_secret: uiMode === "embedded_page" ? `${id}_secret_${randomText(24)}` : null,
    collected_information: null,
    consent: null,
    consent_collection: null,
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
    customer: null,
    customer_account: null,
    customer_creation: p.oneOf("customer_creation", ["always", "if_required"]) ?? "if_required",
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
    mode: "payment",
    origin_context: null,
    payment_intent: null,
    payment_link: null,
    payment_method_collection: "if_required",
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
    lastError: null,
    paymentIntentData: {
      applicationFeeAmount: fee,
      captureMethod:
        pid?.oneOf("capture_method", ["automatic", "automatic_async", "manual"]) ?? "automatic",
      description: pid?.str("description") ?? null,
      metadata: pid ? mergeMetadata({}, pid.map("metadata")) : {},
      receiptEmail: pid?.str("receipt_email") ?? null,
      statementDescriptorSuffix: pid?.str("statement_descriptor_suffix") ?? null,
    },
  };
  ctx.emu.store.state.sessions[id] = record;
  ctx.emu.store.markDirty();
  return session;
}

/** Expires an open session whose time has passed; callers read sessions through this. */
export function refreshSession(emu: Emulator, record: SessionRecord): SessionRecord {
  if (record.obj.status === "open" && emu.now() >= record.obj.expires_at)
    expireSession(emu, record, null);
  return record;
}

export function expireSession(emu: Emulator, record: SessionRecord, request: RequestRef): void {
  record.obj.status = "expired";
  record.obj.url = null;
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
  const data = record.paymentIntentData;
  let piRecord =
    typeof session.payment_intent === "string"
      ? emu.store.state.paymentIntents[session.payment_intent]
      : undefined;
  if (!piRecord) {
    piRecord = createPaymentIntent(
      emu,
      {
        owner: record.owner,
        amount: session.amount_total ?? 0,
        currency: session.currency ?? "usd",
        applicationFeeAmount: data.applicationFeeAmount,
        captureMethod: data.captureMethod,
        description: data.description,
        metadata: data.metadata,
        receiptEmail: data.receiptEmail,
        paymentMethodTypes: ["card"],
        statementDescriptorSuffix: data.statementDescriptorSuffix,
      },
      request,
    );
    session.payment_intent = piRecord.obj.id;
  }
  const email = input.email ?? session.customer_email;
  const payer: PayerDetails = { email, name: input.name, address: input.shipping?.address ?? null };
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
  record.lastError = null;
  session.status = "complete";
  session.payment_status = "paid";
  session.url = null;
  session.customer_details = {
    address: input.shipping?.address ?? null,
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
