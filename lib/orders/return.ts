import "server-only";
import { findOrderBySession, listOrderItems } from "@/db/queries/orders-checkout";
import type { Order, OrderItem } from "@/db/schema";
import { getStripe } from "@/lib/stripe/client";
import { finaliseOrderFromSession, releaseOrder } from "./finalise";
import { log } from "@/lib/log";

export type ReturnState =
  | { state: "not_found" }
  | { state: "paid"; order: Order; items: OrderItem[] }
  /** Stripe says complete but the payment is not confirmed yet (or Stripe was unreachable). */
  | { state: "confirming"; order: Order }
  | { state: "open"; order: Order }
  | { state: "expired"; order: Order }
  | { state: "failed"; order: Order };

/**
 * The return page's view of a checkout: reads the session from the shop's connected account and,
 * when it is paid, finalises the order through the same function as the webhook. Only sessions
 * of this shop's orders are looked at.
 */
export async function checkoutReturnState(shopId: string, sessionId: string): Promise<ReturnState> {
  if (!/^cs_[A-Za-z0-9_]{1,200}$/.test(sessionId)) return { state: "not_found" };
  const order = await findOrderBySession(sessionId);
  if (!order || order.shopId !== shopId) return { state: "not_found" };
  if (order.status === "paid")
    return { state: "paid", order, items: await listOrderItems(order.id) };
  if (order.status === "failed") return { state: "failed", order };
  let session;
  try {
    session = await getStripe().checkout.sessions.retrieve(
      sessionId,
      {},
      { stripeAccount: order.stripeAccountId },
    );
  } catch (error) {
    log().error({ err: error }, `[checkout] could not read session ${sessionId}`);
    return order.status === "expired"
      ? { state: "expired", order }
      : { state: "confirming", order };
  }
  if (session.status === "complete" && session.payment_status === "paid") {
    const result = await finaliseOrderFromSession(session, order.stripeAccountId, "request");
    if (result.status === "paid")
      return { state: "paid", order: result.order, items: await listOrderItems(order.id) };
    return { state: "confirming", order };
  }
  if (session.status === "complete") return { state: "confirming", order };
  if (session.status === "expired") {
    await releaseOrder(order.id, "expired", "request", { sessionId });
    return { state: "expired", order };
  }
  return order.status === "expired" ? { state: "expired", order } : { state: "open", order };
}
