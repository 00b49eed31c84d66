// Recurring billing: customers with a saved card, subscriptions created by Checkout in
// `mode=subscription`, one invoice per period paid from the saved card (the platform's
// `application_fee_percent` taken from each), renewals when the clock passes a period's end,
// failed renewals (past_due) recovered by a new card, and cancellation now or at period end.

import type Stripe from "stripe";
import { canSaveCard, chargeCard } from "./cards";
import type { Emulator } from "./context";
import { emit, previousAttributes, type EmitInput, type EventType } from "./events";
import { ApiError } from "./http/errors";
import { newId, randomText } from "./ids";
import { formatAmount } from "./money";
import { confirmPayment, createPaymentIntent, cardError, type RequestRef } from "./payments";
import { couponApplies, findCoupon } from "./resources/discounts";
import { findProduct } from "./resources/products";
import type { SessionRecord, SubscriptionRecord } from "./store";
import { taxOutcome } from "./pricing";
import { taxOn } from "./tax-table";

const DAY = 24 * 3600;

/** The end of a billing period: calendar months and years, as Stripe bills them. */
export function addInterval(
  start: number,
  interval: Stripe.Price.Recurring.Interval,
  count: number,
): number {
  if (interval === "day") return start + count * DAY;
  if (interval === "week") return start + count * 7 * DAY;
  const d = new Date(start * 1000);
  const months = interval === "year" ? 12 * count : count;
  const day = d.getUTCDate();
  const target = new Date(
    Date.UTC(
      d.getUTCFullYear(),
      d.getUTCMonth() + months,
      1,
      d.getUTCHours(),
      d.getUTCMinutes(),
      d.getUTCSeconds(),
    ),
  );
  // The same day of the month, or the month's last day (Jan 31 → Feb 28).
  const last = new Date(
    Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0),
  ).getUTCDate();
  target.setUTCDate(Math.min(day, last));
  return Math.floor(target.getTime() / 1000);
}

// Customers --------------------------------------------------------------------------------

export interface NewCustomer {
  owner: string | null;
  email: string | null;
  name: string | null;
  phone: string | null;
  description: string | null;
  address: Stripe.Address | null;
  metadata: Record<string, string>;
}

export function createCustomer(
  emu: Emulator,
  input: NewCustomer,
  request: RequestRef,
): Stripe.Customer {
  const id = newId("cus");
  const customer = {
    id,
    object: "customer",
    address: input.address,
    balance: 0,
    created: emu.now(),
    currency: null,
    default_source: null,
    delinquent: false,
    description: input.description,
    email: input.email,
    invoice_prefix: randomText(8).toUpperCase(),
    invoice_settings: {
      custom_fields: null,
      default_payment_method: null,
      footer: null,
      rendering_options: null,
    },
    livemode: false,
    metadata: input.metadata,
    name: input.name,
    next_invoice_sequence: 1,
    phone: input.phone,
    preferred_locales: [],
    shipping: null,
    tax_exempt: "none",
    test_clock: null,
  } satisfies Stripe.Customer;
  emu.store.state.customers[id] = { owner: input.owner, seq: emu.store.nextSeq(), obj: customer };
  emu.store.markDirty();
  emit(emu, { type: "customer.created", object: customer, account: input.owner, request });
  return customer;
}

/** Saves a card as a PaymentMethod of the customer and makes it the default for invoices. */
export function saveCard(
  emu: Emulator,
  owner: string | null,
  customer: Stripe.Customer,
  cardNumber: string,
  request: RequestRef,
): string {
  const outcome = canSaveCard(cardNumber);
  if (!outcome.ok) throw cardError(outcome, {});
  const pm = newId("pm");
  emu.store.state.savedCards[pm] = cardNumber;
  const before = structuredClone(customer);
  customer.invoice_settings.default_payment_method = pm;
  emu.store.markDirty();
  emit(emu, {
    type: "customer.updated",
    object: customer,
    account: owner,
    previous: previousAttributes(before, customer),
    request,
  });
  return pm;
}

// Invoices ---------------------------------------------------------------------------------

