import "server-only";
import { and, eq } from "drizzle-orm";
import type Stripe from "stripe";
import { getDb } from "@/db/client";
import { orders } from "@/db/schema";
import { getStripe } from "@/lib/stripe/client";
import { isUuid } from "@/db/queries/catalog";

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
  const [order] = await getDb()
    .select({ number: orders.number, status: orders.status })
    .from(orders)
    .where(and(eq(orders.id, orderId), eq(orders.stripeAccountId, account)))
    .limit(1);
  if (order && order.status !== "paid") {
    throw new Error(
      `Order #${order.number} is not recorded as paid yet (its checkout.session.completed has not been processed); retry after it.`,
    );
  }
}
