// Customers, prices, subscriptions, invoices and customer portal sessions (see billing.ts for
// the lifecycle). All live on the account named by Stripe-Account.

import type Stripe from "stripe";
import { cancelNow, createCustomer, PORTAL_CONFIGURATION } from "../billing";
import type { Emulator, RequestContext } from "../context";
import { emit, previousAttributes, requestInfo } from "../events";
import type { ApiRouter } from "../http/api";
import { invalidRequest, missingParam, resourceMissing } from "../http/errors";
import { mergeMetadata, type Params } from "../http/params";
import { newId, randomText } from "../ids";
import { scopedKey, type Owned, type SubscriptionRecord } from "../store";
import { checkRedirectUrl } from "./account-links";
import { checkCurrency } from "./payment-intents";
import { findProduct } from "./products";
import { findOwned, paginate, params } from "./shared";

// Customers --------------------------------------------------------------------------------

function address(p: Params | undefined): Stripe.Address | null {
  if (!p) return null;
  return {
    city: p.str("city") ?? null,
    country: p.str("country") ?? null,
    line1: p.str("line1") ?? null,
    line2: p.str("line2") ?? null,
    postal_code: p.str("postal_code") ?? null,
    state: p.str("state") ?? null,
  };
}

function createCustomerApi(ctx: RequestContext): Stripe.Customer {
  const p = params(ctx);
  const paymentMethod = p.str("payment_method");
  if (paymentMethod) throw resourceMissing("payment_method", paymentMethod, "payment_method");
  const clock = p.str("test_clock");
  if (clock) throw resourceMissing("test_clock", clock, "test_clock");
  const customer = createCustomer(
    ctx.emu,
    {
      owner: ctx.account,
      email: p.str("email") ?? null,
      name: p.str("name") ?? null,
      phone: p.str("phone") ?? null,
      description: p.str("description") ?? null,
      address: address(p.obj("address")),
      metadata: mergeMetadata({}, p.map("metadata")),
    },
    requestInfo(ctx),
  );
  const shipping = p.obj("shipping");
  if (shipping)
    customer.shipping = {
      address: address(shipping.obj("address")) ?? undefined,
      name: shipping.reqStr("name"),
      phone: shipping.str("phone") ?? null,
    };
  const prefix = p.str("invoice_prefix");
  if (prefix) customer.invoice_prefix = prefix;
  const sequence = p.int("next_invoice_sequence");
  if (sequence !== undefined) customer.next_invoice_sequence = sequence;
  if (p.raw.tax_exempt === "") {
    // An empty value unsets it: back to `none`.
    p.honour("tax_exempt");
    customer.tax_exempt = "none";
  } else {
    const exempt = p.oneOf("tax_exempt", ["exempt", "none", "reverse"]);
    if (exempt) customer.tax_exempt = exempt;
  }
  return customer;
}

function customerFor(ctx: RequestContext, id: string, param = "id"): Owned<Stripe.Customer> {
  return findOwned(ctx, ctx.emu.store.state.customers, id, "customer", param);
}

function retrieveCustomer(ctx: RequestContext, path: Record<string, string>): Stripe.Customer {
  return customerFor(ctx, path.id ?? "").obj;
}

function updateCustomer(ctx: RequestContext, path: Record<string, string>): Stripe.Customer {
  const customer = customerFor(ctx, path.id ?? "").obj;
  const before = structuredClone(customer);
  const p = params(ctx);
  const text = (key: "email" | "name" | "phone" | "description") => {
    const raw = p.raw[key];
    if (raw === "") {
      p.honour(key);
      customer[key] = null;
      return;
    }
    const v = p.str(key);
    if (v !== undefined) customer[key] = v;
  };
  text("email");
  text("name");
  text("phone");
  text("description");
  if (p.has("address")) customer.address = address(p.obj("address"));
  customer.metadata = mergeMetadata(customer.metadata, p.map("metadata"));
  const settings = p.obj("invoice_settings");
  const pm = settings?.str("default_payment_method");
  if (pm !== undefined) {
    if (!ctx.emu.store.state.savedCards[pm])
      throw resourceMissing("payment_method", pm, "invoice_settings[default_payment_method]");
    customer.invoice_settings.default_payment_method = pm;
  }
  if (p.raw.tax_exempt === "") {
    // An empty value unsets it: back to `none`.
    p.honour("tax_exempt");
    customer.tax_exempt = "none";
  } else {
    const exempt = p.oneOf("tax_exempt", ["exempt", "none", "reverse"]);
    if (exempt) customer.tax_exempt = exempt;
  }
  ctx.emu.store.markDirty();
  const previous = previousAttributes(before, customer);
  if (Object.keys(previous).length > 0)
    emit(ctx.emu, {
      type: "customer.updated",
      object: customer,
      account: ctx.account,
      previous,
      request: requestInfo(ctx),
    });
  return customer;
}