interface InvoiceLineInput {
  price: Stripe.Price;
  quantity: number;
  description: string;
  /** Before discount and tax. */
  amount: number;
  discount: number;
  tax: number;
  taxBehavior: "exclusive" | "inclusive";
  subscriptionItem: string | null;
}

function invoiceLine(
  invoiceId: string,
  sub: Stripe.Subscription,
  line: InvoiceLineInput,
  period: { start: number; end: number },
): Stripe.InvoiceLineItem {
  return {
    id: newId("il"),
    object: "line_item",
    amount: line.amount,
    currency: line.price.currency,
    description: line.description,
    discount_amounts: [],
    discountable: true,
    discounts: [],
    invoice: invoiceId,
    livemode: false,
    metadata: {},
    parent: {
      invoice_item_details: null,
      subscription_item_details: line.subscriptionItem
        ? {
            invoice_item: null,
            proration: false,
            proration_details: { credited_items: null },
            subscription: sub.id,
            subscription_item: line.subscriptionItem,
          }
        : null,
      type: line.subscriptionItem ? "subscription_item_details" : "invoice_item_details",
    },
    period,
    pretax_credit_amounts: [],
    pricing: {
      price_details: { price: line.price.id, product: String(line.price.product) },
      type: "price_details",
      unit_amount_decimal: String(line.price.unit_amount ?? 0) as unknown as Stripe.Decimal,
    },
    quantity: line.quantity,
    quantity_decimal: String(line.quantity) as unknown as Stripe.Decimal,
    subscription: sub.id,
    subtotal: line.amount,
    taxes: [],
  } satisfies Stripe.InvoiceLineItem;
}

function emitAs<T extends EventType>(emu: Emulator, input: EmitInput<T>): void {
  emit(emu, input);
}

/**
 * Creates a subscription's invoice for a period, finalises it and tries to pay it from the
 * customer's default card. Returns the invoice (paid, or open after a failed attempt).
 */
