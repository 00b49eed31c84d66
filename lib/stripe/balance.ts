import "server-only";
import Stripe from "stripe";
import { findShopStripeAccount } from "@/db/queries/connect";
import { getStripe } from "./client";
import { log } from "@/lib/log";

export type BalanceLine = { currency: string; available: number; pending: number };
export type PayoutRow = {
  id: string;
  amount: number;
  currency: string;
  status: string;
  arrivalDate: Date;
  created: Date;
  method: string | null;
  failureMessage: string | null;
};

export type ShopBalance =
  | { kind: "not_connected"; message: string }
  | { kind: "error"; message: string; accountType: "standard" | "express" }
  | {
      kind: "ok";
      accountId: string;
      accountType: "standard" | "express";
      lines: BalanceLine[];
      payouts: PayoutRow[];
      morePayouts: boolean;
    };

/** Merges Stripe's available and pending amounts into one line per currency. */
export function balanceLines(balance: Pick<Stripe.Balance, "available" | "pending">) {
  const lines = new Map<string, BalanceLine>();
  const line = (c: string) => {
    const key = c.toUpperCase();
    let l = lines.get(key);
    if (!l) {
      l = { currency: key, available: 0, pending: 0 };
      lines.set(key, l);
    }
    return l;
  };
  for (const a of balance.available) line(a.currency).available += a.amount;
  for (const p of balance.pending) line(p.currency).pending += p.amount;
  return [...lines.values()].sort((a, b) => a.currency.localeCompare(b.currency));
}

/**
 * The connected account's balance and its recent payouts, read live from Stripe (they live on the
 * merchant's account, not in our database). Never throws: Stripe trouble becomes a message.
 */
export async function loadShopBalance(shopId: string, payoutLimit = 10): Promise<ShopBalance> {
  const account = await findShopStripeAccount(shopId);
  if (!account?.accountId || account.disconnectedAt) {
    return {
      kind: "not_connected",
      message: "This shop has no connected Stripe account, so there is no balance to show yet.",
    };
  }
  const opts = { stripeAccount: account.accountId };
  try {
    const stripe = getStripe();
    const [balance, payouts] = await Promise.all([
      stripe.balance.retrieve(undefined, opts),
      stripe.payouts.list({ limit: payoutLimit }, opts),
    ]);
    return {
      kind: "ok",
      accountId: account.accountId,
      accountType: account.type,
      lines: balanceLines(balance),
      payouts: payouts.data.map((p) => ({
        id: p.id,
        amount: p.amount,
        currency: p.currency.toUpperCase(),
        status: p.status,
        arrivalDate: new Date(p.arrival_date * 1000),
        created: new Date(p.created * 1000),
        method: p.method ?? null,
        failureMessage: p.failure_message ?? null,
      })),
      morePayouts: payouts.has_more,
    };
  } catch (error) {
    if (error instanceof Stripe.errors.StripeError) {
      log().error(`[stripe] balance for ${account.accountId}: ${error.type}: ${error.message}`);
    } else {
      log().error({ err: error }, "[stripe] balance: unexpected error");
    }
    return {
      kind: "error",
      accountType: account.type,
      message:
        "Stripe did not answer with this shop's balance just now. Try again in a moment; your money is not affected.",
    };
  }
}
