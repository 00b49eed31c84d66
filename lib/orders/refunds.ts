import "server-only";
import { and, eq, or, sql } from "drizzle-orm";
import { getDb, type Tx } from "@/db/client";
import { addOrderEvent } from "@/db/queries/orders";
import { getPlatformSettings, recordAudit } from "@/db/queries/platform";
import {
  orderItems,
  orderRefunds,
  orders,
  productVariants,
  products,
  type Order,
} from "@/db/schema";
import { formatMoney } from "@/lib/money";
import { getStripe, Stripe } from "@/lib/stripe/client";
import { planRefund, planRestock } from "./refund-plan";
import { throwIfAwaitingFinalisation } from "./awaiting-finalisation";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export type RefundReason = "requested_by_customer" | "duplicate" | "fraudulent";

export type RefundInput = {
  shopId: string;
  orderId: string;
  amount: number;
  reason: RefundReason | null;
  /** Units to put back on the shelf, by order item id. */
  restock: Record<string, number>;
  /** A per-form nonce: the same submission twice makes one refund. */
  requestId: string;
  actor: { id: string; email: string };
  /**
   * The most this order may have refunded in all (succeeded, in flight and this one) when the
   * caller's role is capped (staff: the shop's staff refund limit). Checked under the order lock,
   * so two refunds at once cannot pass it together.
   */
  refundCap?: number | null;
};

export type RefundResult =
  | {
      ok: true;
      refundId: string;
      stripeRefundId: string;
      amount: number;
      feeRefund: number;
      restocked: number;
    }
  | {
      ok: false;
      reason:
        | "over_limit"
        | "not_found"
        | "not_refundable"
        | "invalid"
        | "restock"
        | "duplicate"
        | "stripe"
        | "unconfirmed";
      message: string;
      itemId?: string;
    };

async function lockOrder(tx: Tx, orderId: string, shopId?: string) {
  const [order] = await tx
    .select()
    .from(orders)
    .where(shopId ? and(eq(orders.id, orderId), eq(orders.shopId, shopId)) : eq(orders.id, orderId))
    .limit(1)
    .for("update");
  return order ?? null;
}

async function pendingTotals(tx: Tx, orderId: string) {
  const [row] = await tx
    .select({
      amount: sql<number>`coalesce(sum(${orderRefunds.amount}), 0)::int`,
      fee: sql<number>`coalesce(sum(${orderRefunds.applicationFeeRefunded}), 0)::int`,
    })
    .from(orderRefunds)
    .where(and(eq(orderRefunds.orderId, orderId), eq(orderRefunds.status, "pending")));
  return row ?? { amount: 0, fee: 0 };
}

async function orderItemsForRestock(tx: Tx, orderId: string) {
  const rows = await tx
    .select({
      id: orderItems.id,
      quantity: orderItems.quantity,
      restockedQuantity: orderItems.restockedQuantity,
      reservedStock: orderItems.reservedStock,
      variantId: orderItems.variantId,
      trackStock: products.trackStock,
    })
    .from(orderItems)
    .leftJoin(products, eq(products.id, orderItems.productId))
    .where(eq(orderItems.orderId, orderId));
  return rows.map((r) => ({
    ...r,
    // Only stock this order actually took off a still-existing, tracked variant can go back.
    tracked: r.variantId !== null && r.trackStock === true && r.reservedStock > 0,
  }));
}

/**
 * Marks a pending refund row succeeded and adds it to the order (once). The order row must be
 * locked by the caller. Returns false when the row was already settled.
 */
async function settleRefundRow(
  tx: Tx,
  order: Order,
  row: typeof orderRefunds.$inferSelect,
  stripeRefundId: string,
) {
  if (row.status === "succeeded") return false;
  await tx
    .update(orderRefunds)
    .set({ status: "succeeded", stripeRefundId, failureMessage: null })
    .where(eq(orderRefunds.id, row.id));
  const now = new Date();
  await tx
    .update(orders)
    .set({
      refundedAmount: sql`${orders.refundedAmount} + ${row.amount}`,
      applicationFeeRefunded: sql`least(${orders.applicationFee}, ${orders.applicationFeeRefunded} + ${row.applicationFeeRefunded})`,
      updatedAt: now,
    })
    .where(eq(orders.id, order.id));
  const full = order.refundedAmount + row.amount >= order.total;
  await addOrderEvent(tx, {
    orderId: order.id,
    shopId: order.shopId,
    type: "refunded",
    message: `${full ? "Refunded in full" : "Partially refunded"}: ${formatMoney(row.amount, order.currency)}${
      row.applicationFeeRefunded > 0
        ? ` (platform fee returned: ${formatMoney(row.applicationFeeRefunded, order.currency)})`
        : ""
    }${row.createdBy ? "" : " — made on Stripe"}`,
    data: { refundId: row.id, stripeRefundId, amount: row.amount, fee: row.applicationFeeRefunded },
  });
  return true;
}