function billPeriod(
  emu: Emulator,
  record: SubscriptionRecord,
  lines: InvoiceLineInput[],
  period: { start: number; end: number },
  reason: Stripe.Invoice.BillingReason,
  request: RequestRef,
  paidAlready: { paymentIntent: string } | null,
): Stripe.Invoice {
  const sub = record.obj;
  const owner = record.owner;
  const customer = emu.store.state.customers[String(sub.customer)]?.obj;
  const id = newId("in");
  const now = emu.now();
  const subtotal = lines.reduce((s, l) => s + l.amount, 0);
  const discount = lines.reduce((s, l) => s + l.discount, 0);
  const exclusiveTax = lines.reduce((s, l) => s + (l.taxBehavior === "exclusive" ? l.tax : 0), 0);
  const tax = lines.reduce((s, l) => s + l.tax, 0);
  const total = subtotal - discount + exclusiveTax;
  const sequence = customer?.next_invoice_sequence ?? 1;
  if (customer) customer.next_invoice_sequence = sequence + 1;
  const invoice = {
    id,
    object: "invoice",
    account_country: "US",
    account_name: null,
    account_tax_ids: null,
    amount_due: total,
    amount_overpaid: 0,
    amount_paid: 0,
    amount_remaining: total,
    amount_shipping: 0,
    application: owner ? emu.config.clientId : null,
    attempt_count: 0,
    attempted: false,
    auto_advance: true,
    automatic_tax: {
      disabled_reason: null,
      enabled: record.automaticTax,
      liability: record.automaticTax ? { type: "self" } : null,
      provider: record.automaticTax ? "stripe" : null,
      status: record.automaticTax ? "complete" : null,
    },
    automatically_finalizes_at: null,
    billing_reason: reason,
    collection_method: "charge_automatically",
    created: now,
    currency: sub.currency,
    custom_fields: null,
    customer: String(sub.customer),
    customer_account: null,
    customer_address: customer?.address ?? null,
    customer_email: customer?.email ?? null,
    customer_name: customer?.name ?? null,
    customer_phone: customer?.phone ?? null,
    customer_shipping: null,
    customer_tax_exempt: "none",
    customer_tax_ids: [],
    default_payment_method: null,
    default_source: null,
    default_tax_rates: [],
    description: null,
    discounts: [],
    due_date: null,
    effective_at: now,
    ending_balance: 0,
    footer: null,
    from_invoice: null,
    hosted_invoice_url: `${emu.baseUrl}/i/${id}`,
    invoice_pdf: null,
    issuer: { type: "self" },
    last_finalization_error: null,
    latest_revision: null,
    lines: {
      object: "list",
      data: lines.map((l) => invoiceLine(id, sub, l, period)),
      has_more: false,
      url: `/v1/invoices/${id}/lines`,
    },
    livemode: false,
    metadata: {},
    next_payment_attempt: null,
    number: `${customer?.invoice_prefix ?? "EMU"}-${String(sequence).padStart(4, "0")}`,
    on_behalf_of: null,
    parent: {
      quote_details: null,
      subscription_details: { metadata: { ...sub.metadata }, subscription: sub.id },
      type: "subscription_details",
    },
    payment_settings: {
      default_mandate: null,
      payment_method_options: null,
      payment_method_types: null,
    },
    period_end: period.end,
    period_start: period.start,
    post_payment_credit_notes_amount: 0,
    pre_payment_credit_notes_amount: 0,
    receipt_number: null,
    rendering: null,
    shipping_cost: null,
    shipping_details: null,
    starting_balance: 0,
    statement_descriptor: null,
    status: "open",
    status_transitions: {
      finalized_at: now,
      marked_uncollectible_at: null,
      paid_at: null,
      voided_at: null,
    },
    subtotal,
    subtotal_excluding_tax: subtotal - (tax - exclusiveTax),
    test_clock: null,
    total,
    total_discount_amounts: [],
    total_excluding_tax: total - tax,
    total_pretax_credit_amounts: [],
    total_taxes: [],
    webhooks_delivered_at: now,
  } satisfies Stripe.Invoice;
  emu.store.state.invoices[id] = { owner, seq: emu.store.nextSeq(), obj: invoice };
  sub.latest_invoice = id;
  record.invoicesBilled += 1;
  emu.store.markDirty();
  emitAs(emu, { type: "invoice.created", object: invoice, account: owner, request });
  emitAs(emu, { type: "invoice.finalized", object: invoice, account: owner, request });
  if (paidAlready || total === 0) {
    markPaid(emu, record, invoice, request);
    return invoice;
  }
  attemptPayment(emu, record, invoice, request);
  return invoice;
}

function markPaid(
  emu: Emulator,
  record: SubscriptionRecord,
  invoice: Stripe.Invoice,
  request: RequestRef,
): void {
  invoice.status = "paid";
  invoice.amount_paid = invoice.amount_due;
  invoice.amount_remaining = 0;
  invoice.attempted = true;
  invoice.next_payment_attempt = null;
  invoice.status_transitions.paid_at = emu.now();
  emu.store.markDirty();
  emitAs(emu, { type: "invoice.paid", object: invoice, account: record.owner, request });
  emitAs(emu, {
    type: "invoice.payment_succeeded",
    object: invoice,
    account: record.owner,
    request,
  });
}

/** The application fee on an invoice: the subscription's percent of its total (tax included). */
function feeFor(sub: Stripe.Subscription, amount: number): number | null {
  if (sub.application_fee_percent === null) return null;
  return Math.round((amount * sub.application_fee_percent) / 100);
}

