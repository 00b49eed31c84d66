import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { cookies } from "next/headers";
import { env } from "@/lib/env";

/**
 * One random token per browser, kept in an httpOnly, SameSite=Lax cookie. Carts are stored per
 * (shop, SHA-256 of the token), so the same cookie gives one cart per shop and a stolen
 * database row never reveals a usable cookie.
 */
export const CART_COOKIE = "bazaar_cart";
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{32,64}$/;

export function hashCartToken(token: string) {
  return createHash("sha256").update(token).digest("hex");
}

/** The token hash from the request's cookie, or null (no cart yet). */
export async function readCartTokenHash() {
  const token = (await cookies()).get(CART_COOKIE)?.value;
  return token && TOKEN_PATTERN.test(token) ? hashCartToken(token) : null;
}

/** For server actions: the token hash, issuing a fresh cookie when there is none. */
export async function ensureCartTokenHash() {
  const jar = await cookies();
  const existing = jar.get(CART_COOKIE)?.value;
  if (existing && TOKEN_PATTERN.test(existing)) return hashCartToken(existing);
  const token = randomBytes(32).toString("base64url");
  jar.set(CART_COOKIE, token, {
    httpOnly: true,
    sameSite: "lax",
    secure: new URL(env().APP_URL).protocol === "https:",
    path: "/",
    maxAge: 60 * 60 * 24 * 60,
  });
  return hashCartToken(token);
}