async function applyRestock(
  tx: Tx,
  order: Order,
  refundRowId: string,
  lines: { id: string; units: number }[],
) {
  let total = 0;
  for (const line of lines) {
    // Conditional update: never more than quantity − already restocked, even under races.
    const [item] = await tx
      .update(orderItems)
      .set({ restockedQuantity: sql`${orderItems.restockedQuantity} + ${line.units}` })
      .where(
        and(
          eq(orderItems.id, line.id),
          eq(orderItems.orderId, order.id),
          sql`${orderItems.restockedQuantity} + ${line.units} <= least(${orderItems.quantity}, ${orderItems.reservedStock})`,
        ),
      )
      .returning({ variantId: orderItems.variantId, name: orderItems.productName });
    if (!item?.variantId) continue;
    await tx
      .update(productVariants)
      .set({ stock: sql`${productVariants.stock} + ${line.units}` })
      .where(eq(productVariants.id, item.variantId));
    total += line.units;
  }
  if (total > 0) {
    await tx
      .update(orderRefunds)
      .set({ restockedUnits: sql`${orderRefunds.restockedUnits} + ${total}` })
      .where(eq(orderRefunds.id, refundRowId));
    await addOrderEvent(tx, {
      orderId: order.id,
      shopId: order.shopId,
      type: "restocked",
      message: `${total} unit${total === 1 ? "" : "s"} put back in stock`,
      data: { refundId: refundRowId, lines },
    });
  }
  return total;
}

function stripeMessage(error: unknown) {
  if (error instanceof Stripe.errors.StripeError) return error.message;
  return error instanceof Error ? error.message : "Unknown error";
}

