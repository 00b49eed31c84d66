import { createHash } from "node:crypto";
import type Stripe from "stripe";

/**
 * What a Checkout Session for a pending order looks like. Pure and deterministic: built only
 * from the stored order and its items, so a repeated request (double click, retry) sends the
 * same body under the same idempotency key and Stripe replays the one session it made.
 */

/** Stripe wants expires_at at least 30 minutes after creation: one minute of margin for clocks. */
export const CHECKOUT_TTL_MS = 31 * 60 * 1000;
/** Stripe's own floor for expires_at: a session created later than this before it is refused. */
export const STRIPE_MIN_SESSION_MS = 30 * 60 * 1000;

/** Countries a shopper can ship to (the shop's own country is always added). */
export const SHIPPING_COUNTRIES = [
  "US",
  "CA",
  "GB",
  "IE",
  "DE",
  "FR",
  "NL",
  "ES",
  "IT",
  "AU",
  "JP",
] as const;

type AllowedCountry = Stripe.Checkout.SessionCreateParams.ShippingAddressCollection.AllowedCountry;

export type SessionOrder = {
  id: string;
  shopId: string;
  currency: string;
  applicationFee: number;
  checkoutMode: "embedded" | "hosted";
  sessionExpiresAt: Date | null;
  cartId: string | null;
  cartVersion: number | null;
};

export type SessionItem = {
  productName: string;
  variantLabel: string;
  unitPrice: number;
  quantity: number;
};

export function lineItemName(item: { productName: string; variantLabel: string }) {
  return item.variantLabel ? `${item.productName} — ${item.variantLabel}` : item.productName;
}

/**
 * The storefront's absolute base URL the shopper comes back to: on the shop's own host its
 * paths are the host's own (`http://kai.localhost:3000/checkout/return`), on the platform host
 * they sit under `/s/{shop}`.
 */
export function storefrontBaseUrl(origin: string, shopSlug: string, shopHost = false) {
  return shopHost ? origin : `${origin}/s/${shopSlug}`;
}

export function checkoutSessionParams(input: {
  order: SessionOrder;
  items: SessionItem[];
  shop: { slug: string; country: string };
  /** Where the shopper comes back to, e.g. http://localhost:3000 */
  origin: string;
  /** The origin is the shop's own host (no /s/{shop} prefix). */
  shopHost?: boolean;
}): Stripe.Checkout.SessionCreateParams {
  const { order, items, shop, origin } = input;
  if (!order.sessionExpiresAt) throw new Error("a pending order always has sessionExpiresAt");
  const base = storefrontBaseUrl(origin, shop.slug, input.shopHost);
  const returnUrl = `${base}/checkout/return?session_id={CHECKOUT_SESSION_ID}`;
  const countries = [...new Set([shop.country.toUpperCase(), ...SHIPPING_COUNTRIES])];
  const metadata = { order_id: order.id, shop_id: order.shopId };
  return {
    mode: "payment",
    line_items: items.map((item) => ({
      quantity: item.quantity,
      price_data: {
        currency: order.currency.toLowerCase(),
        unit_amount: item.unitPrice,
        product_data: { name: lineItemName(item) },
      },
    })),
    shipping_address_collection: { allowed_countries: countries as AllowedCountry[] },
    payment_intent_data: { application_fee_amount: order.applicationFee, metadata },
    client_reference_id: order.id,
    metadata,
    expires_at: Math.floor(order.sessionExpiresAt.getTime() / 1000),
    ...(order.checkoutMode === "embedded"
      ? { ui_mode: "embedded_page" as const, return_url: returnUrl }
      : {
          ui_mode: "hosted_page" as const,
          success_url: returnUrl,
          cancel_url: `${base}/checkout/cancel?order=${order.id}`,
        }),
  };
}

/**
 * Covers every parameter that varies between two requests for the same order: the cart, its
 * content version and the checkout mode, the order that holds the reservation, the session's
 * expiry and where the shopper comes back to (the return URL's origin and path). The same click
 * replays; anything that would change the body gets a new key (Stripe refuses a reused key with
 * a different body).
 */
export function checkoutIdempotencyKey(order: SessionOrder, storefrontBase: string) {
  const expires = order.sessionExpiresAt ? Math.floor(order.sessionExpiresAt.getTime() / 1000) : 0;
  const returnTo = createHash("sha256").update(storefrontBase).digest("hex").slice(0, 16);
  return `checkout:${order.cartId ?? "none"}:v${order.cartVersion ?? 0}:${order.checkoutMode}:${order.id}:${expires}:${returnTo}`;
}
