import "server-only";
import { formatMoney } from "@/lib/money";
import type Stripe from "stripe";
import {
  attachCheckoutSession,
  extendCheckoutExpiry,
  findCartRef,
  findCheckoutShop,
  listOrderItems,
  pendingOrdersOfCart,
  reserveCheckout,
  type CheckoutMode,
  type CheckoutShop,
} from "@/db/queries/orders-checkout";
import { getPlatformSettings, getShopFeeOverride, platformFeeConfig } from "@/db/queries/platform";
import type { Order, OrderItem } from "@/db/schema";
import { expireShopStorefronts } from "@/lib/cache-invalidation";
import { effectiveFeeConfig } from "@/lib/fees";
import { getStripe } from "@/lib/stripe/client";
import { canTakePayments } from "@/lib/stripe/status";
import { closePendingCheckout, releaseOrder, releaseOverdueCheckouts } from "./finalise";
import {
  CHECKOUT_TTL_MS,
  STRIPE_MIN_SESSION_MS,
  checkoutIdempotencyKey,
  checkoutSessionParams,
  storefrontBaseUrl,
} from "./session-params";
import { log } from "@/lib/log";

import { consumeLimit, waitText } from "@/lib/rate-limit";

/** A pending order is reused only while its session has at least this long left. */
const REUSE_MARGIN_MS = 5 * 60 * 1000;

export const CLOSED_MESSAGE = "This shop is not accepting orders right now.";

export type CheckoutFailure =
  | "not_found"
  | "closed"
  | "empty"
  | "unavailable"
  | "sold_out"
  | "too_large"
  | "stripe"
  | "busy"
  | "rate_limited";

export type CheckoutResult =
  | {
      ok: true;
      mode: CheckoutMode;
      orderId: string;
      sessionId: string;
      /** hosted: where to send the shopper. */
      url: string | null;
      /** embedded: for EmbeddedCheckoutProvider. */
      clientSecret: string | null;
      reused: boolean;
    }
  | { ok: false; reason: CheckoutFailure; message: string };

function fail(reason: CheckoutFailure, message: string): CheckoutResult {
  return { ok: false, reason, message };
}

export function soldOutMessage(productName: string, available: number) {
  return available > 0
    ? `Only ${available} of ${productName} left — lower the quantity in your cart to continue.`
    : `Sorry, ${productName} just sold out. Remove it from your cart to continue.`;
}

function stripeMessage(error: unknown) {
  const e = error as { code?: string; type?: string };
  if (e?.code === "amount_too_small")
    return "The order total is below the minimum card payment. Add another item to check out.";
  return "We couldn't start the payment just now. Nothing was charged — please try again in a moment.";
}

async function createSession(
  shop: CheckoutShop,
  order: Order,
  items: OrderItem[],
  origin: string,
  shopHost: boolean,
): Promise<Stripe.Checkout.Session> {
  const base = storefrontBaseUrl(origin, shop.slug, shopHost);
  return getStripe().checkout.sessions.create(
    checkoutSessionParams({ order, items, shop, origin, shopHost }),
    { stripeAccount: order.stripeAccountId, idempotencyKey: checkoutIdempotencyKey(order, base) },
  );
}

export type BeginCheckoutInput = {
  shop: { slug: string } | { id: string };
  /** SHA-256 of the shopper's cart cookie; null when the browser has no cart. */
  tokenHash: string | null;
  origin: string;
  /** The origin is the shop's own host: return URLs use its own paths, not /s/{shop}. */
  shopHost?: boolean;
  /** Per-request checkout mode (emulator only, for tests); the platform setting otherwise. */
  modeOverride?: CheckoutMode | null;
  from?: "action" | "request";
  /** The shopper's network address: checkout creation is rate-limited per cart and per client. */
  clientAddress?: string | null;
};

/**
 * Checkout from the shopper's cart: everything (prices, stock, the shop's state) is read from
 * the database here. Reserves stock atomically and opens a Checkout Session on the shop's
 * connected account (direct charge). Repeating the call for an unchanged cart returns the same
 * session; a changed cart closes the old session and reserves again.
 */
