import { storefrontUrl } from "@/lib/tenancy";

/**
 * Storefront links always use the path form `/s/{shop}/…`: it works on the platform host, and
 * on `{shop}.localhost` / `{shop}.<ROOT_DOMAIN>` the proxy passes such paths through unchanged.
 * Cached pages can therefore render links without knowing which host the shopper is on.
 */
export function shopPath(shopSlug: string, path = "") {
  const suffix = path === "" || path === "/" ? "" : path.startsWith("/") ? path : `/${path}`;
  return `/s/${shopSlug}${suffix}`;
}

/**
 * The one canonical absolute URL of a storefront page, from configuration only (so cached
 * pages can render it): the shop's own host with its own paths where shops have hosts
 * (`{shop}.<ROOT_DOMAIN>`, or `{shop}.localhost` when the app runs on localhost), else
 * APP_URL/s/{shop}. Search engines index one address per page, whichever host served it.
 */
export function canonicalShopUrl(
  shopSlug: string,
  path: string,
  config: { appUrl: string; rootDomain?: string },
) {
  const base = storefrontUrl(shopSlug, config.appUrl, config.rootDomain);
  const suffix = path === "" || path === "/" ? "" : path.startsWith("/") ? path : `/${path}`;
  return `${base}${suffix}`;
}
