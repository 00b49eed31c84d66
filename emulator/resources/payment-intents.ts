// PaymentIntents: create / retrieve / update / list / confirm / cancel / capture.

import type Stripe from "stripe";
import { cardForPaymentMethod } from "../cards";
import type { RequestContext } from "../context";
import { emit, requestInfo } from "../events";
import type { ApiRouter } from "../http/api";
import { ApiError, invalidRequest, missingParam, resourceMissing } from "../http/errors";
import { mergeMetadata, type Params } from "../http/params";
import { describeMinimum, minimumAmount, SUPPORTED_CURRENCIES } from "../money";
import { capturePayment, confirmPayment, createPaymentIntent } from "../payments";
import type { Owned } from "../store";
import { findOwned, paginate, params } from "./shared";

export function checkAmount(amount: number, currency: string, param = "amount"): void {
  if (amount < minimumAmount(currency)) {
    throw new ApiError(400, {
      type: "invalid_request_error",
      code: "amount_too_small",
      param,
      message: `Amount must be at least ${describeMinimum(currency)}`,
    });
  }
  if (amount > 99_999_999) {
    throw new ApiError(400, {
      type: "invalid_request_error",
      code: "amount_too_large",
      param,
      message: "Amount must be no more than 999,999.99",
    });
  }
}

export function checkCurrency(currency: string, param = "currency"): string {
  const c = currency.toLowerCase();
  if (!SUPPORTED_CURRENCIES.has(c))
    throw invalidRequest(
      `Invalid currency: ${currency}. Stripe currently supports these currencies: ${[...SUPPORTED_CURRENCIES].join(", ")}`,
      param,
    );
  return c;
}

/** Application fees only exist on direct charges, i.e. requests made with Stripe-Account. */
export function checkApplicationFee(
  ctx: RequestContext,
  fee: number | undefined,
  amount: number,
  param: string,
): number | null {
  if (fee === undefined) return null;
  if (!ctx.account) {
    throw invalidRequest(
      "Can only apply an application_fee_amount when the PaymentIntent is attempting a direct payment (using an OAuth key or Stripe-Account header) or destination payment (using `transfer_data[destination]`).",
      param,
    );
  }
  if (fee < 0)
    throw invalidRequest(
      "Application fee amount must be a non-negative integer.",
      param,
      "parameter_invalid_integer",
    );
  if (fee > amount)
    throw invalidRequest(
      `The application fee (${fee}) cannot be greater than the amount (${amount}).`,
      param,
    );
  return fee;
}

/** A direct charge needs the account to be able to take payments. */
export function checkCanCharge(ctx: RequestContext): void {
  if (!ctx.account) return;
  const account = ctx.emu.store.state.accounts[ctx.account]?.obj;
  if (account && !account.charges_enabled) {
    throw new ApiError(400, {
      type: "invalid_request_error",
      message: `Your destination account needs to have at least one of the following capabilities enabled: card_payments. The account ${account.id} cannot currently make charges (charges_enabled is false); it has not completed onboarding.`,
    });
  }
}

function cardFor(pm: string): string {
  const card = cardForPaymentMethod(pm);
  if (!card) throw resourceMissing("PaymentMethod", pm, "payment_method");
  return card;
}

function confirm(
  ctx: RequestContext,
  record: Owned<Stripe.PaymentIntent>,
  p: Params,
): Stripe.PaymentIntent {
  const pi = record.obj;
  if (
    !["requires_payment_method", "requires_confirmation", "requires_action"].includes(pi.status)
  ) {
    throw new ApiError(400, {
      type: "invalid_request_error",
      code: "payment_intent_unexpected_state",
      message: `This PaymentIntent's payment_method could not be updated because it has a status of ${pi.status}. You may only update the payment_method of a PaymentIntent with one of the following statuses: requires_payment_method, requires_confirmation, requires_action.`,
    });
  }
  const pm =
    p.str("payment_method") ?? (typeof pi.payment_method === "string" ? pi.payment_method : null);
  if (!pm) {
    throw new ApiError(400, {
      type: "invalid_request_error",
      code: "payment_intent_unexpected_state",
      message:
        "You cannot confirm this PaymentIntent because it's missing a payment method. To confirm the PaymentIntent with cus_xxx, specify a payment method attached to this customer along with the customer ID.",
    });
  }
  const card = cardFor(pm);
  const email = p.str("receipt_email");
  if (email) pi.receipt_email = email;
  ctx.emu.store.markDirty();
  return confirmPayment(
    ctx.emu,
    record,
    card,
    pm,
    { email: pi.receipt_email, name: null, address: null },
    requestInfo(ctx),
  );
}

function create(ctx: RequestContext): Stripe.PaymentIntent {
  const p = params(ctx);
  const amount = p.reqInt("amount");
  const currency = checkCurrency(p.reqStr("currency"));
  checkAmount(amount, currency);
  const fee = checkApplicationFee(
    ctx,
    p.int("application_fee_amount"),
    amount,
    "application_fee_amount",
  );
  checkCanCharge(ctx);
  const pm = p.str("payment_method");
  if (pm) cardFor(pm);
  const record = createPaymentIntent(
    ctx.emu,
    {
      owner: ctx.account,
      amount,
      currency,
      applicationFeeAmount: fee,
      captureMethod:
        p.oneOf("capture_method", ["automatic", "automatic_async", "manual"]) ?? "automatic_async",
      description: p.str("description") ?? null,
      metadata: mergeMetadata({}, p.map("metadata")),
      receiptEmail: p.str("receipt_email") ?? null,
      paymentMethodTypes: p.strings("allowed_payment_method_types").length
        ? p.strings("allowed_payment_method_types")
        : ["card"],
      statementDescriptorSuffix: p.str("statement_descriptor_suffix") ?? null,
    },
    requestInfo(ctx),
  );
  if (p.strings("allowed_payment_method_types").length)
    record.obj.allowed_payment_method_types = p.strings("allowed_payment_method_types");
  // Separate charges and transfers: the group the platform's transfers will name.
  record.obj.transfer_group = p.str("transfer_group") ?? null;
  if (pm) {
    record.obj.payment_method = pm;
    record.obj.status = "requires_confirmation";
  }
  const automatic = p.obj("automatic_payment_methods");
  if (automatic) {
    const enabled = automatic.bool("enabled");
    if (enabled === undefined) throw missingParam("automatic_payment_methods[enabled]");
    const redirects = automatic.oneOf("allow_redirects", ["always", "never"]) ?? "always";
    if (enabled) record.obj.automatic_payment_methods = { allow_redirects: redirects, enabled };
  }
  if (p.bool("confirm")) return confirm(ctx, record, p);
  return record.obj;
}

