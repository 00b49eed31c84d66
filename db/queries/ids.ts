/** A well-formed UUID (what every id column holds): checked before an id reaches PostgreSQL's uuid cast. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (v: unknown): v is string => typeof v === "string" && UUID.test(v);

/** The shape every shop slug has (lib/shops/rules): anything else names no shop. */
const SHOP_SLUG = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

export const isShopSlug = (v: unknown): v is string => typeof v === "string" && SHOP_SLUG.test(v);
