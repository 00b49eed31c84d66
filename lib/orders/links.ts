import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Signed shopper order links: `{orderId}.{sig}` where sig = base64url(HMAC-SHA256(secret,
 * "bazaar-order-link:v1:{orderId}")). No account is needed to open one; a token that does not
 * verify is treated exactly like an unknown order (404).
 */
const PURPOSE = "bazaar-order-link:v1:";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function signature(orderId: string, secret: string) {
  return createHmac("sha256", secret).update(`${PURPOSE}${orderId}`).digest("base64url");
}

export function orderToken(orderId: string, secret: string) {
  return `${orderId}.${signature(orderId, secret)}`;
}

/** The order id the token was signed for, or null when it is malformed or forged. */
export function verifyOrderToken(token: string, secret: string): string | null {
  if (typeof token !== "string" || token.length > 200) return null;
  const dot = token.indexOf(".");
  if (dot < 0) return null;
  const orderId = token.slice(0, dot).toLowerCase();
  const given = token.slice(dot + 1);
  if (!UUID.test(orderId) || !/^[A-Za-z0-9_-]{43}$/.test(given)) return null;
  const expected = Buffer.from(signature(orderId, secret));
  const actual = Buffer.from(given);
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return null;
  return orderId;
}

export function orderPagePath(shopSlug: string, token: string) {
  return `/s/${shopSlug}/orders/${encodeURIComponent(token)}`;
}

export function orderPageUrl(appUrl: string, shopSlug: string, token: string) {
  return new URL(orderPagePath(shopSlug, token), appUrl).toString();
}
