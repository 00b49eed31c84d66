"use server";

import { refresh } from "next/cache";
import { z } from "zod";
import { getOrderForShop } from "@/db/queries/orders";
import { recordId, shopAction } from "@/lib/action-pipeline";
import { can, overRefundLimitMessage } from "@/lib/auth/permissions";
import { expireShopStorefronts } from "@/lib/cache-invalidation";
import { AppError } from "@/lib/errors";
import { formatMoney, parseMoney } from "@/lib/money";
import { fulfilOrder, fulfilSchema } from "@/lib/orders/fulfil";
import { refundOrder, type RefundReason } from "@/lib/orders/refunds";

const NOT_FOUND = "This order does not exist.";
const orderRef = z.object({ orderId: recordId(NOT_FOUND) });

const FULFIL_REFUSED = {
  not_found: NOT_FOUND,
  not_paid: "Only paid orders can be fulfilled.",
  already_fulfilled: "This order is already fulfilled.",
  refunded: "This order was refunded in full; there is nothing to ship.",
} as const;

export const fulfilOrderAction = shopAction(
  { schema: orderRef.extend(fulfilSchema.shape), permission: "orders.fulfil" },
  async function fulfilOrderAction({ shop, user, input }) {
    const result = await fulfilOrder({
      shopId: shop.id,
      orderId: input.orderId,
      carrier: input.carrier,
      trackingNumber: input.trackingNumber,
      actor: { id: user.id, email: user.email },
    });
    if (!result.ok) {
      const message = FULFIL_REFUSED[result.reason];
      throw result.reason === "not_found" ? AppError.notFound(message) : AppError.conflict(message);
    }
    refresh();
    return { status: "success", message: "Order marked as fulfilled. The shopper was notified." };
  },
);

const refundSchema = orderRef.extend({
  amount: z.string().max(30).default(""),
  reason: z
    .enum(["", "requested_by_customer", "duplicate", "fraudulent"], {
      message: "Choose a reason from the list.",
    })
    .default(""),
  requestId: z.uuid({ message: "Reload the page and try again." }),
  restockAll: z.string().optional(),
});

export const refundOrderAction = shopAction(
  { schema: refundSchema, permission: "orders.refund" },
  async function refundOrderAction({ shop, user, role, input, values }) {
    const detail = await getOrderForShop(shop.id, input.orderId);
    if (!detail) throw AppError.notFound(NOT_FOUND);
    const { order, items } = detail;
    const money = parseMoney(input.amount, order.currency);
    if (!money.ok) throw AppError.invalid({ amount: money.error });
    // Staff refund up to the shop's limit per order (everything refunded on it counts).
    const refundCap = can(role, "orders.refund_over_limit") ? null : shop.staffRefundLimit;
    const capMessage = overRefundLimitMessage(formatMoney(shop.staffRefundLimit, order.currency));
    if (refundCap !== null && order.refundedAmount + money.minor > refundCap) {
      throw AppError.forbidden(capMessage);
    }

    // Restock: "all" puts back every unit not yet restocked of tracked items; otherwise per item.
    const restock: Record<string, number> = {};
    const fieldErrors: Record<string, string> = {};
    for (const item of items) {
      if (input.restockAll === "on") {
        const left = Math.min(item.quantity, item.reservedStock) - item.restockedQuantity;
        if (left > 0 && item.variantId) restock[item.id] = left;
        continue;
      }
      const raw = values[`restock_${item.id}`]?.trim() ?? "";
      if (raw === "" || raw === "0") continue;
      if (!/^\d{1,4}$/.test(raw)) {
        fieldErrors[`restock_${item.id}`] = "Enter a whole number of units.";
        continue;
      }
      restock[item.id] = Number(raw);
    }
    if (Object.keys(fieldErrors).length > 0) throw AppError.invalid(fieldErrors);
    const result = await refundOrder({
      shopId: shop.id,
      orderId: input.orderId,
      amount: money.minor,
      reason: (input.reason || null) as RefundReason | null,
      restock,
      requestId: input.requestId,
      actor: { id: user.id, email: user.email },
      refundCap,
    });
    if (!result.ok) {
      if (result.reason === "invalid") throw AppError.invalid({ amount: result.message });
      if (result.reason === "restock" && result.itemId) {
        throw AppError.invalid({ [`restock_${result.itemId}`]: result.message });
      }
      if (result.reason === "over_limit") throw AppError.forbidden(capMessage);
      if (result.reason === "not_found") throw AppError.notFound(result.message);
      throw AppError.conflict(result.message);
    }
    if (result.restocked > 0) expireShopStorefronts([shop.id], "action");
    refresh();
    return {
      status: "success",
      message: `Refunded ${formatMoney(result.amount, order.currency)}${
        result.restocked > 0
          ? `; ${result.restocked} unit${result.restocked === 1 ? "" : "s"} back in stock`
          : ""
      }.`,
    };
  },
);
