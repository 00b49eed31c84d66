import "server-only";
import Stripe from "stripe";
import { chargesWithOrders, listPaidOrderFees } from "@/db/queries/reconciliation";
import type { PeriodRange } from "@/lib/analytics/period";
import { getStripe } from "@/lib/stripe/client";
import { log } from "@/lib/log";

export type ReconciliationKind =
  "matched" | "amount_differs" | "account_differs" | "missing_at_stripe" | "missing_in_bazaar";

export type ReconciliationRow = {
  kind: ReconciliationKind;
  chargeId: string | null;
  currency: string;
  /** Fee Bazaar expects to keep: the order's fee minus the fee refunded with refunds. */
  expected: number | null;
  /** Fee Stripe reports as kept: amount minus amount_refunded. */
  reported: number | null;
  order: { id: string; number: number; shopId: string; shopName: string; account: string } | null;
  fee: { id: string; account: string | null; created: Date } | null;
};

export type Reconciliation =
  | {
      ok: true;
      rows: ReconciliationRow[];
      mismatches: ReconciliationRow[];
      matched: number;
      totals: Array<{ currency: string; expected: number; reported: number }>;
    }
  | { ok: false; message: string };

const DAY_MS = 86_400_000;
const idOf = (v: string | { id: string } | null | undefined) =>
  v == null ? null : typeof v === "string" ? v : v.id;

/** Every application fee the platform received, created between the two times (all pages). */
async function listStripeFees(from: Date, to: Date) {
  const fees: Stripe.ApplicationFee[] = [];
  const stripe = getStripe();
  let startingAfter: string | undefined;
  for (let page = 0; page < 1000; page++) {
    const list = await stripe.applicationFees.list({
      limit: 100,
      created: { gte: Math.floor(from.getTime() / 1000), lte: Math.ceil(to.getTime() / 1000) },
      ...(startingAfter ? { starting_after: startingAfter } : {}),
    });
    fees.push(...list.data);
    const last = list.data.at(-1);
    if (!list.has_more || !last) break;
    startingAfter = last.id;
  }
  return fees;
}

/**
 * Compares, for the period, the fees Bazaar expects from its paid orders with the application
 * fees Stripe reports, matched by charge id. Fees found at Stripe a little outside the period are
 * fetched too (a fee is created a moment before its order is marked paid), and a Stripe fee whose
 * order was paid outside the period belongs to another period, not to the mismatches.
 */
export async function reconcileFees(range: PeriodRange): Promise<Reconciliation> {
  const expectedRows = await listPaidOrderFees(range.start, range.end);

  let fees: Stripe.ApplicationFee[];
  try {
    fees = await listStripeFees(
      new Date(range.start.getTime() - DAY_MS),
      new Date(range.end.getTime() + DAY_MS),
    );
  } catch (error) {
    const detail =
      error instanceof Stripe.errors.StripeError ? `${error.type}: ${error.message}` : error;
    log().error({ err: detail }, "[stripe] application fees list failed");
    return {
      ok: false,
      message: "Stripe did not answer with the application fees just now. Try again in a moment.",
    };
  }

  const feesByCharge = new Map<string, Stripe.ApplicationFee>();
  for (const f of fees) {
    const charge = idOf(f.charge);
    if (charge) feesByCharge.set(charge, f);
  }
  const inPeriodCharges = new Set(expectedRows.map((o) => o.chargeId).filter((c) => c !== null));

  // Stripe fees without an order in the period: is there an order for them at all?
  const strayCharges = [...feesByCharge.keys()].filter((c) => !inPeriodCharges.has(c));
  const elsewhere = new Set(await chargesWithOrders(strayCharges));

  const rows: ReconciliationRow[] = [];
  for (const o of expectedRows) {
    const expected = o.applicationFee - o.applicationFeeRefunded;
    const order = {
      id: o.id,
      number: o.number,
      shopId: o.shopId,
      shopName: o.shopName,
      account: o.account,
    };
    const currency = o.currency.trim().toUpperCase();
    const fee = o.chargeId ? feesByCharge.get(o.chargeId) : undefined;
    if (!fee) {
      // No fee asked, none reported: nothing to reconcile.
      if (expected === 0 && o.applicationFee === 0) continue;
      rows.push({
        kind: "missing_at_stripe",
        chargeId: o.chargeId,
        currency,
        expected,
        reported: null,
        order,
        fee: null,
      });
      continue;
    }
    const reported = fee.amount - fee.amount_refunded;
    const feeAccount = idOf(fee.account);
    const kind: ReconciliationKind =
      feeAccount && feeAccount !== o.account
        ? "account_differs"
        : reported !== expected || fee.currency.toUpperCase() !== currency
          ? "amount_differs"
          : "matched";
    rows.push({
      kind,
      chargeId: o.chargeId,
      currency,
      expected,
      reported,
      order,
      fee: { id: fee.id, account: feeAccount, created: new Date(fee.created * 1000) },
    });
  }
  const startS = range.start.getTime() / 1000;
  const endS = range.end.getTime() / 1000;
  for (const [charge, fee] of feesByCharge) {
    if (inPeriodCharges.has(charge) || elsewhere.has(charge)) continue;
    // The slack window is only for fees of orders in the period.
    if (fee.created < startS || fee.created > endS) continue;
    rows.push({
      kind: "missing_in_bazaar",
      chargeId: charge,
      currency: fee.currency.toUpperCase(),
      expected: null,
      reported: fee.amount - fee.amount_refunded,
      order: null,
      fee: { id: fee.id, account: idOf(fee.account), created: new Date(fee.created * 1000) },
    });
  }

  const totals = new Map<string, { currency: string; expected: number; reported: number }>();
  for (const r of rows) {
    const t = totals.get(r.currency) ?? { currency: r.currency, expected: 0, reported: 0 };
    t.expected += r.expected ?? 0;
    t.reported += r.reported ?? 0;
    totals.set(r.currency, t);
  }
  const mismatches = rows.filter((r) => r.kind !== "matched");
  return {
    ok: true,
    rows,
    mismatches,
    matched: rows.length - mismatches.length,
    totals: [...totals.values()],
  };
}