function listCustomers(ctx: RequestContext): Stripe.ApiList<Stripe.Customer> {
  const p = params(ctx);
  const email = p.str("email");
  const clock = p.str("test_clock");
  const items = ctx.emu.store.list(
    ctx.emu.store.state.customers,
    ctx.account,
    (c) => (!email || c.email === email) && (!clock || c.test_clock === clock),
  );
  return paginate(items, p, "/v1/customers");
}

// Prices -----------------------------------------------------------------------------------

export function findPrice(
  emu: Emulator,
  owner: string | null,
  id: string,
): Owned<Stripe.Price> | null {
  const record = emu.store.state.prices[id];
  return record && record.owner === owner ? record : null;
}

const INTERVALS = ["day", "week", "month", "year"] as const;

/** A recurring part of price parameters (`recurring` of prices.create or of price_data). */
export function readRecurring(
  p: Params | undefined,
  prefix: string,
): Stripe.Price.Recurring | null {
  if (!p) return null;
  const interval = p.oneOf("interval", INTERVALS);
  if (!interval) throw missingParam(`${prefix}[interval]`);
  const count = p.int("interval_count") ?? 1;
  const max =
    interval === "year" ? 3 : interval === "month" ? 36 : interval === "week" ? 156 : 1095;
  if (count < 1 || count > max)
    throw invalidRequest(
      `The maximum billing interval is 3 years; interval_count must be between 1 and ${max} for interval=${interval}.`,
      `${prefix}[interval_count]`,
    );
  const usage = p.oneOf("usage_type", ["licensed", "metered"]) ?? "licensed";
  if (usage === "metered")
    throw invalidRequest(
      "Metered prices need a billing meter (`recurring[meter]`).",
      `${prefix}[usage_type]`,
    );
  p.str("meter");
  const trial = p.int("trial_period_days");
  return {
    interval,
    interval_count: count,
    meter: null,
    trial_period_days: trial ?? null,
    usage_type: usage,
  };
}

/** Builds and stores a Price; the product must exist on the account (or is made from product_data). */
export function storePrice(
  emu: Emulator,
  owner: string | null,
  input: {
    currency: string;
    unitAmount: number;
    product: string;
    recurring: Stripe.Price.Recurring | null;
    taxBehavior: Stripe.Price.TaxBehavior;
    nickname: string | null;
    lookupKey: string | null;
    metadata: Record<string, string>;
    active: boolean;
  },
): Stripe.Price {
  const price = {
    id: newId("price"),
    object: "price",
    active: input.active,
    billing_scheme: "per_unit",
    created: emu.now(),
    currency: input.currency,
    custom_unit_amount: null,
    livemode: false,
    lookup_key: input.lookupKey,
    metadata: input.metadata,
    nickname: input.nickname,
    product: input.product,
    recurring: input.recurring,
    tax_behavior: input.taxBehavior,
    tiers_mode: null,
    transform_quantity: null,
    type: input.recurring ? "recurring" : "one_time",
    unit_amount: input.unitAmount,
    unit_amount_decimal: String(input.unitAmount) as unknown as Stripe.Decimal,
  } satisfies Stripe.Price;
  emu.store.state.prices[price.id] = { owner, seq: emu.store.nextSeq(), obj: price };
  emu.store.markDirty();
  return price;
}

