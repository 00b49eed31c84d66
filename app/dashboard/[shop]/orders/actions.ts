"use server";

import { refresh } from "next/cache";
import { z } from "zod";
import { isUuid } from "@/db/queries/catalog";
import { getOrderForShop } from "@/db/queries/orders";
import { errorState, fieldErrorsOf, formObject, type ActionState, formAction } from "@/lib/actions";
import { loadShopForAction } from "@/lib/auth/session";
import { expireShopStorefronts } from "@/lib/cache-invalidation";
import { formatMoney, parseMoney } from "@/lib/money";
import { fulfilOrder, fulfilSchema } from "@/lib/orders/fulfil";
import { refundOrder, type RefundReason } from "@/lib/orders/refunds";

const NO_ACCESS = "You do not have access to this shop. Sign in again.";
const NOT_FOUND = "This order does not exist.";

export const fulfilOrderAction = formAction(async function fulfilOrderAction(
  _prev: ActionState,
  formData: FormData,
): Promise<ActionState> {
  const ctx = await loadShopForAction(formData.get("shop"));
  if (!ctx) return errorState(NO_ACCESS);
  const orderId = formData.get("orderId");
  if (!isUuid(orderId)) return errorState(NOT_FOUND);
  const values = formObject(formData);
  const parsed = fulfilSchema.safeParse(values);
  if (!parsed.success) {
    return errorState("Check the highlighted fields.", fieldErrorsOf(parsed.error), values);
  }
  const result = await fulfilOrder({
    shopId: ctx.shop.id,
    orderId,
    carrier: parsed.data.carrier,
    trackingNumber: parsed.data.trackingNumber,
    actor: { id: ctx.user.id, email: ctx.user.email },
  });
  if (!result.ok) {
    const messages = {
      not_found: NOT_FOUND,
      not_paid: "Only paid orders can be fulfilled.",
      already_fulfilled: "This order is already fulfilled.",
      refunded: "This order was refunded in full; there is nothing to ship.",
    } as const;
    return errorState(messages[result.reason], {}, values);
  }
  refresh();
  return { status: "success", message: "Order marked as fulfilled. The shopper was notified." };
});

const refundSchema = z.object({
  amount: z.string().max(30),
  reason: z.enum(["", "requested_by_customer", "duplicate", "fraudulent"], {
    message: "Choose a reason from the list.",
  }),
  requestId: z.uuid({ message: "Reload the page and try again." }),
});

export const refundOrderAction = formAction(async function refundOrderAction(
  _prev: ActionState,
  formData: FormData,
): Promise<ActionState> {
  const ctx = await loadShopForAction(formData.get("shop"));
  if (!ctx) return errorState(NO_ACCESS);
  const orderId = formData.get("orderId");
  if (!isUuid(orderId)) return errorState(NOT_FOUND);
  const values = formObject(formData);
  const parsed = refundSchema.safeParse({
    amount: values.amount ?? "",
    reason: values.reason ?? "",
    requestId: values.requestId ?? "",
  });
  if (!parsed.success) {
    return errorState("Check the highlighted fields.", fieldErrorsOf(parsed.error), values);
  }
  const detail = await getOrderForShop(ctx.shop.id, orderId);
  if (!detail) return errorState(NOT_FOUND);
  const { order, items } = detail;
  const money = parseMoney(parsed.data.amount, order.currency);
  if (!money.ok)
    return errorState("Check the highlighted fields.", { amount: money.error }, values);

  // Restock: "all" puts back every unit not yet restocked of tracked items; otherwise per item.
  const restock: Record<string, number> = {};
  const fieldErrors: Record<string, string> = {};
  const all = formData.get("restockAll") === "on";
  for (const item of items) {
    if (all) {
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
  if (Object.keys(fieldErrors).length > 0) {
    return errorState("Check the highlighted fields.", fieldErrors, values);
  }
  const result = await refundOrder({
    shopId: ctx.shop.id,
    orderId,
    amount: money.minor,
    reason: (parsed.data.reason || null) as RefundReason | null,
    restock,
    requestId: parsed.data.requestId,
    actor: { id: ctx.user.id, email: ctx.user.email },
  });
  if (!result.ok) {
    if (result.reason === "invalid") {
      return errorState("Check the highlighted fields.", { amount: result.message }, values);
    }
    if (result.reason === "restock" && result.itemId) {
      return errorState(
        "Check the highlighted fields.",
        { [`restock_${result.itemId}`]: result.message },
        values,
      );
    }
    return errorState(result.message, {}, values);
  }
  if (result.restocked > 0) expireShopStorefronts([ctx.shop.id], "action");
  refresh();
  return {
    status: "success",
    message: `Refunded ${formatMoney(result.amount, order.currency)}${
      result.restocked > 0
        ? `; ${result.restocked} unit${result.restocked === 1 ? "" : "s"} back in stock`
        : ""
    }.`,
  };
});
