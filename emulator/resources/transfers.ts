// Separate charges and transfers: the platform sends part of its balance (or of one of its
// charges, `source_transaction`) to a connected account, and can reverse it. The connected
// account receives a payment (`py_…`) with its balance transaction; a reversal refunds that
// payment and returns the money to the platform.

import type Stripe from "stripe";
import type { Emulator, RequestContext } from "../context";
import { emit, previousAttributes, requestInfo } from "../events";
import type { ApiRouter } from "../http/api";
import { ApiError, invalidRequest, missingParam, resourceMissing } from "../http/errors";
import { mergeMetadata } from "../http/params";
import { newId } from "../ids";
import { addTransaction, computeBalance } from "../ledger";
import type { Owned } from "../store";
import { checkCurrency } from "./payment-intents";
import { paginate, params } from "./shared";

function platformOnly(ctx: RequestContext, what: string): void {
  if (ctx.account)
    throw invalidRequest(
      `${what} can only be made by the platform with its own API key (without the Stripe-Account header).`,
    );
}

function transferFor(ctx: RequestContext, id: string, param = "id"): Owned<Stripe.Transfer> {
  const record = ctx.emu.store.state.transfers[id];
  if (!record || record.owner !== ctx.account) throw resourceMissing("transfer", id, param);
  return record;
}

/** The payment a transfer makes on its destination: a charge `py_…` with source_transfer. */
function destinationPayment(transfer: Stripe.Transfer): Stripe.Charge {
  const id = newId("py");
  return {
    id,
    object: "charge",
    amount: transfer.amount,
    amount_captured: transfer.amount,
    amount_refunded: 0,
    application: null,
    application_fee: null,
    application_fee_amount: null,
    balance_transaction: null,
    billing_details: {
      address: {
        city: null,
        country: null,
        line1: null,
        line2: null,
        postal_code: null,
        state: null,
      },
      email: null,
      name: null,
      phone: null,
      tax_id: null,
    },
    calculated_statement_descriptor: null,
    captured: true,
    created: transfer.created,
    currency: transfer.currency,
    customer: null,
    description: null,
    disputed: false,
    failure_balance_transaction: null,
    failure_code: null,
    failure_message: null,
    fraud_details: {},
    livemode: false,
    metadata: {},
    on_behalf_of: null,
    outcome: null,
    paid: true,
    payment_intent: null,
    payment_method: null,
    payment_method_details: null,
    receipt_email: null,
    receipt_number: null,
    receipt_url: null,
    refunded: false,
    refunds: { object: "list", data: [], has_more: false, url: `/v1/charges/${id}/refunds` },
    review: null,
    shipping: null,
    source: null,
    source_transfer: transfer.id,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: "succeeded",
    transfer_data: null,
    transfer_group: transfer.transfer_group,
  } satisfies Stripe.Charge;
}

