// Balance, balance transactions and payouts of the platform or of a connected account.

import type Stripe from "stripe";
import type { Emulator, RequestContext } from "../context";
import { emit, requestInfo } from "../events";
import type { ApiRouter } from "../http/api";
import { ApiError, invalidRequest } from "../http/errors";
import { mergeMetadata } from "../http/params";
import { newId } from "../ids";
import { addTransaction, computeBalance } from "../ledger";
import { checkCurrency } from "./payment-intents";
import { findOwned, paginate, params } from "./shared";

function defaultCurrency(emu: Emulator, owner: string | null): string {
  const account = owner ? emu.store.state.accounts[owner]?.obj : emu.store.state.platform;
  return account?.default_currency ?? "usd";
}

function retrieveBalance(ctx: RequestContext): Stripe.Balance {
  return computeBalance(ctx.emu, ctx.account, defaultCurrency(ctx.emu, ctx.account));
}

function listTransactions(ctx: RequestContext): Stripe.ApiList<Stripe.BalanceTransaction> {
  const p = params(ctx);
  const type = p.str("type");
  const source = p.str("source");
  const currency = p.str("currency");
  const payout = p.str("payout");
  const items = ctx.emu.store.list(ctx.emu.store.state.balanceTransactions, ctx.account, (t) => {
    if (type && t.type !== type) return false;
    if (source && t.source !== source) return false;
    if (currency && t.currency !== currency) return false;
    if (payout && t.type !== "charge" && t.source !== payout) return false;
    return true;
  });
  return paginate(items, p, "/v1/balance_transactions");
}

function retrieveTransaction(
  ctx: RequestContext,
  path: Record<string, string>,
): Stripe.BalanceTransaction {
  return findOwned(
    ctx,
    ctx.emu.store.state.balanceTransactions,
    path.id ?? "",
    "balance transaction",
  ).obj;
}

export interface NewPayout {
  owner: string | null;
  amount: number;
  currency: string;
  automatic: boolean;
  description: string | null;
  metadata: Record<string, string>;
  statementDescriptor: string | null;
}

export function createPayout(
  emu: Emulator,
  input: NewPayout,
  request: Parameters<typeof emit>[1]["request"],
): Stripe.Payout {
  const id = newId("po");
  const txn = addTransaction(emu, {
    owner: input.owner,
    amount: -input.amount,
    currency: input.currency,
    type: "payout",
    reportingCategory: "payout",
    source: id,
    description: input.automatic ? "STRIPE PAYOUT" : input.description,
    available: true,
  });
  const created = emu.now();
  const payout = {
    id,
    object: "payout",
    amount: input.amount,
    application_fee: null,
    application_fee_amount: null,
    arrival_date: created + 2 * 24 * 3600,
    automatic: input.automatic,
    balance_transaction: txn.id,
    created,
    currency: input.currency,
    description: input.description,
    destination: "ba_1EmulatorBankAccount000",
    failure_balance_transaction: null,
    failure_code: null,
    failure_message: null,
    livemode: false,
    metadata: input.metadata,
    method: "standard",
    original_payout: null,
    payout_method: null,
    reconciliation_status: "not_applicable",
    reversed_by: null,
    source_type: "card",
    statement_descriptor: input.statementDescriptor,
    status: "pending",
    trace_id: null,
    type: "bank_account",
  } satisfies Stripe.Payout;
  emu.store.state.payouts[id] = { owner: input.owner, seq: emu.store.nextSeq(), obj: payout };
  emu.store.markDirty();
  emit(emu, { type: "payout.created", object: payout, account: input.owner, request });
  return payout;
}

/** Pays out pending payouts whose arrival date has come (or all of them). */
export function arrivePayouts(emu: Emulator, owner: string | null | undefined, all: boolean): void {
  const now = emu.now();
  for (const record of Object.values(emu.store.state.payouts)) {
    if (owner !== undefined && record.owner !== owner) continue;
    const payout = record.obj;
    if (payout.status !== "pending" && payout.status !== "in_transit") continue;
    if (!all && payout.arrival_date > now) continue;
    payout.status = "paid";
    if (all) payout.arrival_date = Math.min(payout.arrival_date, now);
    emu.store.markDirty();
    emit(emu, { type: "payout.paid", object: payout, account: record.owner });
  }
}

function create(ctx: RequestContext): Stripe.Payout {
  const p = params(ctx);
  const amount = p.reqInt("amount");
  const currency = checkCurrency(p.reqStr("currency"));
  if (amount < 1)
    throw invalidRequest(
      "Amount must be a positive integer.",
      "amount",
      "parameter_invalid_integer",
    );
  const balance = computeBalance(ctx.emu, ctx.account, currency);
  const available = balance.available.find((b) => b.currency === currency)?.amount ?? 0;
  if (amount > available) {
    throw new ApiError(400, {
      type: "invalid_request_error",
      code: "balance_insufficient",
      message:
        "You have insufficient funds in your Stripe account for this transfer. Your card balance is too low. You can use the /v1/balance endpoint to view your Stripe balance (for more details, see stripe.com/docs/api#balance).",
    });
  }
  return createPayout(
    ctx.emu,
    {
      owner: ctx.account,
      amount,
      currency,
      automatic: false,
      description: p.str("description") ?? null,
      metadata: mergeMetadata({}, p.map("metadata")),
      statementDescriptor: p.str("statement_descriptor") ?? null,
    },
    requestInfo(ctx),
  );
}

function list(ctx: RequestContext): Stripe.ApiList<Stripe.Payout> {
  const p = params(ctx);
  const status = p.str("status");
  const items = ctx.emu.store.list(
    ctx.emu.store.state.payouts,
    ctx.account,
    (po) => !status || po.status === status,
  );
  return paginate(items, p, "/v1/payouts");
}

function retrieve(ctx: RequestContext, path: Record<string, string>): Stripe.Payout {
  return findOwned(ctx, ctx.emu.store.state.payouts, path.id ?? "", "payout").obj;
}

export function registerBalance(api: ApiRouter): void {
  api.operation("balance.retrieve", retrieveBalance);
  api.operation("balanceTransactions.list", listTransactions);
  api.operation("balanceTransactions.retrieve", retrieveTransaction);
  api.operation("payouts.create", create);
  api.operation("payouts.list", list);
  api.operation("payouts.retrieve", retrieve);
}
