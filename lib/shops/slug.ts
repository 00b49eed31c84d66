/**
 * The one shape of a shop slug, for lookups: lowercase letters and digits, hyphens inside, at
 * most 64 characters (new shops are held to the stricter rules in ./rules: 3–40 characters, no
 * double hyphen, not reserved). Anything else names no shop and never reaches SQL.
 */
export const SHOP_SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

/** The same shape inside a path (`/dashboard/{shop}`, `/s/{shop}`): a capture group, no anchors. */
export const SHOP_SLUG_SEGMENT = "[a-z0-9-]{1,64}";

export const isShopSlug = (v: unknown): v is string =>
  typeof v === "string" && SHOP_SLUG_PATTERN.test(v);