function create(ctx: RequestContext): Stripe.Transfer {
  platformOnly(ctx, "Transfers");
  const emu = ctx.emu;
  const p = params(ctx);
  const currency = checkCurrency(p.reqStr("currency"));
  const destination = p.reqStr("destination");
  const amount = p.int("amount");
  if (amount === undefined) throw missingParam("amount");
  if (amount < 1)
    throw invalidRequest(
      "This value must be greater than or equal to 1.",
      "amount",
      "parameter_invalid_integer",
    );
  const account = emu.store.state.accounts[destination];
  if (!account || account.deleted || !account.connected || account.deauthorized)
    throw resourceMissing("account", destination, "destination");
  if (account.obj.capabilities?.transfers !== "active")
    throw invalidRequest(
      "Your destination account needs to have at least one of the following capabilities enabled: transfers, crypto_transfers, legacy_payments",
      "destination",
    );
  p.oneOf("source_type", ["bank_account", "card", "fpx"]);

  // With source_transaction the money comes from that charge (available when it is); without,
  // from the platform's available balance.
  const sourceId = p.str("source_transaction");
  let available = true;
  if (sourceId) {
    const source = emu.store.state.charges[sourceId];
    if (!source || source.owner !== null)
      throw resourceMissing("charge", sourceId, "source_transaction");
    const charge = source.obj;
    if (charge.status !== "succeeded" || !charge.captured)
      throw invalidRequest(
        `The source_transaction ${sourceId} has not succeeded.`,
        "source_transaction",
      );
    if (charge.currency !== currency)
      throw invalidRequest(
        `The currency of source_transaction's balance transaction (${charge.currency}) must be the same as the transfer currency (${currency}).`,
        "currency",
      );
    const already = Object.values(emu.store.state.transfers)
      .filter((t) => t.obj.source_transaction === sourceId)
      .reduce((sum, t) => sum + t.obj.amount - t.obj.amount_reversed, 0);
    const left = charge.amount_captured - charge.amount_refunded - already;
    if (amount > left)
      throw new ApiError(400, {
        type: "invalid_request_error",
        code: "balance_insufficient",
        param: "amount",
        message: `Insufficient funds in the source transaction: the transfer amount (${amount}) is more than the ${left} left of charge ${sourceId}.`,
      });
    const txn = charge.balance_transaction
      ? emu.store.state.balanceTransactions[String(charge.balance_transaction)]?.obj
      : undefined;
    available = !txn || txn.status === "available";
  } else {
    const balance = computeBalance(emu, null, currency).available.find(
      (b) => b.currency === currency,
    );
    if ((balance?.amount ?? 0) < amount)
      throw new ApiError(400, {
        type: "invalid_request_error",
        code: "balance_insufficient",
        message:
          "You have insufficient available funds in your Stripe account. Try adding funds directly to your available balance by creating Charges using the 4000000000000077 test card. See: https://stripe.com/docs/testing#available-balance",
      });
  }

  const id = newId("tr");
  const platformTxn = addTransaction(emu, {
    owner: null,
    amount: -amount,
    currency,
    type: "transfer",
    reportingCategory: "transfer",
    source: id,
    description: p.str("description") ?? null,
    available,
  });
  const transfer = {
    id,
    object: "transfer",
    amount,
    amount_reversed: 0,
    balance_transaction: platformTxn.id,
    created: emu.now(),
    currency,
    description: p.str("description") ?? null,
    destination,
    destination_payment: "",
    livemode: false,
    metadata: mergeMetadata({}, p.map("metadata")),
    reversals: { object: "list", data: [], has_more: false, url: `/v1/transfers/${id}/reversals` },
    reversed: false,
    source_transaction: sourceId ?? null,
    source_type: "card",
    transfer_group: p.str("transfer_group") ?? null,
  } satisfies Stripe.Transfer;
  const payment = destinationPayment(transfer);
  const destTxn = addTransaction(emu, {
    owner: destination,
    amount,
    currency,
    type: "payment",
    reportingCategory: "charge",
    source: payment.id,
    description: null,
    available,
  });
  payment.balance_transaction = destTxn.id;
  transfer.destination_payment = payment.id;
  emu.store.state.charges[payment.id] = {
    owner: destination,
    seq: emu.store.nextSeq(),
    obj: payment,
  };
  emu.store.state.transfers[id] = { owner: null, seq: emu.store.nextSeq(), obj: transfer };
  emu.store.markDirty();
  emit(emu, {
    type: "transfer.created",
    object: transfer,
    account: null,
    request: requestInfo(ctx),
  });
  return transfer;
}

function retrieve(ctx: RequestContext, path: Record<string, string>): Stripe.Transfer {
  return transferFor(ctx, path.id ?? "").obj;
}

function update(ctx: RequestContext, path: Record<string, string>): Stripe.Transfer {
  const transfer = transferFor(ctx, path.id ?? "").obj;
  const before = structuredClone(transfer);
  const p = params(ctx);
  const description = p.str("description");
  if (description !== undefined) transfer.description = description;
  transfer.metadata = mergeMetadata(transfer.metadata, p.map("metadata"));
  ctx.emu.store.markDirty();
  const previous = previousAttributes(before, transfer);
  if (Object.keys(previous).length > 0)
    emit(ctx.emu, {
      type: "transfer.updated",
      object: transfer,
      account: null,
      previous,
      request: requestInfo(ctx),
    });
  return transfer;
}

function list(ctx: RequestContext): Stripe.ApiList<Stripe.Transfer> {
  const p = params(ctx);
  const destination = p.str("destination");
  const group = p.str("transfer_group");
  const items = ctx.emu.store.list(
    ctx.emu.store.state.transfers,
    ctx.account,
    (t) =>
      (!destination || t.destination === destination) && (!group || t.transfer_group === group),
  );
  return paginate(items, p, "/v1/transfers");
}