function retrieve(ctx: RequestContext, path: Record<string, string>): Stripe.PaymentIntent {
  return findOwned(ctx, ctx.emu.store.state.paymentIntents, path.id ?? "", "payment_intent").obj;
}

function update(ctx: RequestContext, path: Record<string, string>): Stripe.PaymentIntent {
  const record = findOwned(
    ctx,
    ctx.emu.store.state.paymentIntents,
    path.id ?? "",
    "payment_intent",
  );
  const pi = record.obj;
  const p = params(ctx);
  const changesMoney =
    p.has("amount") ||
    p.has("currency") ||
    p.has("application_fee_amount") ||
    p.has("payment_method");
  if (
    changesMoney &&
    !["requires_payment_method", "requires_confirmation", "requires_action"].includes(pi.status)
  ) {
    throw new ApiError(400, {
      type: "invalid_request_error",
      code: "payment_intent_unexpected_state",
      message: `You cannot update this PaymentIntent because it has a status of ${pi.status}.`,
    });
  }
  const amount = p.int("amount");
  const currency = p.str("currency");
  if (currency) pi.currency = checkCurrency(currency);
  if (amount !== undefined) {
    checkAmount(amount, pi.currency);
    pi.amount = amount;
  }
  const fee = p.int("application_fee_amount");
  if (fee !== undefined)
    pi.application_fee_amount = checkApplicationFee(ctx, fee, pi.amount, "application_fee_amount");
  const pm = p.str("payment_method");
  if (pm) {
    cardFor(pm);
    pi.payment_method = pm;
    pi.status = "requires_confirmation";
  }
  const description = p.str("description");
  if (description !== undefined) pi.description = description || null;
  const group = p.str("transfer_group");
  if (group !== undefined) pi.transfer_group = group || null;
  const email = p.str("receipt_email");
  if (email !== undefined) pi.receipt_email = email || null;
  pi.metadata = mergeMetadata(pi.metadata, p.map("metadata"));
  ctx.emu.store.markDirty();
  return pi;
}

function list(ctx: RequestContext): Stripe.ApiList<Stripe.PaymentIntent> {
  const items = ctx.emu.store.list(ctx.emu.store.state.paymentIntents, ctx.account);
  return paginate(items, params(ctx), "/v1/payment_intents");
}

function confirmRoute(ctx: RequestContext, path: Record<string, string>): Stripe.PaymentIntent {
  const record = findOwned(
    ctx,
    ctx.emu.store.state.paymentIntents,
    path.id ?? "",
    "payment_intent",
  );
  return confirm(ctx, record, params(ctx));
}

function cancel(ctx: RequestContext, path: Record<string, string>): Stripe.PaymentIntent {
  const record = findOwned(
    ctx,
    ctx.emu.store.state.paymentIntents,
    path.id ?? "",
    "payment_intent",
  );
  const pi = record.obj;
  if (["succeeded", "canceled", "processing"].includes(pi.status)) {
    throw new ApiError(400, {
      type: "invalid_request_error",
      code: "payment_intent_unexpected_state",
      message: `You cannot cancel this PaymentIntent because it has a status of ${pi.status}. Only a PaymentIntent with one of the following statuses may be canceled: requires_payment_method, requires_capture, requires_confirmation, requires_action, processing.`,
    });
  }
  const reason = params(ctx).oneOf("cancellation_reason", [
    "abandoned",
    "duplicate",
    "fraudulent",
    "requested_by_customer",
  ]);
  pi.status = "canceled";
  pi.canceled_at = ctx.emu.now();
  pi.cancellation_reason = reason ?? null;
  pi.amount_capturable = 0;
  ctx.emu.store.markDirty();
  emit(ctx.emu, {
    type: "payment_intent.canceled",
    object: pi,
    account: record.owner,
    request: requestInfo(ctx),
  });
  return pi;
}

function capture(ctx: RequestContext, path: Record<string, string>): Stripe.PaymentIntent {
  const record = findOwned(
    ctx,
    ctx.emu.store.state.paymentIntents,
    path.id ?? "",
    "payment_intent",
  );
  const p = params(ctx);
  return capturePayment(
    ctx.emu,
    record,
    p.int("amount_to_capture"),
    p.int("application_fee_amount"),
    requestInfo(ctx),
  );
}

export function registerPaymentIntents(api: ApiRouter): void {
  api.operation("paymentIntents.create", create);
  api.operation("paymentIntents.list", list);
  api.operation("paymentIntents.retrieve", retrieve);
  api.operation("paymentIntents.update", update);
  api.operation("paymentIntents.confirm", confirmRoute);
  api.operation("paymentIntents.cancel", cancel);
  api.operation("paymentIntents.capture", capture);
}
