import "server-only";
import { env } from "@/lib/env";
import { classifyHost, requestHostHeader } from "@/lib/tenancy";

/**
 * Where a storefront request was made, for absolute URLs (robots.txt, sitemap.xml, redirects):
 * the shop's own verified host with its own paths, or the platform's APP_URL with `/s/{shop}`.
 * Matched exactly against APP_URL / ROOT_DOMAIN (lib/tenancy classifyHost): a forged Host or
 * X-Forwarded-Host ends up on APP_URL, never on another site.
 */
export function storefrontLocation(
  headers: { get(name: string): string | null },
  shopSlug: string,
): { origin: string; base: string; url: (path: string) => string } {
  const e = env();
  const seen = classifyHost(requestHostHeader(headers), {
    appUrl: e.APP_URL,
    rootDomain: e.ROOT_DOMAIN,
  });
  const onShopHost = seen.kind === "shop" && seen.slug === shopSlug;
  const origin = onShopHost ? seen.origin : new URL(e.APP_URL).origin;
  const base = onShopHost ? "" : `/s/${shopSlug}`;
  return {
    origin,
    base,
    url: (path: string) => `${origin}${base}${path === "/" && base ? "" : path}`,
  };
}
