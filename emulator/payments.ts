// PaymentIntents, charges, application fees and refunds: the part of the emulator where
// money moves. Resource handlers and hosted pages both go through here.

import type Stripe from "stripe";
import { chargeCard, type CardOutcome } from "./cards";
import type { Emulator } from "./context";
import { emit } from "./events";
import { ApiError, invalidRequest } from "./http/errors";
import { newId, randomText } from "./ids";
import { addTransaction, feeDetail } from "./ledger";
import { proRata, stripeFee } from "./money";
import { feesPaidByAccount } from "./resources/accounts";
import type { Owned } from "./store";

export type RequestRef = { id: string | null; idempotency_key: string | null } | null;

export interface NewPaymentIntent {
  owner: string | null;
  amount: number;
  currency: string;
  applicationFeeAmount: number | null;
  captureMethod: "automatic" | "automatic_async" | "manual";
  description: string | null;
  metadata: Record<string, string>;
  receiptEmail: string | null;
  paymentMethodTypes: string[];
  statementDescriptorSuffix: string | null;
}

export function createPaymentIntent(
  emu: Emulator,
  input: NewPaymentIntent,
  request: RequestRef,
): Owned<Stripe.PaymentIntent> {
  const id = newId("pi");
  const pi = {
    id,
    object: "payment_intent",
    allowed_payment_method_types: null,
    amount: input.amount,
    amount_capturable: 0,
    amount_details: { tip: {} },
    amount_received: 0,
    application: input.owner ? emu.config.clientId : null,
    application_fee_amount: input.applicationFeeAmount,
    automatic_payment_methods: null,
    canceled_at: null,
    cancellation_reason: null,
    capture_method: input.captureMethod,
    client_secret: `${id}_secret_${randomText(25)}`,
    confirmation_method: "automatic",
    created: emu.now(),
    currency: input.currency,
    customer: null,
    customer_account: null,
    description: input.description,
    excluded_payment_method_types: null,
    last_payment_error: null,
    latest_charge: null,
    livemode: false,
    managed_payments: null,
    metadata: input.metadata,
    next_action: null,
    on_behalf_of: null,
    payment_method: null,
    payment_method_configuration_details: null,
    payment_method_options: null,
    payment_method_types: input.paymentMethodTypes,
    payment_record: null,
    processing: null,
    receipt_email: input.receiptEmail,
    review: null,
    setup_future_usage: null,
    shipping: null,
    source: null,
    statement_descriptor: null,
    statement_descriptor_suffix: input.statementDescriptorSuffix,
    status: "requires_payment_method",
    transfer_data: null,
    transfer_group: null,
  } satisfies Stripe.PaymentIntent;
  const record = { owner: input.owner, seq: emu.store.nextSeq(), obj: pi };
  emu.store.state.paymentIntents[id] = record;
  emu.store.markDirty();
  emit(emu, { type: "payment_intent.created", object: pi, account: input.owner, request });
  return record;
}

export interface PayerDetails {
  email: string | null;
  name: string | null;
  address: Stripe.Address | null;
}

function emptyAddress(): Stripe.Address {
  return { city: null, country: null, line1: null, line2: null, postal_code: null, state: null };
}

function buildCharge(
  emu: Emulator,
  pi: Stripe.PaymentIntent,
  pm: string,
  card: CardOutcome,
  payer: PayerDetails,
): Stripe.Charge {
  const id = newId("ch");
  const ok = card.ok;
  const captured = ok && pi.capture_method !== "manual";
  return {
    id,
    object: "charge",
    amount: pi.amount,
    amount_captured: captured ? pi.amount : 0,
    amount_refunded: 0,
    application: pi.application,
    application_fee: null,
    application_fee_amount: pi.application_fee_amount,
    balance_transaction: null,
    billing_details: {
      address: payer.address ?? emptyAddress(),
      email: payer.email,
      name: payer.name,
      phone: null,
      tax_id: null,
    },
    calculated_statement_descriptor: "BAZAAR* EMULATOR",
    captured,
    created: emu.now(),
    currency: pi.currency,
    customer: null,
    description: pi.description,
    disputed: false,
    failure_balance_transaction: null,
    failure_code: ok ? null : card.code,
    failure_message: ok ? null : card.message,
    fraud_details: {},
    livemode: false,
    metadata: { ...pi.metadata },
    on_behalf_of: null,
    outcome: {
      advice_code: null,
      network_advice_code: null,
      network_decline_code: null,
      network_status: ok ? "approved_by_network" : "declined_by_network",
      reason: ok ? null : card.declineCode,
      risk_level: "normal",
      risk_score: 20,
      seller_message: ok
        ? "Payment complete."
        : "The bank did not return any further details with this decline.",
      type: ok ? "authorized" : "issuer_declined",
    },
    paid: ok,
    payment_intent: pi.id,
    payment_method: pm,
    payment_method_details: {
      type: "card",
      card: {
        amount_authorized: ok ? pi.amount : null,
        authorization_code: ok ? "123456" : null,
        brand: card.brand,
        checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: "pass" },
        country: "US",
        electronic_commerce_indicator: null,
        exp_month: 12,
        exp_year: new Date().getUTCFullYear() + 3,
        extended_authorization: { status: "disabled" },
        fingerprint: "EmuLat0rF1ngerPr",
        funding: ok ? card.funding : "credit",
        incremental_authorization: { status: "unavailable" },
        installments: null,
        last4: card.last4,
        mandate: null,
        multicapture: { status: "unavailable" },
        network: card.brand,
        network_token: { used: false },
        network_transaction_id: ok ? randomText(15) : null,
        overcapture: { maximum_amount_capturable: pi.amount, status: "unavailable" },
        regulated_status: "unregulated",
        three_d_secure: null,
        transaction_link_id: null,
        wallet: null,
      },
    },
    receipt_email: pi.receipt_email ?? payer.email,
    receipt_number: null,
    receipt_url: ok ? `${emu.baseUrl}/receipts/${id}` : null,
    refunded: false,
    refunds: { object: "list", data: [], has_more: false, url: `/v1/charges/${id}/refunds` },
    review: null,
    shipping: null,
    source: null,
    source_transfer: null,
    statement_descriptor: null,
    statement_descriptor_suffix: pi.statement_descriptor_suffix,
    status: ok ? "succeeded" : "failed",
    transfer_data: null,
    transfer_group: pi.transfer_group,
  } satisfies Stripe.Charge;
}

