import "server-only";
import type Stripe from "stripe";
import { finaliseOrderFromSession } from "@/lib/orders/finalise";
import type { HandlerResult } from "./types";

/**
 * `checkout.session.completed` and `checkout.session.async_payment_succeeded` (Connect): the
 * session's order becomes paid once, through the same function the return page uses. The
 * order must belong to the connected account that sent the event.
 */
export async function handleCheckoutSessionPaid(event: Stripe.Event): Promise<HandlerResult> {
  if (
    event.type !== "checkout.session.completed" &&
    event.type !== "checkout.session.async_payment_succeeded"
  )
    return "ignored";
  if (!event.account) return "ignored";
  const result = await finaliseOrderFromSession(event.data.object, event.account, "request");
  if (result.status !== "paid") return "ignored";
  // Paid before this event arrived (the shopper's return page got there first): not a drop.
  return result.newlyPaid ? "processed" : "already_handled";
}