function createPrice(ctx: RequestContext): Stripe.Price {
  const p = params(ctx);
  const emu = ctx.emu;
  const currency = checkCurrency(p.reqStr("currency"));
  p.oneOf("billing_scheme", ["per_unit", "tiered"]);
  if (p.str("billing_scheme") === "tiered" || p.has("tiers") || p.has("tiers_mode"))
    throw invalidRequest(
      "Tiered prices are not supported here; use billing_scheme=per_unit.",
      "billing_scheme",
    );
  if (p.has("custom_unit_amount"))
    throw invalidRequest(
      "Customer-chosen amounts (`custom_unit_amount`) are only supported in Checkout's payment mode.",
      "custom_unit_amount",
    );
  const unitAmount =
    p.int("unit_amount") ??
    (p.str("unit_amount_decimal") ? Math.round(Number(p.str("unit_amount_decimal"))) : undefined);
  if (unitAmount === undefined) throw missingParam("unit_amount");
  if (unitAmount < 0)
    throw invalidRequest(
      "This value must be greater than or equal to 0.",
      "unit_amount",
      "parameter_invalid_integer",
    );
  let product = p.str("product");
  const productData = p.obj("product_data");
  if (product && productData)
    throw invalidRequest(
      "You may only specify one of these parameters: product, product_data.",
      "product",
      "parameters_exclusive",
    );
  if (product) {
    if (!findProduct(emu, ctx.account, product))
      throw resourceMissing("product", product, "product");
  } else if (productData) {
    const name = productData.reqStr("name");
    product = newId("prod");
    const created = emu.now();
    emu.store.state.products[scopedKey(ctx.account, product)] = {
      owner: ctx.account,
      seq: emu.store.nextSeq(),
      obj: {
        id: product,
        object: "product",
        active: productData.bool("active") ?? true,
        created,
        default_price: null,
        description: null,
        images: [],
        livemode: false,
        marketing_features: [],
        metadata: mergeMetadata({}, productData.map("metadata")),
        name,
        package_dimensions: null,
        shippable: null,
        statement_descriptor: productData.str("statement_descriptor") ?? null,
        tax_code: productData.str("tax_code") ?? null,
        tax_details: null,
        type: "service",
        unit_label: productData.str("unit_label") ?? null,
        updated: created,
        url: null,
      },
    };
  } else {
    throw missingParam("product");
  }
  const lookupKey = p.str("lookup_key") ?? null;
  if (lookupKey && p.bool("transfer_lookup_key") !== true) {
    const clash = Object.values(emu.store.state.prices).some(
      (r) => r.owner === ctx.account && r.obj.lookup_key === lookupKey,
    );
    if (clash)
      throw invalidRequest(
        `A price (\`${lookupKey}\`) already uses that lookup key; pass transfer_lookup_key=true to move it.`,
        "lookup_key",
      );
  }
  if (lookupKey)
    for (const r of Object.values(emu.store.state.prices))
      if (r.owner === ctx.account && r.obj.lookup_key === lookupKey) r.obj.lookup_key = null;
  const price = storePrice(emu, ctx.account, {
    currency,
    unitAmount,
    product,
    recurring: readRecurring(p.obj("recurring"), "recurring"),
    taxBehavior:
      (p.oneOf("tax_behavior", ["exclusive", "inclusive", "unspecified"]) as
        Stripe.Price.TaxBehavior | undefined) ?? "unspecified",
    nickname: p.str("nickname") ?? null,
    lookupKey,
    metadata: mergeMetadata({}, p.map("metadata")),
    active: p.bool("active") ?? true,
  });
  emit(emu, {
    type: "price.created",
    object: price,
    account: ctx.account,
    request: requestInfo(ctx),
  });
  return price;
}

function priceFor(ctx: RequestContext, id: string): Owned<Stripe.Price> {
  const record = findPrice(ctx.emu, ctx.account, id);
  if (!record) throw resourceMissing("price", id);
  return record;
}

function retrievePrice(ctx: RequestContext, path: Record<string, string>): Stripe.Price {
  return priceFor(ctx, path.id ?? "").obj;
}