/** Books a captured charge: balance transaction on the account, application fee and Stripe fee. */
function bookCharge(
  emu: Emulator,
  owner: string | null,
  charge: Stripe.Charge,
  available: boolean,
  request: RequestRef,
): void {
  const amount = charge.amount_captured;
  const currency = charge.currency;
  const fee = stripeFee(amount, emu.config.stripeFeePercent, emu.config.stripeFeeFixed);
  const appFee = owner ? (charge.application_fee_amount ?? 0) : 0;
  const account = owner ? emu.store.state.accounts[owner]?.obj : undefined;
  // Direct charges: the connected account pays Stripe's fee when controller.fees.payer is
  // `account` (Standard); otherwise the platform pays it out of its own balance.
  const accountPaysStripeFee = !owner || (account ? feesPaidByAccount(account) : true);
  const details: Stripe.BalanceTransaction.FeeDetail[] = [];
  if (accountPaysStripeFee) details.push(feeDetail("stripe_fee", fee, currency, null));
  if (appFee > 0) details.push(feeDetail("application_fee", appFee, currency, emu.config.clientId));
  const txn = addTransaction(emu, {
    owner,
    amount,
    currency,
    type: "charge",
    reportingCategory: "charge",
    source: charge.id,
    description: charge.description,
    feeDetails: details,
    available,
  });
  charge.balance_transaction = txn.id;
  if (!owner) return;

  if (!accountPaysStripeFee) {
    addTransaction(emu, {
      owner: null,
      amount: -fee,
      currency,
      type: "stripe_fee",
      reportingCategory: "fee",
      source: charge.id,
      description: `Stripe processing fees for ${charge.id} on ${owner}`,
      available,
    });
  }
  if (appFee > 0) {
    const feeId = newId("fee");
    const feeTxn = addTransaction(emu, {
      owner: null,
      amount: appFee,
      currency,
      type: "application_fee",
      reportingCategory: "platform_earning",
      source: feeId,
      description: null,
      available,
    });
    const applicationFee = {
      id: feeId,
      object: "application_fee",
      account: owner,
      amount: appFee,
      amount_refunded: 0,
      application: emu.config.clientId,
      balance_transaction: feeTxn.id,
      charge: charge.id,
      created: emu.now(),
      currency,
      fee_source: { charge: charge.id, type: "charge" },
      livemode: false,
      originating_transaction: null,
      refunded: false,
      refunds: {
        object: "list",
        data: [],
        has_more: false,
        url: `/v1/application_fees/${feeId}/refunds`,
      },
    } satisfies Stripe.ApplicationFee;
    emu.store.state.applicationFees[feeId] = {
      owner: null,
      seq: emu.store.nextSeq(),
      obj: applicationFee,
    };
    charge.application_fee = feeId;
    emit(emu, { type: "application_fee.created", object: applicationFee, account: null, request });
  }
}

export function cardError(
  card: Extract<CardOutcome, { ok: false }>,
  extra: Record<string, unknown>,
): ApiError {
  return new ApiError(402, {
    type: "card_error",
    code: card.code,
    decline_code: card.declineCode ?? undefined,
    message: card.message,
    param: card.code === "incorrect_number" ? "number" : undefined,
    extra,
  });
}

