import { signId, verifySignedId } from "@/lib/signed-id";

/**
 * Signed shopper order links: `{orderId}.{sig}` (lib/signed-id, purpose
 * "bazaar-order-link:v1:"). No account is needed to open one; a token that does not verify is
 * treated exactly like an unknown order (404).
 */
const PURPOSE = "bazaar-order-link:v1:";

export function orderToken(orderId: string, secret: string) {
  return signId(PURPOSE, orderId, secret);
}

/** The order id the token was signed for, or null when it is malformed or forged. */
export function verifyOrderToken(token: string, secret: string): string | null {
  return verifySignedId(PURPOSE, token, secret);
}

export function orderPagePath(shopSlug: string, token: string) {
  return `/s/${shopSlug}/orders/${encodeURIComponent(token)}`;
}

export function orderPageUrl(appUrl: string, shopSlug: string, token: string) {
  return new URL(orderPagePath(shopSlug, token), appUrl).toString();
}
