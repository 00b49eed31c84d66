import "server-only";
import type Stripe from "stripe";
import {
  findOrder,
  findOrderBySession,
  markOrderPaid,
  overduePendingOrders,
  overduePendingOrdersOfAllShops,
  pendingOrdersOfShop,
  releaseOrderReservation,
} from "@/db/queries/orders-checkout";
import type { Order, ShippingAddress } from "@/db/schema";
import { expireShopStorefronts } from "@/lib/cache-invalidation";
import { getStripe } from "@/lib/stripe/client";
import { stripeFeesOfCharge } from "@/lib/stripe/charge-fees";
import { isUuid } from "@/db/queries/catalog";
import { log } from "@/lib/log";

type From = "action" | "request";

export type FinaliseResult =
  | { status: "paid"; order: Order; newlyPaid: boolean }
  /** The session is not paid (yet): open, async payment pending, or expired. */
  | { status: "not_paid"; order: Order }
  /** No order of ours, or the session/account does not match the order. */
  | { status: "not_found" };

function addressOf(
  details: { name?: string | null; address?: Stripe.Address | null } | null | undefined,
): ShippingAddress | null {
  if (!details?.address) return null;
  const a = details.address;
  return {
    name: details.name ?? null,
    line1: a.line1 ?? null,
    line2: a.line2 ?? null,
    city: a.city ?? null,
    state: a.state ?? null,
    postalCode: a.postal_code ?? null,
    country: a.country ?? null,
  };
}

/** The order a session was made for, only when the session and account match it. */
async function orderForSession(session: Stripe.Checkout.Session, account: string) {
  const orderId = session.client_reference_id ?? session.metadata?.order_id ?? null;
  const byId = isUuid(orderId) ? await findOrder(orderId) : null;
  const order = byId ?? (await findOrderBySession(session.id));
  if (!order) return null;
  if (order.stripeAccountId !== account) return null;
  if (order.checkoutSessionId !== null && order.checkoutSessionId !== session.id) return null;
  return order;
}

function idOf(value: string | { id: string } | null | undefined) {
  if (!value) return null;
  return typeof value === "string" ? value : value.id;
}

/**
 * The one way an order becomes paid: from the `checkout.session.completed` /
 * `async_payment_succeeded` webhooks and from the return page. Only a session whose
 * payment_status is `paid` finalises; the conditional pending → paid update makes duplicate
 * webhooks and a racing return page produce one paid order. `account` is the connected account
 * the session was read from (event.account, or the account the return page asked).
 */
export async function finaliseOrderFromSession(
  session: Stripe.Checkout.Session,
  account: string,
  from: From = "request",
): Promise<FinaliseResult> {
  const order = await orderForSession(session, account);
  if (!order) return { status: "not_found" };
  if (order.status === "paid") return { status: "paid", order, newlyPaid: false };
  if (session.payment_status !== "paid" || order.status === "failed") {
    return { status: "not_paid", order };
  }

  let chargeId: string | null = null;
  let stripeFee: number | null = null;
  let platformStripeFee: number | null = null;
  let applicationFee: number | null = null;
  const paymentIntentId = idOf(session.payment_intent);
  if (paymentIntentId) {
    const pi = await getStripe().paymentIntents.retrieve(
      paymentIntentId,
      { expand: ["latest_charge.balance_transaction"] },
      { stripeAccount: account },
    );
    applicationFee = pi.application_fee_amount ?? null;
    const charge = pi.latest_charge;
    if (charge && typeof charge === "object") {
      chargeId = charge.id;
      const fees = await stripeFeesOfCharge(charge);
      stripeFee = fees.shop;
      platformStripeFee = fees.platform;
    } else {
      chargeId = idOf(charge);
    }
  }
  const loose = session as Stripe.Checkout.Session & {
    shipping_details?: { name?: string | null; address?: Stripe.Address | null } | null;
  };
  const shipping =
    addressOf(session.collected_information?.shipping_details) ?? addressOf(loose.shipping_details);
  const paid = await markOrderPaid(order.id, {
    sessionId: session.id,
    amountTotal: session.amount_total ?? order.total,
    paymentIntentId,
    chargeId,
    stripeFee,
    platformStripeFee,
    applicationFee,
    email: session.customer_details?.email ?? session.customer_email ?? null,
    customerName: session.customer_details?.name ?? shipping?.name ?? null,
    shippingAddress: shipping,
  });
  if (!paid) {
    const now = await findOrder(order.id);
    if (now?.status === "paid") return { status: "paid", order: now, newlyPaid: false };
    return { status: "not_paid", order: now ?? order };
  }
  // The e-mails were enqueued with the payment (markOrderPaid): the worker writes and sends them.
  expireShopStorefronts([paid.shopId], from);
  return { status: "paid", order: paid, newlyPaid: true };
}

/**
 * `checkout.session.expired` / `async_payment_failed`: gives the reservation back, once.
 * Null when the order is not ours or was already closed.
 */
