import "server-only";
import { and, eq, or } from "drizzle-orm";
import { getDb } from "../client";
import { enqueue, QUEUES } from "../queue";
import { orders, shops } from "../schema";
import { isUuid } from "./ids";
import { addOrderEvent } from "./orders";
import { recordAudit } from "./platform";

// Order changes made by fulfilment and by Stripe's dispute events, and the small order lookups
// the webhook handlers and the proxy need. Each change locks the order row first.

export type FulfilResult =
  { ok: true } | { ok: false; reason: "not_found" | "not_paid" | "already_fulfilled" | "refunded" };

/** Marks a paid order of the shop fulfilled with carrier + tracking, once; audited. */
export async function markOrderFulfilled(input: {
  shopId: string;
  orderId: string;
  carrier: string;
  trackingNumber: string;
  actor: { id: string; email: string };
}): Promise<FulfilResult> {
  if (!isUuid(input.orderId)) return { ok: false, reason: "not_found" };
  return getDb().transaction(async (tx): Promise<FulfilResult> => {
    const [order] = await tx
      .select()
      .from(orders)
      .where(and(eq(orders.id, input.orderId), eq(orders.shopId, input.shopId)))
      .limit(1)
      .for("update");
    if (!order) return { ok: false, reason: "not_found" };
    if (order.status !== "paid") return { ok: false, reason: "not_paid" };
    if (order.fulfillmentStatus === "fulfilled") return { ok: false, reason: "already_fulfilled" };
    if (order.refundedAmount >= order.total) return { ok: false, reason: "refunded" };
    const now = new Date();
    await tx
      .update(orders)
      .set({
        fulfillmentStatus: "fulfilled",
        carrier: input.carrier,
        trackingNumber: input.trackingNumber,
        fulfilledAt: now,
        updatedAt: now,
      })
      .where(eq(orders.id, order.id));
    await addOrderEvent(tx, {
      orderId: order.id,
      shopId: order.shopId,
      type: "fulfilled",
      message: `Fulfilled: shipped with ${input.carrier}, tracking ${input.trackingNumber}`,
      data: { carrier: input.carrier, trackingNumber: input.trackingNumber, by: input.actor.email },
    });
    await recordAudit(
      {
        actor: input.actor,
        action: "order.fulfil",
        shopId: order.shopId,
        target: { type: "order", id: order.id },
        after: { carrier: input.carrier, trackingNumber: input.trackingNumber },
      },
      tx,
    );
    // The shipping notice is a job committed with the fulfilment.
    await enqueue(tx, QUEUES.orderNotify, { orderId: order.id, event: "shipped" });
    return { ok: true };
  });
}

/**
 * Flags the order a dispute is about (by charge or payment intent, on the connected account)
 * once, with a timeline entry. "missing" when no order of ours has that payment.
 */
export async function recordOrderDispute(input: {
  account: string;
  chargeId: string;
  paymentIntentId: string | null;
  disputeId: string;
  status: string;
  reason: string;
  createdAt: Date;
  message: string;
}): Promise<"processed" | "ignored" | "missing"> {
  const byPayment = input.paymentIntentId
    ? or(eq(orders.chargeId, input.chargeId), eq(orders.paymentIntentId, input.paymentIntentId))!
    : eq(orders.chargeId, input.chargeId);
  return getDb().transaction(async (tx) => {
    const [order] = await tx
      .select()
      .from(orders)
      .where(and(byPayment, eq(orders.stripeAccountId, input.account)))
      .limit(1)
      .for("update");
    if (!order) return "missing" as const;
    if (order.disputeId === input.disputeId) return "ignored" as const;
    await tx
      .update(orders)
      .set({
        disputeId: input.disputeId,
        disputeStatus: input.status,
        disputeReason: input.reason,
        disputedAt: input.createdAt,
        updatedAt: new Date(),
      })
      .where(eq(orders.id, order.id));
    await addOrderEvent(tx, {
      orderId: order.id,
      shopId: order.shopId,
      type: "disputed",
      message: input.message,
      data: { disputeId: input.disputeId, status: input.status, reason: input.reason },
    });
    return "processed" as const;
  });
}

/** An order's number and status, when it belongs to the connected account. */
export async function findOrderOnAccount(orderId: string, account: string) {
  if (!isUuid(orderId)) return null;
  const [order] = await getDb()
    .select({ number: orders.number, status: orders.status })
    .from(orders)
    .where(and(eq(orders.id, orderId), eq(orders.stripeAccountId, account)))
    .limit(1);
  return order ?? null;
}

/** Whether the order is paid and belongs to the shop with this slug. */
export async function paidOrderInShop(orderId: string, shopSlug: string) {
  if (!isUuid(orderId)) return false;
  const [row] = await getDb()
    .select({ id: orders.id })
    .from(orders)
    .innerJoin(shops, eq(shops.id, orders.shopId))
    .where(and(eq(orders.id, orderId), eq(shops.slug, shopSlug), eq(orders.status, "paid")))
    .limit(1);
  return Boolean(row);
}
