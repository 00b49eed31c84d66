// Balance transactions and balances: the money model of EMULATOR.md.

import type Stripe from "stripe";
import type { Emulator } from "./context";
import { newId } from "./ids";

/** Card funds become available two days after the charge unless settled earlier. */
export const PENDING_SECONDS = 2 * 24 * 3600;

export interface TxnInput {
  owner: string | null;
  amount: number;
  currency: string;
  type: Stripe.BalanceTransaction.Type;
  reportingCategory: string;
  source: string;
  description: string | null;
  feeDetails?: Stripe.BalanceTransaction.FeeDetail[];
  available: boolean;
}

export function addTransaction(emu: Emulator, input: TxnInput): Stripe.BalanceTransaction {
  const created = emu.now();
  const feeDetails = input.feeDetails ?? [];
  const fee = feeDetails.reduce((s, f) => s + f.amount, 0);
  const txn = {
    id: newId("txn"),
    object: "balance_transaction",
    amount: input.amount,
    available_on: input.available ? created : created + PENDING_SECONDS,
    balance_type: "payments",
    created,
    currency: input.currency,
    description: input.description,
    exchange_rate: null,
    fee,
    fee_details: feeDetails,
    net: input.amount - fee,
    reporting_category: input.reportingCategory,
    source: input.source,
    status: input.available ? "available" : "pending",
    type: input.type,
  } satisfies Stripe.BalanceTransaction;
  emu.store.state.balanceTransactions[txn.id] = {
    owner: input.owner,
    seq: emu.store.nextSeq(),
    obj: txn,
  };
  emu.store.markDirty();
  return txn;
}

export function feeDetail(
  type: "stripe_fee" | "application_fee",
  amount: number,
  currency: string,
  application: string | null,
): Stripe.BalanceTransaction.FeeDetail {
  return {
    amount,
    application,
    currency,
    description: type === "stripe_fee" ? "Stripe processing fees" : "Application fee",
    type,
  } satisfies Stripe.BalanceTransaction.FeeDetail;
}

export function computeBalance(
  emu: Emulator,
  owner: string | null,
  defaultCurrency: string,
): Stripe.Balance {
  const available = new Map<string, number>();
  const pending = new Map<string, number>();
  for (const r of Object.values(emu.store.state.balanceTransactions)) {
    if (r.owner !== owner) continue;
    const t = r.obj;
    const bucket = t.status === "available" ? available : pending;
    bucket.set(t.currency, (bucket.get(t.currency) ?? 0) + t.net);
    if (!available.has(t.currency)) available.set(t.currency, 0);
    if (!pending.has(t.currency)) pending.set(t.currency, 0);
  }
  if (available.size === 0) {
    available.set(defaultCurrency, 0);
    pending.set(defaultCurrency, 0);
  }
  const entries = (m: Map<string, number>) =>
    [...m.entries()].map(([currency, amount]) => ({
      amount,
      currency,
      source_types: { card: amount },
    }));
  return {
    object: "balance",
    available: entries(available),
    livemode: false,
    pending: entries(pending),
  } satisfies Stripe.Balance;
}

/** Moves pending funds to available: all of them (settle) or those whose date has come (clock). */
export function releaseFunds(
  emu: Emulator,
  owner: string | null | undefined,
  all: boolean,
): number {
  const now = emu.now();
  let moved = 0;
  for (const r of Object.values(emu.store.state.balanceTransactions)) {
    if (owner !== undefined && r.owner !== owner) continue;
    if (r.obj.status !== "pending") continue;
    if (!all && r.obj.available_on > now) continue;
    r.obj.status = "available";
    if (all) r.obj.available_on = Math.min(r.obj.available_on, now);
    moved++;
  }
  if (moved) emu.store.markDirty();
  return moved;
}