/** Charges an open invoice from the customer's default card; true when it was paid. */
export function attemptPayment(
  emu: Emulator,
  record: SubscriptionRecord,
  invoice: Stripe.Invoice,
  request: RequestRef,
): boolean {
  const sub = record.obj;
  const owner = record.owner;
  const customer = emu.store.state.customers[String(sub.customer)]?.obj;
  const pm =
    (typeof sub.default_payment_method === "string" ? sub.default_payment_method : null) ??
    (typeof customer?.invoice_settings.default_payment_method === "string"
      ? customer.invoice_settings.default_payment_method
      : null);
  const card = pm ? emu.store.state.savedCards[pm] : undefined;
  invoice.attempt_count += 1;
  invoice.attempted = true;
  const pi = createPaymentIntent(
    emu,
    {
      owner,
      amount: invoice.amount_due,
      currency: invoice.currency,
      applicationFeeAmount: owner ? feeFor(sub, invoice.amount_due) : null,
      captureMethod: "automatic",
      description: `Subscription ${invoice.billing_reason === "subscription_create" ? "creation" : "update"}`,
      metadata: {},
      receiptEmail: customer?.email ?? null,
      paymentMethodTypes: ["card"],
      statementDescriptorSuffix: null,
    },
    request,
  );
  pi.obj.customer = String(sub.customer);
  let paid = false;
  if (card) {
    try {
      confirmPayment(
        emu,
        pi,
        card,
        pm ?? "",
        { email: customer?.email ?? null, name: customer?.name ?? null, address: null },
        request,
      );
      paid = true;
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
    }
  }
  const before = structuredClone(sub);
  if (paid) {
    markPaid(emu, record, invoice, request);
    if (sub.status === "past_due" || sub.status === "incomplete" || sub.status === "trialing")
      sub.status = "active";
  } else {
    invoice.next_payment_attempt = null;
    emitAs(emu, { type: "invoice.payment_failed", object: invoice, account: owner, request });
    if (sub.status === "active" || sub.status === "trialing") sub.status = "past_due";
  }
  const previous = previousAttributes(before, sub);
  if (Object.keys(previous).length > 0)
    emitAs(emu, {
      type: "customer.subscription.updated",
      object: sub,
      account: owner,
      previous,
      request,
    });
  emu.store.markDirty();
  return paid;
}

// Subscriptions ----------------------------------------------------------------------------

function lineAmounts(
  emu: Emulator,
  record: SubscriptionRecord,
  prices: { price: Stripe.Price; quantity: number; item: string | null; name: string }[],
  withDiscount: boolean,
): InvoiceLineInput[] {
  const coupon =
    withDiscount && record.coupon ? findCoupon(emu, record.owner, record.coupon)?.obj : undefined;
  const base = prices.map((p) => (p.price.unit_amount ?? 0) * p.quantity);
  const eligible = base.map((amount, i) =>
    coupon && couponApplies(coupon, String(prices[i]?.price.product)) ? amount : 0,
  );
  const eligibleTotal = eligible.reduce((a, b) => a + b, 0);
  let discountTotal = 0;
  if (coupon && eligibleTotal > 0)
    discountTotal =
      coupon.percent_off !== null
        ? Math.round((eligibleTotal * coupon.percent_off) / 100)
        : Math.min(eligibleTotal, coupon.amount_off ?? 0);
  let given = 0;
  const lastEligible = eligible.reduce((last, a, i) => (a > 0 ? i : last), -1);
  return prices.map((p, i) => {
    const amount = base[i] ?? 0;
    const share =
      eligible[i] === 0 || eligibleTotal === 0
        ? 0
        : i === lastEligible
          ? discountTotal - given
          : Math.floor((discountTotal * (eligible[i] ?? 0)) / eligibleTotal);
    given += share;
    const behavior = record.taxBehaviors[i] ?? "exclusive";
    const outcome = record.automaticTax
      ? taxOutcome(emu, record.owner, record.taxAddress, behavior === "inclusive")
      : null;
    const tax = outcome ? taxOn(amount - share, outcome.percentage, behavior === "inclusive") : 0;
    return {
      price: p.price,
      quantity: p.quantity,
      description: p.price.recurring
        ? `${p.quantity} × ${p.name} (at ${formatAmount(p.price.unit_amount ?? 0, p.price.currency)} / ${p.price.recurring.interval})`
        : p.name,
      amount,
      discount: share,
      tax,
      taxBehavior: behavior,
      subscriptionItem: p.item,
    };
  });
}