/**
 * Charges the PaymentIntent with a card. On a decline the PaymentIntent returns to
 * requires_payment_method and a 402 card_error is thrown, as Stripe does.
 */
export function confirmPayment(
  emu: Emulator,
  record: Owned<Stripe.PaymentIntent>,
  cardNumber: string,
  pm: string,
  payer: PayerDetails,
  request: RequestRef,
): Stripe.PaymentIntent {
  const pi = record.obj;
  const owner = record.owner;
  const card = chargeCard(cardNumber);
  const pmId = pm.startsWith("pm_card_") || !pm ? newId("pm") : pm;
  pi.payment_method = pmId;
  const charge = buildCharge(emu, pi, pmId, card, payer);
  emu.store.state.charges[charge.id] = { owner, seq: emu.store.nextSeq(), obj: charge };
  pi.latest_charge = charge.id;
  emu.store.markDirty();

  if (!card.ok) {
    pi.status = "requires_payment_method";
    pi.last_payment_error = {
      type: "card_error",
      code: card.code,
      decline_code: card.declineCode ?? undefined,
      message: card.message,
      charge: charge.id,
    } satisfies Stripe.PaymentIntent.LastPaymentError;
    emit(emu, { type: "charge.failed", object: charge, account: owner, request });
    emit(emu, { type: "payment_intent.payment_failed", object: pi, account: owner, request });
    throw cardError(card, { charge: charge.id, payment_intent: structuredClone(pi) });
  }

  pi.last_payment_error = null;
  if (pi.capture_method === "manual") {
    pi.status = "requires_capture";
    pi.amount_capturable = pi.amount;
    emit(emu, { type: "charge.succeeded", object: charge, account: owner, request });
    emit(emu, {
      type: "payment_intent.amount_capturable_updated",
      object: pi,
      account: owner,
      request,
    });
    return pi;
  }
  bookCharge(emu, owner, charge, card.available, request);
  pi.status = "succeeded";
  pi.amount_received = pi.amount;
  emit(emu, { type: "charge.succeeded", object: charge, account: owner, request });
  emit(emu, { type: "payment_intent.succeeded", object: pi, account: owner, request });
  return pi;
}

export function capturePayment(
  emu: Emulator,
  record: Owned<Stripe.PaymentIntent>,
  amountToCapture: number | undefined,
  applicationFee: number | undefined,
  request: RequestRef,
): Stripe.PaymentIntent {
  const pi = record.obj;
  if (pi.status !== "requires_capture") {
    throw new ApiError(400, {
      type: "invalid_request_error",
      code: "payment_intent_unexpected_state",
      message: `This PaymentIntent could not be captured because it has a status of ${pi.status}. Only a PaymentIntent with one of the following statuses may be captured: requires_capture.`,
    });
  }
  const amount = amountToCapture ?? pi.amount_capturable;
  if (amount > pi.amount_capturable || amount < 1) {
    throw invalidRequest(
      `The amount to capture (${amount}) must be at most the capturable amount (${pi.amount_capturable}).`,
      "amount_to_capture",
    );
  }
  if (applicationFee !== undefined) pi.application_fee_amount = applicationFee;
  const chargeRecord = pi.latest_charge
    ? emu.store.state.charges[pi.latest_charge as string]
    : undefined;
  if (!chargeRecord)
    throw new ApiError(500, {
      type: "api_error",
      message: "PaymentIntent has no charge to capture.",
    });
  const charge = chargeRecord.obj;
  charge.captured = true;
  charge.amount_captured = amount;
  charge.application_fee_amount = pi.application_fee_amount;
  bookCharge(emu, record.owner, charge, false, request);
  pi.amount_capturable = 0;
  pi.amount_received = amount;
  pi.status = "succeeded";
  emit(emu, { type: "charge.captured", object: charge, account: record.owner, request });
  emit(emu, { type: "payment_intent.succeeded", object: pi, account: record.owner, request });
  emu.store.markDirty();
  return pi;
}

export interface RefundInput {
  amount: number | undefined;
  reason: Stripe.Refund.Reason | null;
  refundApplicationFee: boolean;
  metadata: Record<string, string>;
}

