import { proRataFeeRefund, refundableAmount } from "@/lib/fees";

export type FeeRefundPolicy = "pro_rata" | "keep";

export type RefundPlanInput = {
  total: number;
  applicationFee: number;
  /** Succeeded refunds so far, and the fee returned with them. */
  refundedAmount: number;
  applicationFeeRefunded: number;
  /** Refunds sent to Stripe whose answer has not been recorded yet: they count as taken. */
  pendingAmount: number;
  pendingFee: number;
  amount: number;
  policy: FeeRefundPolicy;
};

export type RefundPlan =
  | {
      ok: true;
      amount: number;
      feeRefund: number;
      refundApplicationFee: boolean;
      remaining: number;
    }
  | { ok: false; error: string; remaining: number };

/** Validates a refund against what is left of the charge and works out the fee to return. */
export function planRefund(input: RefundPlanInput): RefundPlan {
  const taken = input.refundedAmount + input.pendingAmount;
  const remaining = refundableAmount(input.total, taken);
  const { amount } = input;
  if (!Number.isSafeInteger(amount) || amount <= 0) {
    return { ok: false, error: "Enter an amount greater than zero.", remaining };
  }
  if (remaining === 0) return { ok: false, error: "This order is fully refunded.", remaining };
  if (amount > remaining) {
    return { ok: false, error: "The amount is more than what remains to refund.", remaining };
  }
  const refundApplicationFee = input.policy === "pro_rata" && input.applicationFee > 0;
  const feeRefund = refundApplicationFee
    ? proRataFeeRefund({
        fee: input.applicationFee,
        charge: input.total,
        refund: amount,
        alreadyRefundedAmount: taken,
        alreadyRefundedFee: input.applicationFeeRefunded + input.pendingFee,
      })
    : 0;
  return { ok: true, amount, feeRefund, refundApplicationFee, remaining: remaining - amount };
}

/**
 * What the merchant keeps of an order: gross − application fee (net of fee refunds) − Stripe's
 * processing fee − refunds. Stripe does not return its processing fee on a refund.
 */
export function orderNet(o: {
  total: number;
  applicationFee: number;
  applicationFeeRefunded: number;
  stripeFee: number | null;
  refundedAmount: number;
}) {
  return (
    o.total - (o.applicationFee - o.applicationFeeRefunded) - (o.stripeFee ?? 0) - o.refundedAmount
  );
}

/** Validates restock quantities per item: never more than quantity − already restocked. */
export function planRestock(
  items: { id: string; quantity: number; restockedQuantity: number; tracked: boolean }[],
  requested: Record<string, number>,
):
  | { ok: true; lines: { id: string; units: number }[] }
  | { ok: false; error: string; itemId: string } {
  const lines: { id: string; units: number }[] = [];
  for (const [id, units] of Object.entries(requested)) {
    const item = items.find((i) => i.id === id);
    if (!item) return { ok: false, error: "This item is not part of the order.", itemId: id };
    if (!Number.isSafeInteger(units) || units < 0) {
      return { ok: false, error: "Enter a whole number of units.", itemId: id };
    }
    if (units === 0) continue;
    if (!item.tracked) {
      return { ok: false, error: "Stock is not tracked for this item.", itemId: id };
    }
    const left = item.quantity - item.restockedQuantity;
    if (units > left) {
      return {
        ok: false,
        error: left === 0 ? "Already restocked." : `At most ${left} can be restocked.`,
        itemId: id,
      };
    }
    lines.push({ id, units });
  }
  return { ok: true, lines };
}