/** Refunds part or all of a paid order on the connected account; see RefundResult. */
export async function refundOrder(input: RefundInput): Promise<RefundResult> {
  const db = getDb();
  const settings = await getPlatformSettings();
  const idempotencyKey = `order-refund:${input.orderId}:${input.requestId}`;

  // 1. Reserve the amount: with the order row locked, validate against what remains (succeeded
  //    and in-flight refunds) and record a pending refund. Two refunds at once queue on the lock.
  const prepared = await db.transaction(async (tx) => {
    const order = await lockOrder(tx, input.orderId, input.shopId);
    if (!order)
      return {
        ok: false as const,
        reason: "not_found" as const,
        message: "This order does not exist.",
      };
    if (order.status !== "paid" || !order.chargeId) {
      return {
        ok: false as const,
        reason: "not_refundable" as const,
        message: "Only paid orders can be refunded.",
      };
    }
    const [dup] = await tx
      .select({ id: orderRefunds.id })
      .from(orderRefunds)
      .where(eq(orderRefunds.idempotencyKey, idempotencyKey))
      .limit(1);
    if (dup) {
      return {
        ok: false as const,
        reason: "duplicate" as const,
        message: "This refund was already submitted.",
      };
    }
    const pending = await pendingTotals(tx, order.id);
    if (
      input.refundCap != null &&
      order.refundedAmount + pending.amount + input.amount > input.refundCap
    ) {
      return {
        ok: false as const,
        reason: "over_limit" as const,
        message: "This refund is above what your role may refund on this order.",
      };
    }
    const plan = planRefund({
      total: order.total,
      applicationFee: order.applicationFee,
      refundedAmount: order.refundedAmount,
      applicationFeeRefunded: order.applicationFeeRefunded,
      pendingAmount: pending.amount,
      pendingFee: pending.fee,
      amount: input.amount,
      policy: settings.feeRefundPolicy,
    });
    if (!plan.ok) return { ok: false as const, reason: "invalid" as const, message: plan.error };
    const items = await orderItemsForRestock(tx, order.id);
    const restock = planRestock(items, input.restock);
    if (!restock.ok) {
      return {
        ok: false as const,
        reason: "restock" as const,
        message: restock.error,
        itemId: restock.itemId,
      };
    }
    const [row] = await tx
      .insert(orderRefunds)
      .values({
        orderId: order.id,
        shopId: order.shopId,
        amount: plan.amount,
        applicationFeeRefunded: plan.feeRefund,
        status: "pending",
        reason: input.reason,
        createdBy: input.actor.id,
        idempotencyKey,
      })
      .returning();
    return { ok: true as const, order, row: row!, plan, restockLines: restock.lines };
  });
  if (!prepared.ok) return prepared;
  const { order, row, plan, restockLines } = prepared;

  // 2. Ask Stripe (on the connected account), idempotently.
  let stripeRefund: Stripe.Refund;
  try {
    stripeRefund = await getStripe().refunds.create(
      {
        charge: order.chargeId!,
        amount: plan.amount,
        refund_application_fee: plan.refundApplicationFee,
        ...(input.reason ? { reason: input.reason } : {}),
        metadata: { bazaar_order_id: order.id, bazaar_refund_id: row.id },
      },
      { stripeAccount: order.stripeAccountId, idempotencyKey },
    );
  } catch (error) {
    const message = stripeMessage(error);
    // A definite refusal (4xx) frees the amount again; an unknown outcome stays pending until
    // Stripe's charge.refunded event settles it.
    const definite =
      error instanceof Stripe.errors.StripeError &&
      typeof error.statusCode === "number" &&
      error.statusCode >= 400 &&
      error.statusCode < 500;
    if (definite) {
      await db.transaction(async (tx) => {
        await lockOrder(tx, order.id);
        await tx
          .update(orderRefunds)
          .set({ status: "failed", failureMessage: message.slice(0, 500) })
          .where(and(eq(orderRefunds.id, row.id), eq(orderRefunds.status, "pending")));
        await addOrderEvent(tx, {
          orderId: order.id,
          shopId: order.shopId,
          type: "refund_failed",
          message: `Refund of ${formatMoney(plan.amount, order.currency)} refused by Stripe: ${message}`,
          data: { refundId: row.id },
        });
      });
      return { ok: false, reason: "stripe", message: `Stripe refused the refund: ${message}` };
    }
    return {
      ok: false,
      reason: "unconfirmed",
      message: `Stripe did not confirm the refund (${message}). It will show here once Stripe reports it; do not refund again.`,
    };
  }
  if (stripeRefund.status === "failed" || stripeRefund.status === "canceled") {
    await db
      .update(orderRefunds)
      .set({
        status: stripeRefund.status,
        stripeRefundId: stripeRefund.id,
        failureMessage: stripeRefund.failure_reason ?? null,
      })
      .where(eq(orderRefunds.id, row.id));
    return {
      ok: false,
      reason: "stripe",
      message: `Stripe could not complete the refund (${stripeRefund.status}).`,
    };
  }

  // 3. Record the result (the charge.refunded webhook may have settled the row already: once).
  const restocked = await db.transaction(async (tx) => {
    const locked = (await lockOrder(tx, order.id))!;
    const [current] = await tx
      .select()
      .from(orderRefunds)
      .where(eq(orderRefunds.id, row.id))
      .limit(1);
    await settleRefundRow(tx, locked, current!, stripeRefund.id);
    const units =
      current!.restockedUnits === 0 ? await applyRestock(tx, locked, row.id, restockLines) : 0;
    await recordAudit(
      {
        actor: input.actor,
        action: "order.refund",
        shopId: order.shopId,
        target: { type: "order", id: order.id },
        before: { refundedAmount: locked.refundedAmount },
        after: {
          refundedAmount:
            locked.refundedAmount + (current!.status === "succeeded" ? 0 : plan.amount),
          amount: plan.amount,
          applicationFeeRefunded: plan.feeRefund,
          stripeRefundId: stripeRefund.id,
          restockedUnits: units,
        },
      },
      tx,
    );
    return units;
  });
  return {
    ok: true,
    refundId: row.id,
    stripeRefundId: stripeRefund.id,
    amount: plan.amount,
    feeRefund: plan.feeRefund,
    restocked,
  };
}