export function refundCharge(
  emu: Emulator,
  chargeRecord: Owned<Stripe.Charge>,
  input: RefundInput,
  request: RequestRef,
): Stripe.Refund {
  const charge = chargeRecord.obj;
  const owner = chargeRecord.owner;
  const remaining = charge.amount_captured - charge.amount_refunded;
  if (!charge.captured || charge.status !== "succeeded") {
    throw invalidRequest(
      `Charge ${charge.id} has not been captured and cannot be refunded.`,
      undefined,
      "charge_not_refundable",
    );
  }
  if (remaining <= 0) {
    throw new ApiError(400, {
      type: "invalid_request_error",
      code: "charge_already_refunded",
      message: `Charge ${charge.id} has already been refunded.`,
    });
  }
  const amount = input.amount ?? remaining;
  if (amount < 1)
    throw invalidRequest(
      "Refund amount must be a positive integer.",
      "amount",
      "parameter_invalid_integer",
    );
  if (amount > remaining) {
    throw new ApiError(400, {
      type: "invalid_request_error",
      code: "amount_too_large",
      param: "amount",
      message: `Refund amount (${amount}) is greater than unrefunded amount on charge (${remaining})`,
    });
  }
  const chargeTxn = charge.balance_transaction
    ? emu.store.state.balanceTransactions[charge.balance_transaction as string]?.obj
    : undefined;
  // A refund nets out against pending funds while the charge has not settled yet.
  const available = !chargeTxn || chargeTxn.status === "available";
  const refundId = newId("re");
  const txn = addTransaction(emu, {
    owner,
    amount: -amount,
    currency: charge.currency,
    type: "refund",
    reportingCategory: "refund",
    source: refundId,
    description: "REFUND FOR CHARGE",
    available,
  });
  const refund = {
    id: refundId,
    object: "refund",
    amount,
    balance_transaction: txn.id,
    charge: charge.id,
    created: emu.now(),
    currency: charge.currency,
    customer: null,
    customer_account: null,
    destination_details: {
      type: "card",
      card: {
        reference_status: "pending",
        reference_type: "acquirer_reference_number",
        type: "refund",
      },
    },
    metadata: input.metadata,
    payment_intent: charge.payment_intent,
    payment_method: charge.payment_method,
    reason: input.reason,
    receipt_number: null,
    source_transfer_reversal: null,
    status: "succeeded",
    transfer_reversal: null,
  } satisfies Stripe.Refund;
  emu.store.state.refunds[refundId] = { owner, seq: emu.store.nextSeq(), obj: refund };
  charge.amount_refunded += amount;
  charge.refunded = charge.amount_refunded >= charge.amount_captured;
  if (charge.refunds) charge.refunds.data.unshift(refund);

  const feeRecord = charge.application_fee
    ? emu.store.state.applicationFees[charge.application_fee as string]
    : undefined;
  if (input.refundApplicationFee && feeRecord) {
    const appFee = feeRecord.obj;
    const back = proRata(
      appFee.amount,
      amount,
      charge.amount_captured,
      appFee.amount_refunded,
      charge.refunded,
    );
    if (back > 0) refundApplicationFee(emu, feeRecord, back, {}, available, request);
  }
  emu.store.markDirty();
  emit(emu, { type: "refund.created", object: refund, account: owner, request });
  emit(emu, { type: "charge.refunded", object: charge, account: owner, request });
  return refund;
}

/** Returns part of an application fee to the connected account. */
export function refundApplicationFee(
  emu: Emulator,
  feeRecord: Owned<Stripe.ApplicationFee>,
  amount: number,
  metadata: Record<string, string>,
  available: boolean,
  request: RequestRef,
): Stripe.FeeRefund {
  const appFee = feeRecord.obj;
  const remaining = appFee.amount - appFee.amount_refunded;
  if (remaining <= 0) {
    throw new ApiError(400, {
      type: "invalid_request_error",
      code: "charge_already_refunded",
      message: `Application fee ${appFee.id} has already been refunded.`,
    });
  }
  if (amount > remaining) {
    throw new ApiError(400, {
      type: "invalid_request_error",
      code: "amount_too_large",
      param: "amount",
      message: `Refund amount (${amount}) is greater than unrefunded amount on application fee (${remaining})`,
    });
  }
  const id = newId("fr");
  const txn = addTransaction(emu, {
    owner: null,
    amount: -amount,
    currency: appFee.currency,
    type: "application_fee_refund",
    reportingCategory: "platform_earning_refund",
    source: id,
    description: `Application fee refund for ${appFee.id}`,
    available,
  });
  const account = typeof appFee.account === "string" ? appFee.account : appFee.account.id;
  addTransaction(emu, {
    owner: account,
    amount,
    currency: appFee.currency,
    type: "application_fee_refund",
    reportingCategory: "fee",
    source: id,
    description: `Application fee refund from ${emu.config.clientId}`,
    available,
  });
  const feeRefund = {
    id,
    object: "fee_refund",
    amount,
    balance_transaction: txn.id,
    created: emu.now(),
    currency: appFee.currency,
    fee: appFee.id,
    metadata,
  } satisfies Stripe.FeeRefund;
  appFee.amount_refunded += amount;
  appFee.refunded = appFee.amount_refunded >= appFee.amount;
  appFee.refunds.data.unshift(feeRefund);
  emu.store.markDirty();
  emit(emu, { type: "application_fee.refunded", object: appFee, account: null, request });
  return feeRefund;
}
