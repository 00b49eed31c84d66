import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Links that name a record and prove we issued them: `{id}.{sig}` where sig =
 * base64url(HMAC-SHA256(secret, "{purpose}{id}")). The purpose keeps a token minted for one kind
 * of link (a shopper's order page) from opening another (a staff invitation). A token that does
 * not verify names nothing: callers treat it exactly like an unknown record.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function signature(purpose: string, id: string, secret: string) {
  return createHmac("sha256", secret).update(`${purpose}${id}`).digest("base64url");
}

export function signId(purpose: string, id: string, secret: string) {
  return `${id}.${signature(purpose, id, secret)}`;
}

/** The id the token was signed for under `purpose`, or null when it is malformed or forged. */
export function verifySignedId(purpose: string, token: unknown, secret: string): string | null {
  if (typeof token !== "string" || token.length > 200) return null;
  const dot = token.indexOf(".");
  if (dot < 0) return null;
  const id = token.slice(0, dot).toLowerCase();
  const given = token.slice(dot + 1);
  if (!UUID.test(id) || !/^[A-Za-z0-9_-]{43}$/.test(given)) return null;
  const expected = Buffer.from(signature(purpose, id, secret));
  const actual = Buffer.from(given);
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return null;
  return id;
}
