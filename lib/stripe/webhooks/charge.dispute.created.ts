import "server-only";
import type Stripe from "stripe";
import { recordOrderDispute } from "@/db/queries/order-changes";
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
  const outcome = await recordOrderDispute({
    account,
    chargeId,
    paymentIntentId,
    disputeId: dispute.id,
    status: dispute.status,
    reason: dispute.reason,
    createdAt: new Date(dispute.created * 1000),
    message: `Payment disputed by the cardholder (${dispute.reason.replace(/_/g, " ")}): ${formatMoney(dispute.amount, dispute.currency.toUpperCase())}`,
  });
  if (outcome !== "missing") return outcome;
  await throwIfAwaitingFinalisation(account, paymentIntentId);
  return "ignored";
}
