import { randomBytes } from "node:crypto";

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** Random base62 text; rejection sampling keeps characters uniform. */
export function randomText(length: number): string {
  let out = "";
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248 && out.length < length) out += ALPHABET[byte % 62];
    }
  }
  return out;
}

/** Ids look like Stripe's test-mode ids: `ch_3Q…`, `cs_test_a1…`. */
export function newId(prefix: string): string {
  if (prefix === "cs") return `cs_test_a1${randomText(56)}`;
  return `${prefix}_1${randomText(23)}`;
}