/** Whether the session's coupon still discounts an invoice (its duration). */
function couponStillApplies(emu: Emulator, record: SubscriptionRecord): boolean {
  if (!record.coupon) return false;
  const coupon = findCoupon(emu, record.owner, record.coupon)?.obj;
  if (!coupon) return false;
  if (coupon.duration === "forever") return true;
  if (coupon.duration === "repeating") {
    const months = coupon.duration_in_months ?? 0;
    return addInterval(record.obj.start_date, "month", months) > emu.now();
  }
  return false;
}

function itemPrices(emu: Emulator, owner: string | null, sub: Stripe.Subscription) {
  return sub.items.data.map((item) => ({
    price: item.price,
    quantity: item.quantity ?? 1,
    item: item.id,
    name: findProduct(emu, owner, String(item.price.product))?.obj.name ?? "Subscription",
  }));
}

export interface CheckoutSubscriptionInput {
  owner: string | null;
  record: SessionRecord;
  card: string;
  email: string | null;
  name: string | null;
  address: Stripe.Address | null;
  request: RequestRef;
}

/**
 * Completes a `mode=subscription` session: charges (or, with a trial, saves) the card, then
 * creates the customer, the subscription and its first invoice. A decline throws the card
 * error and creates nothing but the failed PaymentIntent, as Checkout keeps the session open.
 */