function updatePrice(ctx: RequestContext, path: Record<string, string>): Stripe.Price {
  const price = priceFor(ctx, path.id ?? "").obj;
  const before = structuredClone(price);
  const p = params(ctx);
  const active = p.bool("active");
  if (active !== undefined) price.active = active;
  const nickname = p.str("nickname");
  if (nickname !== undefined) price.nickname = nickname || null;
  price.metadata = mergeMetadata(price.metadata, p.map("metadata"));
  const lookupKey = p.str("lookup_key");
  if (lookupKey !== undefined) price.lookup_key = lookupKey || null;
  p.bool("transfer_lookup_key");
  const behavior = p.oneOf("tax_behavior", ["exclusive", "inclusive", "unspecified"]);
  if (behavior) {
    if (price.tax_behavior !== "unspecified" && price.tax_behavior !== behavior)
      throw invalidRequest(
        "The tax behavior of a price cannot be changed once it is set to `exclusive` or `inclusive`.",
        "tax_behavior",
      );
    price.tax_behavior = behavior;
  }
  ctx.emu.store.markDirty();
  const previous = previousAttributes(before, price);
  if (Object.keys(previous).length > 0)
    emit(ctx.emu, {
      type: "price.updated",
      object: price,
      account: ctx.account,
      previous,
      request: requestInfo(ctx),
    });
  return price;
}

function listPrices(ctx: RequestContext): Stripe.ApiList<Stripe.Price> {
  const p = params(ctx);
  const active = p.bool("active");
  const currency = p.str("currency")?.toLowerCase();
  const product = p.str("product");
  const type = p.str("type");
  const keys = p.strings("lookup_keys");
  const interval = p.obj("recurring")?.str("interval");
  const items = ctx.emu.store.list(
    ctx.emu.store.state.prices,
    ctx.account,
    (x) =>
      (active === undefined || x.active === active) &&
      (!currency || x.currency === currency) &&
      (!product || x.product === product) &&
      (!type || x.type === type) &&
      (keys.length === 0 || (x.lookup_key !== null && keys.includes(x.lookup_key))) &&
      (!interval || x.recurring?.interval === interval),
  );
  return paginate(items, p, "/v1/prices");
}

// Subscriptions ----------------------------------------------------------------------------

function subscriptionFor(ctx: RequestContext, id: string): SubscriptionRecord {
  return findOwned(
    ctx,
    ctx.emu.store.state.subscriptions,
    id,
    "subscription",
  ) as SubscriptionRecord;
}

function retrieveSubscription(
  ctx: RequestContext,
  path: Record<string, string>,
): Stripe.Subscription {
  return subscriptionFor(ctx, path.id ?? "").obj;
}

/** Stripe: a platform changes only the subscriptions it created (`application`). */
function checkOwnedByPlatform(ctx: RequestContext, sub: Stripe.Subscription): void {
  if (ctx.account && sub.application !== ctx.emu.config.clientId)
    throw invalidRequest(
      "This subscription was not created by your platform and cannot be modified by it.",
      "id",
    );
}

/** application_fee_percent: 0–100 with at most two decimals, on direct charges only. */
export function feePercent(
  value: string | undefined,
  ctx: RequestContext,
  param: string,
): number | null {
  if (value === undefined) return null;
  const n = Number(value);
  if (!ctx.account)
    throw invalidRequest(
      "Can only apply an application_fee_percent when the request is made on behalf of another account (using an OAuth key, the Stripe-Account header, or the destination parameter).",
      param,
    );
  if (!Number.isFinite(n) || n < 0 || n > 100)
    throw invalidRequest("application_fee_percent must be between 0 and 100.", param);
  if (Math.round(n * 100) !== n * 100)
    throw invalidRequest("application_fee_percent can have at most two decimal places.", param);
  return n;
}

