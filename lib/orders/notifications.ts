import "server-only";
import { addOrderEvent, findOrderForEmail, findShopOwnerEmail } from "@/db/queries/orders";
import { authSecret } from "@/lib/auth/secret";
import { queueEmail } from "@/lib/email/outbox";
import {
  newOrderEmail,
  orderConfirmationEmail,
  shippingNoticeEmail,
  type EmailOrder,
} from "@/lib/email/templates";
import { env } from "@/lib/env";
import { orderPageUrl, orderToken } from "./links";

async function loadForEmail(orderId: string) {
  const row = await findOrderForEmail(orderId);
  if (!row) return null;
  const { items } = row;
  const emailOrder: EmailOrder = {
    number: row.order.number,
    currency: row.order.currency,
    total: row.order.total,
    shopName: row.shopName,
    customerName: row.order.customerName,
    email: row.order.email,
    items,
  };
  return { ...row, emailOrder };
}

/** The shopper's signed link to their order (absolute, for e-mails). */
export function shopperOrderUrl(shopSlug: string, orderId: string) {
  return orderPageUrl(env().APP_URL, shopSlug, orderToken(orderId, authSecret()));
}

/**
 * Called once, after the transaction that turned an order into `paid` has committed.
 * Queues the shopper's confirmation and the merchant's new-order notice (lib/email). Safe to
 * call again: each message has a dedupe key, so a repeat sends nothing twice.
 */
export async function notifyOrderPaid(orderId: string): Promise<void> {
  const loaded = await loadForEmail(orderId);
  if (!loaded || loaded.order.status !== "paid") return;
  const { order, shopSlug, emailOrder } = loaded;
  if (order.email) {
    const content = orderConfirmationEmail(emailOrder, shopperOrderUrl(shopSlug, order.id));
    const queued = await queueEmail({
      dedupeKey: `order_confirmation:${order.id}`,
      kind: "order_confirmation",
      to: order.email,
      shopId: order.shopId,
      orderId: order.id,
      ...content,
    });
    if (queued.created) {
      await addOrderEvent(null, {
        orderId: order.id,
        shopId: order.shopId,
        type: "email",
        message: `Order confirmation e-mailed to ${order.email}`,
        data: { emailId: queued.id, kind: "order_confirmation" },
      });
    }
  }
  const owner = await findShopOwnerEmail(order.shopId);
  if (owner) {
    const url = new URL(`/dashboard/${shopSlug}/orders/${order.id}`, env().APP_URL).toString();
    await queueEmail({
      dedupeKey: `new_order:${order.id}`,
      kind: "new_order",
      to: owner,
      shopId: order.shopId,
      orderId: order.id,
      ...newOrderEmail(emailOrder, url),
    });
  }
}

/** Queues the shipping notice for a fulfilled order (once per order). */
export async function notifyOrderShipped(orderId: string): Promise<void> {
  const loaded = await loadForEmail(orderId);
  if (!loaded) return;
  const { order, shopSlug, emailOrder } = loaded;
  if (!order.email || !order.carrier || !order.trackingNumber) return;
  const queued = await queueEmail({
    dedupeKey: `shipping_notice:${order.id}`,
    kind: "shipping_notice",
    to: order.email,
    shopId: order.shopId,
    orderId: order.id,
    ...shippingNoticeEmail(
      emailOrder,
      { carrier: order.carrier, trackingNumber: order.trackingNumber },
      shopperOrderUrl(shopSlug, order.id),
    ),
  });
  if (queued.created) {
    await addOrderEvent(null, {
      orderId: order.id,
      shopId: order.shopId,
      type: "email",
      message: `Shipping notice e-mailed to ${order.email}`,
      data: { emailId: queued.id, kind: "shipping_notice" },
    });
  }
}