export async function releaseOrderForSession(
  session: Stripe.Checkout.Session,
  account: string,
  to: "expired" | "failed",
  from: From = "request",
) {
  const order = await orderForSession(session, account);
  if (!order) return null;
  return releaseOrder(order.id, to, from, { sessionId: session.id });
}

const RELEASE_MESSAGES = {
  expired: "Checkout expired; reserved stock returned.",
  failed: "The payment failed; reserved stock returned.",
} as const;

export async function releaseOrder(
  orderId: string,
  to: "expired" | "failed",
  from: From = "request",
  data: Record<string, unknown> = {},
  message: string = RELEASE_MESSAGES[to],
) {
  const released = await releaseOrderReservation(orderId, to, message, data);
  if (released) expireShopStorefronts([released.shopId], from);
  return released;
}

export type CloseOutcome = "released" | "paid" | "still_open" | "closed";

/**
 * Stripe refuses to expire a session that is no longer open with a plain
 * StripeInvalidRequestError (no `code`), so the error itself says nothing about why: the
 * session's status, re-read from Stripe, decides (STRIPE-COMMERCE.md §9).
 */
function isNotOpenError(error: unknown) {
  const e = error as { type?: string };
  return e?.type === "StripeInvalidRequestError";
}

/**
 * Ends a pending checkout: expires its session on the connected account first (so it can no
 * longer be paid), then gives the stock back. When Stripe refuses to expire the session, the
 * session is re-read and its status decides: paid → the order is finalised; completed but not
 * paid yet → the reservation stays; expired → released; still open → the error is rethrown.
 * Throws when Stripe cannot be reached (nothing is released then: the session might still be paid).
 */
export async function closePendingCheckout(
  order: Order,
  reason: string,
  from: From = "request",
): Promise<CloseOutcome> {
  if (order.status !== "pending") return order.status === "paid" ? "paid" : "closed";
  const stripe = getStripe();
  const opts = { stripeAccount: order.stripeAccountId };
  if (order.checkoutSessionId) {
    try {
      await stripe.checkout.sessions.expire(order.checkoutSessionId, undefined, opts);
    } catch (error) {
      if (!isNotOpenError(error)) throw error;
      const session = await stripe.checkout.sessions.retrieve(order.checkoutSessionId, {}, opts);
      if (session.status === "complete") {
        if (session.payment_status === "paid") {
          const result = await finaliseOrderFromSession(session, order.stripeAccountId, from);
          return result.status === "paid" ? "paid" : "still_open";
        }
        // Completed with an asynchronous payment still processing: keep the reservation.
        return "still_open";
      }
      // Still open (or a status we do not know): the refusal had another cause; keep the stock.
      if (session.status !== "expired") throw error;
      // Expired on Stripe already: nothing can pay it any more, so the stock goes back.
    }
  }
  const released = await releaseOrder(order.id, "expired", from, { reason }, reasonMessage(reason));
  return released ? "released" : "closed";
}

function reasonMessage(reason: string) {
  switch (reason) {
    case "cart_changed":
      return "The cart changed before payment; the old checkout was closed and its stock returned.";
    case "cancelled":
      return "The shopper went back to the cart; checkout closed and stock returned.";
    case "suspended":
      return "The shop was suspended; checkout closed and stock returned.";
    case "overdue":
      return "Checkout expired; reserved stock returned.";
    default:
      return "Checkout closed; reserved stock returned.";
  }
}

/**
 * Releases pending orders whose session time has passed: every few minutes for all shops (the
 * worker's sweep), and for one cart when it is next used.
 */
export async function releaseOverdueCheckoutsOfAllShops(now = new Date()) {
  const overdue = await overduePendingOrdersOfAllShops(now);
  let released = 0;
  for (const order of overdue) {
    try {
      if ((await closePendingCheckout(order, "overdue")) === "released") released++;
    } catch (error) {
      log().error({ err: error }, `[orders] could not close overdue checkout ${order.id}`);
    }
  }
  return { seen: overdue.length, released };
}

/** Releases a cart's pending orders whose session time has passed (run when the cart is next used). */
export async function releaseOverdueCheckouts(cartId: string, from: From = "request") {
  const overdue = await overduePendingOrders(cartId, new Date());
  for (const order of overdue) {
    try {
      await closePendingCheckout(order, "overdue", from);
    } catch (error) {
      log().error({ err: error }, `[orders] could not close overdue checkout ${order.id}`);
    }
  }
  return overdue.length;
}

/**
 * Suspension: expires every open Checkout Session of the shop on Stripe and gives the stock
 * back. Runs after the suspension has committed (new checkouts are already refused).
 */
export async function expireOpenCheckouts(shopId: string, from: From = "request") {
  const pending = await pendingOrdersOfShop(shopId);
  let released = 0;
  const failures: string[] = [];
  for (const order of pending) {
    try {
      if ((await closePendingCheckout(order, "suspended", from)) === "released") released++;
    } catch (error) {
      failures.push(order.id);
      log().error({ err: error }, `[orders] could not expire checkout ${order.id} on suspension`);
    }
  }
  return { released, failed: failures };
}