export async function beginCheckout(input: BeginCheckoutInput): Promise<CheckoutResult> {
  const from = input.from ?? "action";
  const shop = await findCheckoutShop(input.shop);
  if (!shop) return fail("not_found", "This shop does not exist.");
  if (!canTakePayments(shop) || !shop.accountId || shop.disconnectedAt) {
    return fail("closed", CLOSED_MESSAGE);
  }
  if (!input.tokenHash) return fail("empty", "Your cart is empty.");
  // Each attempt may create a Checkout Session on the merchant's account: limited per cart and
  // per client address, atomically across instances.
  for (const key of [
    `cart:${input.tokenHash}`,
    input.clientAddress && `ip:${input.clientAddress}`,
  ]) {
    if (!key) continue;
    const limit = await consumeLimit("checkout", key);
    if (!limit.ok) {
      return fail(
        "rate_limited",
        `Too many checkout attempts. Please wait ${waitText(limit.retryAfterSeconds)} and try again.`,
      );
    }
  }
  const settings = await getPlatformSettings();
  const mode = input.modeOverride ?? settings.checkoutMode;
  const feeConfig = effectiveFeeConfig(
    platformFeeConfig(settings),
    await getShopFeeOverride(shop.id),
  );

  for (let attempt = 0; attempt < 3; attempt++) {
    const now = new Date();
    const outcome = await reserveCheckout({
      shopId: shop.id,
      tokenHash: input.tokenHash,
      currency: shop.currency,
      stripeAccountId: shop.accountId,
      mode,
      feeConfig,
      now,
      ttlMs: CHECKOUT_TTL_MS,
      reuseMarginMs: REUSE_MARGIN_MS,
    });
    switch (outcome.kind) {
      case "empty":
        return fail("empty", "Your cart is empty.");
      case "unavailable":
        return fail(
          "unavailable",
          `${outcome.productName} is no longer for sale. Remove it from your cart to continue.`,
        );
      case "sold_out":
        return fail("sold_out", soldOutMessage(outcome.productName, outcome.available));
      case "too_large":
        return fail(
          "too_large",
          `One payment can be at most ${formatMoney(outcome.max, shop.currency)}; this cart comes to ${formatMoney(outcome.subtotal, shop.currency)}. Lower a quantity or remove an item to continue.`,
        );
      case "stale": {
        // An older checkout of this cart: close it on Stripe first, then give its stock back.
        for (const old of outcome.orders) {
          try {
            const closed = await closePendingCheckout(old, "cart_changed", from);
            if (closed === "paid")
              return fail(
                "busy",
                "Your earlier checkout of this cart was just paid. Check your e-mail for the confirmation.",
              );
            if (closed === "still_open")
              return fail(
                "busy",
                "Your earlier payment is still being confirmed. Please wait a moment before checking out again.",
              );
          } catch (error) {
            log().error({ err: error }, `[checkout] could not close checkout ${old.id}`);
            return fail("stripe", stripeMessage(error));
          }
        }
        continue;
      }
      case "reserved":
      case "reuse": {
        const { order, items } = outcome;
        if (outcome.kind === "reserved") expireShopStorefronts([shop.id], from);
        let session: Stripe.Checkout.Session;
        try {
          const existing =
            outcome.kind === "reuse" && order.checkoutSessionId
              ? await getStripe().checkout.sessions.retrieve(
                  order.checkoutSessionId,
                  {},
                  { stripeAccount: order.stripeAccountId },
                )
              : null;
          if (existing && existing.status !== "open") {
            // Paid or expired behind our back: settle it, then go round again.
            const closed = await closePendingCheckout(order, "overdue", from);
            if (closed === "paid")
              return fail(
                "busy",
                "This cart was just paid for. Check your e-mail for the confirmation.",
              );
            continue;
          }
          const usable = existing && (existing.url || existing.client_secret) ? existing : null;
          let sessionOrder = order;
          if (!usable && order.sessionExpiresAt) {
            // A new session for a reused reservation: Stripe refuses expires_at less than 30
            // minutes after creation, so the reservation is extended first.
            const floor = Date.now() + STRIPE_MIN_SESSION_MS;
            if (order.sessionExpiresAt.getTime() < floor) {
              const until = new Date(Date.now() + CHECKOUT_TTL_MS);
              if (!(await extendCheckoutExpiry(order.id, until))) {
                return fail("busy", "Your checkout changed in the meantime. Please try again.");
              }
              sessionOrder = { ...order, sessionExpiresAt: until };
            }
          }
          session =
            usable ??
            (await createSession(shop, sessionOrder, items, input.origin, input.shopHost ?? false));
        } catch (error) {
          log().error({ err: error }, `[checkout] Checkout Session for order ${order.id} failed`);
          // Only the request that reserved gives the stock back (a concurrent twin may succeed).
          if (outcome.kind === "reserved") {
            await releaseOrder(
              order.id,
              "expired",
              from,
              { reason: "stripe_error" },
              "Stripe could not open the checkout; reserved stock returned.",
            );
          }
          return fail("stripe", stripeMessage(error));
        }
        if (!(await attachCheckoutSession(order.id, session.id))) {
          return fail("busy", "Your checkout changed in the meantime. Please try again.");
        }
        return {
          ok: true,
          mode: order.checkoutMode,
          orderId: order.id,
          sessionId: session.id,
          url: session.url ?? null,
          clientSecret: session.client_secret ?? null,
          reused: outcome.kind === "reuse",
        };
      }
    }
  }
  return fail("busy", "Your cart is changing too quickly to check out. Please try again.");
}

/**
 * The shopper's open embedded checkout for their current cart, with the client secret the
 * browser needs; null when there is none (never checked out, cart changed, session closed).
 */
export async function openEmbeddedCheckout(shopId: string, tokenHash: string | null) {
  if (!tokenHash) return null;
  const cart = await findCartRef(shopId, tokenHash);
  if (!cart) return null;
  await releaseOverdueCheckouts(cart.id);
  const pending = await pendingOrdersOfCart(cart.id);
  const order = pending.find(
    (o) => o.cartVersion === cart.version && o.checkoutMode === "embedded" && o.checkoutSessionId,
  );
  if (!order?.checkoutSessionId) return null;
  const session = await getStripe().checkout.sessions.retrieve(
    order.checkoutSessionId,
    {},
    { stripeAccount: order.stripeAccountId },
  );
  if (session.status !== "open" || !session.client_secret) return null;
  return {
    order,
    items: await listOrderItems(order.id),
    clientSecret: session.client_secret,
    stripeAccount: order.stripeAccountId,
  };
}
