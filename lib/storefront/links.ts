import { storefrontUrl } from "@/lib/tenancy";

/** A storefront path on the platform host: `/s/{shop}/…` (dashboard links, redirects). */
export function shopPath(shopSlug: string, path = "") {
  const suffix = path === "" || path === "/" ? "" : path.startsWith("/") ? path : `/${path}`;
  return `/s/${shopSlug}${suffix}`;
}

/**
 * Storefront pages render their links for the host they are served on, and stay cacheable: the
 * proxy serves a shop's own host (`{shop}.localhost/products/x`) from the route param `~{shop}`
 * (`/s/~{shop}/products/x` internally), the platform host from `{shop}` (`/s/{shop}/…`). The
 * param alone decides the links' base, so each form is its own cache entry.
 */
export const SHOP_HOST_MARK = "~";

/** Set by the proxy only: the storefront param whose design the 404 page takes. */
export const STOREFRONT_NOT_FOUND_HEADER = "x-bazaar-storefront-404";

export type ShopRef = {
  slug: string;
  /** "" on the shop's own host, "/s/{shop}" on the platform host. */
  base: string;
};

export function shopRef(param: string): ShopRef {
  const value = /^%7e/i.test(param) ? `${SHOP_HOST_MARK}${param.slice(3)}` : param;
  if (value.startsWith(SHOP_HOST_MARK)) return { slug: value.slice(1), base: "" };
  return { slug: value, base: `/s/${value}` };
}

/** A link inside the storefront, relative to the host it is served on. */
export function shopHref(base: string, path = "") {
  const suffix = path === "" || path === "/" ? "" : path.startsWith("/") ? path : `/${path}`;
  return `${base}${suffix}` || "/";
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