/** Reverses part or all of a transfer: the destination refunds its payment, the platform gets it back. */
export function reverseTransfer(
  emu: Emulator,
  record: Owned<Stripe.Transfer>,
  amount: number,
  metadata: Record<string, string>,
  request: { id: string | null; idempotency_key: string | null } | null,
): Stripe.TransferReversal {
  const transfer = record.obj;
  const left = transfer.amount - transfer.amount_reversed;
  if (left <= 0)
    throw invalidRequest(`Transfer ${transfer.id} has already been fully reversed.`, "amount");
  if (amount < 1)
    throw invalidRequest(
      "This value must be greater than or equal to 1.",
      "amount",
      "parameter_invalid_integer",
    );
  if (amount > left)
    throw new ApiError(400, {
      type: "invalid_request_error",
      code: "amount_too_large",
      param: "amount",
      message: `The reversal amount (${amount}) is greater than the amount left on the transfer (${left}).`,
    });
  const destination = String(transfer.destination);
  const paymentRecord = emu.store.state.charges[String(transfer.destination_payment)];
  const refundId = newId("pyr");
  const destTxn = addTransaction(emu, {
    owner: destination,
    amount: -amount,
    currency: transfer.currency,
    type: "payment_refund",
    reportingCategory: "refund",
    source: refundId,
    description: "REFUND FOR PAYMENT",
    available: true,
  });
  if (paymentRecord) {
    const refund = {
      id: refundId,
      object: "refund",
      amount,
      balance_transaction: destTxn.id,
      charge: paymentRecord.obj.id,
      created: emu.now(),
      currency: transfer.currency,
      customer: null,
      customer_account: null,
      metadata: {},
      payment_intent: null,
      payment_method: null,
      reason: null,
      receipt_number: null,
      source_transfer_reversal: null,
      status: "succeeded",
      transfer_reversal: null,
    } satisfies Stripe.Refund;
    emu.store.state.refunds[refundId] = {
      owner: destination,
      seq: emu.store.nextSeq(),
      obj: refund,
    };
    paymentRecord.obj.amount_refunded += amount;
    paymentRecord.obj.refunded = paymentRecord.obj.amount_refunded >= paymentRecord.obj.amount;
    paymentRecord.obj.refunds?.data.unshift(refund);
  }
  const id = newId("trr");
  const platformTxn = addTransaction(emu, {
    owner: null,
    amount,
    currency: transfer.currency,
    type: "transfer_refund",
    reportingCategory: "transfer_reversal",
    source: id,
    description: null,
    available: true,
  });
  const reversal = {
    id,
    object: "transfer_reversal",
    amount,
    balance_transaction: platformTxn.id,
    created: emu.now(),
    currency: transfer.currency,
    destination_payment_refund: paymentRecord ? refundId : null,
    metadata,
    source_refund: null,
    transfer: transfer.id,
  } satisfies Stripe.TransferReversal;
  const refund = emu.store.state.refunds[refundId];
  if (refund) refund.obj.source_transfer_reversal = id;
  transfer.amount_reversed += amount;
  transfer.reversed = transfer.amount_reversed >= transfer.amount;
  transfer.reversals.data.unshift(reversal);
  emu.store.markDirty();
  emit(emu, { type: "transfer.reversed", object: transfer, account: null, request });
  return reversal;
}

function createReversal(
  ctx: RequestContext,
  path: Record<string, string>,
): Stripe.TransferReversal {
  platformOnly(ctx, "Transfer reversals");
  const record = transferFor(ctx, path.id ?? "");
  const p = params(ctx);
  const amount = p.int("amount") ?? record.obj.amount - record.obj.amount_reversed;
  return reverseTransfer(
    ctx.emu,
    record,
    amount,
    mergeMetadata({}, p.map("metadata")),
    requestInfo(ctx),
  );
}

function listReversals(
  ctx: RequestContext,
  path: Record<string, string>,
): Stripe.ApiList<Stripe.TransferReversal> {
  const record = transferFor(ctx, path.id ?? "");
  return paginate(
    record.obj.reversals.data,
    params(ctx),
    `/v1/transfers/${record.obj.id}/reversals`,
  );
}

function retrieveReversal(
  ctx: RequestContext,
  path: Record<string, string>,
): Stripe.TransferReversal {
  const record = transferFor(ctx, path.transfer ?? "", "transfer");
  const reversal = record.obj.reversals.data.find((r) => r.id === path.id);
  if (!reversal) throw resourceMissing("transfer_reversal", path.id ?? "");
  return reversal;
}

export function registerTransfers(api: ApiRouter): void {
  api.operation("transfers.create", create);
  api.operation("transfers.list", list);
  api.operation("transfers.retrieve", retrieve);
  api.operation("transfers.update", update);
  api.operation("transfers.createReversal", createReversal);
  api.operation("transfers.listReversals", listReversals);
  api.operation("transfers.retrieveReversal", retrieveReversal);
}
