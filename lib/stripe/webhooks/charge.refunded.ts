import "server-only";
import type Stripe from "stripe";
import { syncChargeRefunds } from "@/lib/orders/refunds";
import type { HandlerResult } from "./types";

/**
 * `charge.refunded` (Connect): brings the order in line with the charge's refunds. Refunds are
 * re-read from Stripe (the event may be stale or arrive out of order) and recorded once each.
 */
export async function handleChargeRefunded(event: Stripe.Event): Promise<HandlerResult> {
  if (event.type !== "charge.refunded" || !event.account) return "ignored";
  const charge = event.data.object;
  const paymentIntentId =
    typeof charge.payment_intent === "string" ? charge.payment_intent : charge.payment_intent?.id;
  return syncChargeRefunds({ account: event.account, chargeId: charge.id, paymentIntentId });
}