function updateSubscription(
  ctx: RequestContext,
  path: Record<string, string>,
): Stripe.Subscription {
  const record = subscriptionFor(ctx, path.id ?? "");
  const sub = record.obj;
  checkOwnedByPlatform(ctx, sub);
  const p = params(ctx);
  if (sub.status === "canceled") {
    throw invalidRequest(
      "A canceled subscription can only update its cancellation_details and metadata.",
      undefined,
      "invalid_canceled_subscription_fields",
    );
  }
  const before = structuredClone(sub);
  const atEnd = p.bool("cancel_at_period_end");
  if (atEnd !== undefined) {
    sub.cancel_at_period_end = atEnd;
    sub.cancel_at = atEnd ? (sub.items.data[0]?.current_period_end ?? null) : null;
    sub.canceled_at = atEnd ? ctx.emu.now() : null;
  }
  if (p.raw.cancel_at !== undefined) {
    p.honour("cancel_at");
    const raw = p.raw.cancel_at;
    if (raw === "") sub.cancel_at = null;
    else if (raw === "max_period_end" || raw === "min_period_end" || raw === "max_billed_until")
      sub.cancel_at = sub.items.data[0]?.current_period_end ?? null;
    else {
      const at = p.int("cancel_at") ?? null;
      if (at !== null && at <= ctx.emu.now())
        throw invalidRequest("cancel_at must be in the future.", "cancel_at");
      sub.cancel_at = at;
    }
    if (sub.cancel_at === null) sub.cancel_at_period_end = false;
  }
  const details = p.obj("cancellation_details");
  if (details) {
    const comment = details.str("comment");
    if (comment !== undefined)
      sub.cancellation_details = { ...sub.cancellation_details!, comment: comment || null };
    const feedback = details.str("feedback");
    if (feedback !== undefined)
      sub.cancellation_details = {
        ...sub.cancellation_details!,
        feedback: (feedback || null) as Stripe.Subscription.CancellationDetails.Feedback | null,
      };
  }
  const pm = p.str("default_payment_method");
  if (pm !== undefined) {
    if (pm && !ctx.emu.store.state.savedCards[pm])
      throw resourceMissing("payment_method", pm, "default_payment_method");
    sub.default_payment_method = pm || null;
  }
  const description = p.str("description");
  if (description !== undefined) sub.description = description || null;
  sub.metadata = mergeMetadata(sub.metadata, p.map("metadata"));
  if (p.raw.application_fee_percent !== undefined) {
    p.honour("application_fee_percent");
    sub.application_fee_percent =
      p.raw.application_fee_percent === ""
        ? null
        : feePercent(p.str("application_fee_percent"), ctx, "application_fee_percent");
  }
  const pause = p.raw.pause_collection;
  if (pause !== undefined) {
    p.honour("pause_collection");
    if (pause === "") sub.pause_collection = null;
    else {
      const pp = p.obj("pause_collection");
      const behavior = pp?.oneOf("behavior", ["keep_as_draft", "mark_uncollectible", "void"]);
      if (!behavior) throw missingParam("pause_collection[behavior]");
      sub.pause_collection = { behavior, resumes_at: pp?.int("resumes_at") ?? null };
    }
  }
  ctx.emu.store.markDirty();
  const previous = previousAttributes(before, sub);
  if (Object.keys(previous).length > 0)
    emit(ctx.emu, {
      type: "customer.subscription.updated",
      object: sub,
      account: ctx.account,
      previous,
      request: requestInfo(ctx),
    });
  return sub;
}

function cancelSubscription(
  ctx: RequestContext,
  path: Record<string, string>,
): Stripe.Subscription {
  const record = subscriptionFor(ctx, path.id ?? "");
  checkOwnedByPlatform(ctx, record.obj);
  const p = params(ctx);
  if (record.obj.status === "canceled")
    throw invalidRequest(
      `No such subscription: '${record.obj.id}' is already canceled.`,
      undefined,
      "resource_missing",
    );
  const details = p.obj("cancellation_details");
  const comment = details?.str("comment");
  const feedback = details?.str("feedback");
  p.bool("invoice_now");
  p.bool("prorate");
  record.obj.cancellation_details = {
    comment: comment || null,
    feedback: (feedback || null) as Stripe.Subscription.CancellationDetails.Feedback | null,
    feedback_option: null,
    reason: null,
  };
  return cancelNow(ctx.emu, record, requestInfo(ctx), "cancellation_requested");
}