/**
 * `charge.refunded`: records every succeeded refund of the charge once, keyed by the Stripe
 * refund id. Refunds Bazaar started (metadata bazaar_refund_id) settle their own pending row
 * instead of being counted again; refunds made elsewhere (Stripe Dashboard) get a new row, and
 * the application fee returned is read from the platform's application fee.
 */
export async function syncChargeRefunds(input: {
  account: string;
  chargeId: string;
  /** Matches an order whose charge id was not recorded (yet) by its payment intent. */
  paymentIntentId?: string | null;
}): Promise<"processed" | "ignored"> {
  const db = getDb();
  const byPayment = input.paymentIntentId
    ? or(eq(orders.chargeId, input.chargeId), eq(orders.paymentIntentId, input.paymentIntentId))!
    : eq(orders.chargeId, input.chargeId);
  const [found] = await db
    .select({ id: orders.id })
    .from(orders)
    .where(and(byPayment, eq(orders.stripeAccountId, input.account), eq(orders.status, "paid")))
    .limit(1);
  if (!found) {
    await throwIfAwaitingFinalisation(input.account, input.paymentIntentId);
    return "ignored";
  }
  const stripe = getStripe();
  const refunds = await stripe.refunds
    .list({ charge: input.chargeId, limit: 100 }, { stripeAccount: input.account })
    .autoPagingToArray({ limit: 1000 });
  const succeeded = refunds.filter((r) => r.status === "succeeded" || r.status === "pending");
  let feeRefundedTotal: number | null = null;
  let changed = false;
  // Oldest first, so timeline entries follow Stripe's order.
  for (const refund of succeeded.sort((a, b) => a.created - b.created)) {
    if (refund.status !== "succeeded") continue;
    const did = await db.transaction(async (tx) => {
      const order = (await lockOrder(tx, found.id))!;
      const [known] = await tx
        .select()
        .from(orderRefunds)
        .where(eq(orderRefunds.stripeRefundId, refund.id))
        .limit(1);
      if (known) {
        return known.status === "succeeded" ? false : settleRefundRow(tx, order, known, refund.id);
      }
      const ours = refund.metadata?.bazaar_refund_id;
      if (ours && UUID.test(ours)) {
        const [mine] = await tx
          .select()
          .from(orderRefunds)
          .where(and(eq(orderRefunds.id, ours), eq(orderRefunds.orderId, order.id)))
          .limit(1);
        if (mine) return settleRefundRow(tx, order, mine, refund.id);
      }
      // Made outside Bazaar: the fee returned is whatever Stripe's application fee now shows.
      if (feeRefundedTotal === null && order.applicationFee > 0) {
        const fees = await stripe.applicationFees.list({ charge: input.chargeId, limit: 1 });
        feeRefundedTotal = fees.data[0]?.amount_refunded ?? 0;
      }
      const [pendingFee] = await tx
        .select({ fee: sql<number>`coalesce(sum(${orderRefunds.applicationFeeRefunded}), 0)::int` })
        .from(orderRefunds)
        .where(and(eq(orderRefunds.orderId, order.id), eq(orderRefunds.status, "pending")));
      const feeBack = Math.max(
        0,
        Math.min(
          order.applicationFee - order.applicationFeeRefunded,
          (feeRefundedTotal ?? 0) - order.applicationFeeRefunded - (pendingFee?.fee ?? 0),
        ),
      );
      const amount = Math.min(refund.amount, order.total - order.refundedAmount);
      if (amount <= 0) return false;
      const [row] = await tx
        .insert(orderRefunds)
        .values({
          orderId: order.id,
          shopId: order.shopId,
          stripeRefundId: refund.id,
          amount,
          applicationFeeRefunded: feeBack,
          status: "pending",
          reason: refund.reason ?? null,
          createdBy: null,
          createdAt: new Date(refund.created * 1000),
        })
        .onConflictDoNothing()
        .returning();
      if (!row) return false;
      return settleRefundRow(tx, order, row, refund.id);
    });
    changed ||= did;
  }
  return changed ? "processed" : "ignored";
}
