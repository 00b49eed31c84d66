import "server-only";
import { getToken } from "next-auth/jwt";
import type { NextRequest } from "next/server";
import { findPublicShop, findShopForMember } from "@/db/queries/shops";
import { findUserById } from "@/db/queries/users";
import { storefrontItemExists, type StorefrontItemKind } from "@/db/queries/storefront";
import { paidOrderInShop } from "@/db/queries/order-changes";
import { authSecret } from "@/lib/auth";
import { verifyOrderToken } from "@/lib/orders/links";
import { sessionIsCurrent, tokenSessionVersion } from "@/lib/auth/session-version";

/**
 * Status-code checks for the proxy. With Cache Components a page's own notFound() runs after
 * the shell has been sent (status 200), so the proxy answers 404 up front. Pages and actions
 * still enforce access themselves: this only decides the status code early.
 */

const SHOP_TTL_MS = 30_000;
const MISSING_TTL_MS = 2_000;
const known = new Map<string, { exists: boolean; until: number }>();

export async function shopExists(slug: string) {
  const now = Date.now();
  const hit = known.get(slug);
  if (hit && hit.until > now) return hit.exists;
  const exists = (await findPublicShop(slug)) !== null;
  if (known.size > 5_000) known.clear();
  known.set(slug, { exists, until: now + (exists ? SHOP_TTL_MS : MISSING_TTL_MS) });
  return exists;
}

const ITEM_TTL_MS = 10_000;
const items = new Map<string, { exists: boolean; until: number }>();

/** An active product, a collection or a content page of this shop (briefly cached). */
export async function storefrontItemPublic(
  shopSlug: string,
  kind: StorefrontItemKind,
  itemSlug: string,
) {
  const key = `${shopSlug}/${kind}/${itemSlug}`;
  const now = Date.now();
  const hit = items.get(key);
  if (hit && hit.until > now) return hit.exists;
  const exists = await storefrontItemExists(shopSlug, kind, itemSlug);
  if (items.size > 20_000) items.clear();
  items.set(key, { exists, until: now + (exists ? ITEM_TTL_MS : MISSING_TTL_MS) });
  return exists;
}

/**
 * The signed-in user's id from the session cookie, or null: the token must verify and still be
 * current (not signed out since, not locked).
 */
export async function sessionUserId(request: NextRequest) {
  const token = await getToken({
    req: request,
    secret: authSecret(),
    secureCookie: request.nextUrl.protocol === "https:",
  });
  if (typeof token?.uid !== "string") return null;
  const user = await findUserById(token.uid);
  return sessionIsCurrent(user, tokenSessionVersion(token)) ? token.uid : null;
}

export async function isShopMember(userId: string, slug: string) {
  return (await findShopForMember(slug, userId)) !== null;
}

export async function isActiveAdmin(userId: string) {
  const user = await findUserById(userId);
  return user?.role === "admin" && !user.lockedAt;
}

/** A shopper's signed order link: the signature verifies and the paid order is this shop's. */
export async function shopperOrderLinkValid(slug: string, token: string) {
  let decoded: string;
  try {
    decoded = decodeURIComponent(token);
  } catch {
    return false;
  }
  const orderId = verifyOrderToken(decoded, authSecret());
  if (!orderId) return false;
  return paidOrderInShop(orderId, slug);
}
