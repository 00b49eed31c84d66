import "server-only";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import { addOrderEvent } from "@/db/queries/orders";
import { recordAudit } from "@/db/queries/platform";
import { orders } from "@/db/schema";
import { enqueue, QUEUES } from "@/db/queue";

export const CARRIERS = [
  "USPS",
  "UPS",
  "FedEx",
  "DHL",
  "Royal Mail",
  "Canada Post",
  "Other",
] as const;

export const fulfilSchema = z.object({
  carrier: z.enum(CARRIERS, { message: "Choose a carrier." }),
  trackingNumber: z
    .string()
    .trim()
    .transform((v) => v.replace(/\s+/g, "").toUpperCase())
    .pipe(
      z
        .string()
        .min(4, "Enter the tracking number (at least 4 characters).")
        .max(40, "A tracking number has at most 40 characters.")
        .regex(/^[A-Z0-9-]+$/, "Use only letters, digits and dashes."),
    ),
});

export type FulfilResult =
  { ok: true } | { ok: false; reason: "not_found" | "not_paid" | "already_fulfilled" | "refunded" };

/** Marks a paid order of the shop fulfilled with carrier + tracking, once; notifies the shopper. */
export async function fulfilOrder(input: {
  shopId: string;
  orderId: string;
  carrier: string;
  trackingNumber: string;
  actor: { id: string; email: string };
}): Promise<FulfilResult> {
  const result = await getDb().transaction(async (tx): Promise<FulfilResult> => {
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
  return result;
}