function listSubscriptions(ctx: RequestContext): Stripe.ApiList<Stripe.Subscription> {
  const p = params(ctx);
  const customer = p.str("customer");
  const price = p.str("price") ?? p.str("plan");
  const status = p.str("status");
  const items = ctx.emu.store.list(
    ctx.emu.store.state.subscriptions,
    ctx.account,
    (s) =>
      (!customer || s.customer === customer) &&
      (!price || s.items.data.some((i) => i.price.id === price)) &&
      // Without `status`, Stripe lists every subscription that is not canceled.
      (status === "all" || (status ? s.status === status : s.status !== "canceled")),
  );
  return paginate(items, p, "/v1/subscriptions");
}

// Invoices ---------------------------------------------------------------------------------

function retrieveInvoice(ctx: RequestContext, path: Record<string, string>): Stripe.Invoice {
  return findOwned(ctx, ctx.emu.store.state.invoices, path.id ?? "", "invoice").obj;
}

function listInvoices(ctx: RequestContext): Stripe.ApiList<Stripe.Invoice> {
  const p = params(ctx);
  const customer = p.str("customer");
  const subscription = p.str("subscription");
  const status = p.str("status");
  const method = p.str("collection_method");
  const items = ctx.emu.store.list(
    ctx.emu.store.state.invoices,
    ctx.account,
    (i) =>
      (!customer || i.customer === customer) &&
      (!subscription || i.parent?.subscription_details?.subscription === subscription) &&
      (!status || i.status === status) &&
      (!method || i.collection_method === method),
  );
  return paginate(items, p, "/v1/invoices");
}

// Customer portal --------------------------------------------------------------------------

function createPortalSession(ctx: RequestContext): Stripe.BillingPortal.Session {
  const p = params(ctx);
  const customerId = p.str("customer");
  if (!customerId) throw missingParam("customer");
  customerFor(ctx, customerId, "customer");
  const configuration = p.str("configuration");
  if (configuration && configuration !== PORTAL_CONFIGURATION)
    throw resourceMissing("billing_portal.configuration", configuration, "configuration");
  const returnUrl = p.str("return_url") ?? null;
  if (returnUrl) checkRedirectUrl(returnUrl, "return_url");
  const token = randomText(24);
  const created = ctx.emu.now();
  ctx.emu.store.state.portalSessions[token] = {
    token,
    owner: ctx.account,
    customer: customerId,
    returnUrl,
    created,
  };
  ctx.emu.store.markDirty();
  return {
    id: newId("bps"),
    object: "billing_portal.session",
    configuration: PORTAL_CONFIGURATION,
    created,
    customer: customerId,
    customer_account: null,
    flow: null,
    livemode: false,
    locale: (p.str("locale") as Stripe.BillingPortal.Session.Locale | undefined) ?? null,
    on_behalf_of: p.str("on_behalf_of") ?? null,
    return_url: returnUrl,
    url: `${ctx.emu.baseUrl}/p/session/${token}`,
  } satisfies Stripe.BillingPortal.Session;
}

export function registerBilling(api: ApiRouter): void {
  api.operation("customers.create", createCustomerApi);
  api.operation("customers.list", listCustomers);
  api.operation("customers.retrieve", retrieveCustomer);
  api.operation("customers.update", updateCustomer);
  api.operation("prices.create", createPrice);
  api.operation("prices.list", listPrices);
  api.operation("prices.retrieve", retrievePrice);
  api.operation("prices.update", updatePrice);
  api.operation("subscriptions.list", listSubscriptions);
  api.operation("subscriptions.retrieve", retrieveSubscription);
  api.operation("subscriptions.update", updateSubscription);
  api.operation("subscriptions.cancel", cancelSubscription);
  api.operation("invoices.list", listInvoices);
  api.operation("invoices.retrieve", retrieveInvoice);
  api.operation("billingPortal.sessions.create", createPortalSession);
}
