/**
 * Storefront links always use the path form `/s/{shop}/…`: it works on the platform host, and
 * on `{shop}.localhost` / `{shop}.<ROOT_DOMAIN>` the proxy passes such paths through unchanged.
 * Cached pages can therefore render links without knowing which host the shopper is on.
 */
export function shopPath(shopSlug: string, path = "") {
  const suffix = path === "" || path === "/" ? "" : path.startsWith("/") ? path : `/${path}`;
  return `/s/${shopSlug}${suffix}`;
}