export function completeSubscriptionCheckout(
  emu: Emulator,
  input: CheckoutSubscriptionInput,
): { customer: Stripe.Customer; subscription: Stripe.Subscription; invoice: Stripe.Invoice } {
  const { owner, record, request } = input;
  const session = record.obj;
  const data = record.subscriptionData;
  if (!data) throw new Error("not a subscription session");
  const now = emu.now();
  const outcome = canSaveCard(input.card);
  if (!outcome.ok) throw cardError(outcome, {});
  // Without a trial the first invoice is charged now: a declined card stops here, before
  // anything is created, and Checkout shows the decline.
  const chargedNow =
    !data.trialPeriodDays || record.lineItems.some((li) => li.price?.type !== "recurring");
  if (chargedNow) {
    const charge = chargeCard(input.card);
    if (!charge.ok) throw cardError(charge, {});
  }

  const existing =
    typeof session.customer === "string" ? emu.store.state.customers[session.customer]?.obj : null;
  const customer =
    existing ??
    createCustomer(
      emu,
      {
        owner,
        email: input.email,
        name: input.name,
        phone: null,
        description: null,
        address: input.address,
        metadata: {},
      },
      request,
    );
  const pm = saveCard(emu, owner, customer, input.card, request);

  const recurring = record.lineItems.filter((li) => li.price?.type === "recurring");
  const oneTime = record.lineItems.filter((li) => li.price?.type !== "recurring");
  const first = recurring[0]?.price?.recurring;
  const interval = first?.interval ?? "month";
  const count = first?.interval_count ?? 1;
  const trialEnd = data.trialPeriodDays ? now + data.trialPeriodDays * DAY : null;
  const periodEnd = trialEnd ?? addInterval(now, interval, count);
  const id = newId("sub");
  const items: Stripe.SubscriptionItem[] = recurring.map((li) => {
    const price = li.price as Stripe.Price;
    return {
      id: newId("si"),
      object: "subscription_item",
      billing_thresholds: null,
      created: now,
      current_period_end: periodEnd,
      current_period_start: now,
      current_trial: null,
      discounts: [],
      metadata: {},
      plan: {
        id: price.id,
        object: "plan",
        active: true,
        amount: price.unit_amount,
        amount_decimal: price.unit_amount_decimal,
        billing_scheme: "per_unit",
        created: price.created,
        currency: price.currency,
        interval: price.recurring?.interval ?? "month",
        interval_count: price.recurring?.interval_count ?? 1,
        livemode: false,
        metadata: {},
        meter: null,
        nickname: null,
        product: price.product as string,
        tiers_mode: null,
        transform_usage: null,
        trial_period_days: null,
        usage_type: "licensed",
      },
      price,
      quantity: li.quantity ?? 1,
      subscription: id,
      tax_rates: [],
    } satisfies Stripe.SubscriptionItem;
  });
  const subscription = {
    id,
    object: "subscription",
    application: owner ? emu.config.clientId : null,
    application_fee_percent: data.applicationFeePercent,
    automatic_tax: {
      disabled_reason: null,
      enabled: record.pricing?.automaticTax ?? false,
      liability: record.pricing?.automaticTax ? { type: "self" } : null,
    },
    billing_cycle_anchor: periodEnd,
    billing_cycle_anchor_config: null,
    billing_mode: { flexible: null, type: "classic" },
    billing_schedules: [],
    billing_thresholds: null,
    cancel_at: null,
    cancel_at_period_end: false,
    canceled_at: null,
    cancellation_details: { comment: null, feedback: null, feedback_option: null, reason: null },
    collection_method: "charge_automatically",
    created: now,
    currency: session.currency ?? "usd",
    customer: customer.id,
    customer_account: null,
    days_until_due: null,
    default_payment_method: pm,
    default_source: null,
    description: data.description,
    discounts: [],
    ended_at: null,
    invoice_settings: {
      account_tax_ids: null,
      custom_fields: null,
      description: null,
      footer: null,
      issuer: { type: "self" },
    },
    items: {
      object: "list",
      data: items,
      has_more: false,
      url: `/v1/subscription_items?subscription=${id}`,
    },
    latest_invoice: null,
    livemode: false,
    managed_payments: null,
    metadata: data.metadata,
    next_pending_invoice_item_invoice: null,
    on_behalf_of: null,
    pause_collection: null,
    payment_settings: {
      payment_method_options: null,
      payment_method_types: null,
      save_default_payment_method: "off",
    },
    pending_invoice_item_interval: null,
    pending_setup_intent: null,
    pending_update: null,
    schedule: null,
    start_date: now,
    status: trialEnd ? "trialing" : "active",
    test_clock: null,
    transfer_data: null,
    trial_end: trialEnd,
    trial_settings: {
      end_behavior: { billing_cycle_anchor: null, missing_payment_method: "create_invoice" },
    },
    trial_start: trialEnd ? now : null,
  } satisfies Stripe.Subscription;
  const subRecord: SubscriptionRecord = {
    owner,
    seq: emu.store.nextSeq(),
    obj: subscription,
    taxAddress: record.pricing?.taxAddress ?? null,
    automaticTax: record.pricing?.automaticTax ?? false,
    taxBehaviors: recurring.map((li) => {
      const i = record.lineItems.indexOf(li);
      return record.pricing?.taxBehaviors[i] ?? "exclusive";
    }),
    coupon: record.pricing?.coupon ?? null,
    invoicesBilled: 0,
  };
  emu.store.state.subscriptions[id] = subRecord;
  emu.store.markDirty();
  emitAs(emu, {
    type: "customer.subscription.created",
    object: subscription,
    account: owner,
    request,
  });

  // The first invoice: the recurring items (nothing during a trial) and the one-time items.
  const recurringLines = lineAmounts(
    emu,
    subRecord,
    itemPrices(emu, owner, subscription),
    true,
  ).map((l) => (trialEnd ? { ...l, amount: 0, discount: 0, tax: 0 } : l));
  const oneTimeRecord: SubscriptionRecord = {
    ...subRecord,
    taxBehaviors: oneTime.map(
      (li) => record.pricing?.taxBehaviors[record.lineItems.indexOf(li)] ?? "exclusive",
    ),
  };
  const oneTimeLines = lineAmounts(
    emu,
    oneTimeRecord,
    oneTime.map((li) => ({
      price: li.price as Stripe.Price,
      quantity: li.quantity ?? 1,
      item: null,
      name: li.description ?? "",
    })),
    true,
  );
  const invoice = billPeriod(
    emu,
    subRecord,
    [...recurringLines, ...oneTimeLines],
    { start: now, end: periodEnd },
    "subscription_create",
    request,
    null,
  );
  if (invoice.status !== "paid") {
    // The card was declined: Checkout shows the decline and nothing is left behind.
    delete emu.store.state.subscriptions[id];
    delete emu.store.state.invoices[invoice.id];
    throw cardError(
      {
        ok: false,
        brand: outcome.brand,
        last4: outcome.last4,
        code: "card_declined",
        declineCode: "generic_decline",
        message: "Your card was declined.",
      },
      {},
    );
  }
  if (subscription.status === "trialing" && !trialEnd) subscription.status = "active";
  return { customer, subscription, invoice };
}

