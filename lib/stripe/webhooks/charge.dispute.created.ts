import "server-only";
import { and, eq, or } from "drizzle-orm";
import type Stripe from "stripe";
import { getDb } from "@/db/client";
import { addOrderEvent } from "@/db/queries/orders";
import { orders } from "@/db/schema";
import { formatMoney } from "@/lib/money";
import { throwIfAwaitingFinalisation } from "@/lib/orders/awaiting-finalisation";
import type { HandlerResult } from "./types";

/** `charge.dispute.created` (Connect): flags the order once and adds it to its timeline. */
export async function handleChargeDisputeCreated(event: Stripe.Event): Promise<HandlerResult> {
  if (event.type !== "charge.dispute.created" || !event.account) return "ignored";
  const dispute = event.data.object;
  const chargeId = typeof dispute.charge === "string" ? dispute.charge : dispute.charge.id;
  const account = event.account;
  const paymentIntentId =
    typeof dispute.payment_intent === "string"
      ? dispute.payment_intent
      : (dispute.payment_intent?.id ?? null);
  const byPayment = paymentIntentId
    ? or(eq(orders.chargeId, chargeId), eq(orders.paymentIntentId, paymentIntentId))!
    : eq(orders.chargeId, chargeId);
  const outcome = await getDb().transaction(async (tx) => {
    const [order] = await tx
      .select()
      .from(orders)
      .where(and(byPayment, eq(orders.stripeAccountId, account)))
      .limit(1)
      .for("update");
    if (!order) return "missing";
    if (order.disputeId === dispute.id) return "ignored";
    const at = new Date(dispute.created * 1000);
    await tx
      .update(orders)
      .set({
        disputeId: dispute.id,
        disputeStatus: dispute.status,
        disputeReason: dispute.reason,
        disputedAt: at,
        updatedAt: new Date(),
      })
      .where(eq(orders.id, order.id));
    await addOrderEvent(tx, {
      orderId: order.id,
      shopId: order.shopId,
      type: "disputed",
      message: `Payment disputed by the cardholder (${dispute.reason.replace(/_/g, " ")}): ${formatMoney(dispute.amount, dispute.currency.toUpperCase())}`,
      data: { disputeId: dispute.id, status: dispute.status, reason: dispute.reason },
    });
    return "processed";
  });
  if (outcome !== "missing") return outcome;
  await throwIfAwaitingFinalisation(account, paymentIntentId);
  return "ignored";
}
