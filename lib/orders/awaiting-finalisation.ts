import "server-only";
import type Stripe from "stripe";
import { isUuid } from "@/db/queries/ids";
import { findOrderOnAccount } from "@/db/queries/order-changes";
import { getStripe } from "@/lib/stripe/client";

/**
 * Webhooks arrive in any order. When an event about a charge (a refund, a dispute) finds no paid
 * order, the charge may still belong to one of our checkouts whose `checkout.session.completed`
 * has not been processed yet. Then the handler must fail — Stripe delivers the event again later,
 * and the admin inbox can replay it — instead of dropping what the event says.
 * Throws in that case; returns quietly when the charge is not a Bazaar sale.
 */
export async function throwIfAwaitingFinalisation(
  account: string,
  paymentIntentId: string | null | undefined,
) {
  if (!paymentIntentId) return;
  let intent: Stripe.PaymentIntent;
  try {
    intent = await getStripe().paymentIntents.retrieve(
      paymentIntentId,
      {},
      { stripeAccount: account },
    );
  } catch (error) {
    // Not on this account (any more): nothing of ours to wait for. Anything else is retried.
    if ((error as { code?: string }).code === "resource_missing") return;
    throw error;
  }
  const orderId = intent.metadata?.order_id;
  if (!isUuid(orderId)) return;
  const order = await findOrderOnAccount(orderId, account);
  if (order && order.status !== "paid") {
    throw new Error(
      `Order #${order.number} is not recorded as paid yet (its checkout.session.completed has not been processed); retry after it.`,
    );
  }
}
