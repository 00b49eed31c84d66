/** A well-formed UUID (what every id column holds): checked before an id reaches PostgreSQL's uuid cast. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (v: unknown): v is string => typeof v === "string" && UUID.test(v);

/** The shape every shop slug has (lib/shops/slug): anything else names no shop. */
export { isShopSlug } from "@/lib/shops/slug";
