import "server-only";
import type Stripe from "stripe";
import { releaseOrderForSession } from "@/lib/orders/finalise";
import type { HandlerResult } from "./types";

/**
 * `checkout.session.expired` → the order expires; `checkout.session.async_payment_failed` → it
 * fails. Either way the reserved stock goes back exactly once (conditional status change).
 */
export async function handleCheckoutSessionClosed(event: Stripe.Event): Promise<HandlerResult> {
  if (
    event.type !== "checkout.session.expired" &&
    event.type !== "checkout.session.async_payment_failed"
  )
    return "ignored";
  if (!event.account) return "ignored";
  const to = event.type === "checkout.session.expired" ? "expired" : "failed";
  const released = await releaseOrderForSession(event.data.object, event.account, to, "request");
  return released ? "processed" : "ignored";
}