/** Renews every subscription whose period has ended (the clock moved): one invoice per period. */
export function renewSubscriptions(emu: Emulator): void {
  for (const record of Object.values(emu.store.state.subscriptions)) renewSubscription(emu, record);
}

/**
 * Renews one subscription for every period that has ended by its own time: the emulator's
 * clock plus how far this subscription was advanced on its own (like a test clock).
 */
export function renewSubscription(emu: Emulator, record: SubscriptionRecord): void {
  const now = emu.now() + (record.timeOffset ?? 0);
  {
    for (let guard = 0; guard < 120; guard++) {
      const sub = record.obj;
      if (!["active", "trialing", "past_due"].includes(sub.status)) break;
      const item = sub.items.data[0];
      if (!item) break;
      const end = item.current_period_end;
      if (end > now) {
        if (sub.cancel_at !== null && sub.cancel_at <= now)
          cancelNow(emu, record, null, "cancellation_requested");
        break;
      }
      if (sub.cancel_at_period_end || (sub.cancel_at !== null && sub.cancel_at <= end)) {
        cancelNow(emu, record, null, "cancellation_requested", end);
        break;
      }
      const recurring = item.price.recurring;
      const next = addInterval(end, recurring?.interval ?? "month", recurring?.interval_count ?? 1);
      const before = structuredClone(sub);
      for (const it of sub.items.data) {
        it.current_period_start = end;
        it.current_period_end = next;
      }
      if (sub.status === "trialing") sub.status = "active";
      emu.store.markDirty();
      emitAs(emu, {
        type: "customer.subscription.updated",
        object: sub,
        account: record.owner,
        previous: previousAttributes(before, sub),
        request: null,
      });
      billPeriod(
        emu,
        record,
        lineAmounts(
          emu,
          record,
          itemPrices(emu, record.owner, sub),
          couponStillApplies(emu, record),
        ),
        { start: end, end: next },
        "subscription_cycle",
        null,
        null,
      );
    }
  }
}

/** Ends a subscription now (or at `at`): status canceled, customer.subscription.deleted. */
export function cancelNow(
  emu: Emulator,
  record: SubscriptionRecord,
  request: RequestRef,
  reason: Stripe.Subscription.CancellationDetails.Reason,
  at?: number,
): Stripe.Subscription {
  const sub = record.obj;
  const when = at ?? emu.now();
  sub.status = "canceled";
  sub.canceled_at = sub.canceled_at ?? when;
  sub.ended_at = when;
  sub.cancellation_details = {
    comment: sub.cancellation_details?.comment ?? null,
    feedback: sub.cancellation_details?.feedback ?? null,
    feedback_option: sub.cancellation_details?.feedback_option ?? null,
    reason,
  };
  emu.store.markDirty();
  emitAs(emu, {
    type: "customer.subscription.deleted",
    object: sub,
    account: record.owner,
    request,
  });
  return sub;
}

/** A new card for the customer (portal): it becomes the default and open invoices are retried. */
export function updateCard(
  emu: Emulator,
  owner: string | null,
  customer: Stripe.Customer,
  cardNumber: string,
): void {
  const pm = saveCard(emu, owner, customer, cardNumber, null);
  for (const record of Object.values(emu.store.state.subscriptions)) {
    if (record.owner !== owner || record.obj.customer !== customer.id) continue;
    if (record.obj.status === "canceled") continue;
    record.obj.default_payment_method = pm;
    for (const inv of Object.values(emu.store.state.invoices)) {
      if (inv.owner !== owner || inv.obj.status !== "open") continue;
      if (inv.obj.parent?.subscription_details?.subscription !== record.obj.id) continue;
      attemptPayment(emu, record, inv.obj, null);
    }
  }
  emu.store.markDirty();
}

export const PORTAL_CONFIGURATION = "bpc_1EmulatorDefaultConfig0";
