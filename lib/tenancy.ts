/**
 * Host → shop. `{shop}.localhost[:port]` always maps to a storefront (browsers resolve
 * *.localhost to loopback); `{shop}.<ROOT_DOMAIN>` does when a root domain is configured.
 * The platform itself is served on the bare host.
 */
const SUBDOMAIN = /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/;
const PLATFORM_SUBDOMAINS = new Set(["www", "app", "admin", "dashboard", "api"]);

export function shopSlugFromHost(host: string | null, rootDomain?: string): string | null {
  if (!host) return null;
  const hostname = host.toLowerCase().replace(/:\d+$/, "");
  const candidates = ["localhost"];
  if (rootDomain) candidates.push(rootDomain.toLowerCase().replace(/:\d+$/, ""));
  for (const root of candidates) {
    const suffix = `.${root}`;
    if (!hostname.endsWith(suffix)) continue;
    const sub = hostname.slice(0, -suffix.length);
    if (!SUBDOMAIN.test(sub) || PLATFORM_SUBDOMAINS.has(sub)) return null;
    return sub;
  }
  return null;
}

/** Where a shop's storefront lives, for links shown to merchants. */
export function storefrontUrl(slug: string, appUrl: string, rootDomain?: string) {
  const url = new URL(appUrl);
  if (rootDomain) return `${url.protocol}//${slug}.${rootDomain}`;
  if (url.hostname === "localhost")
    return `${url.protocol}//${slug}.localhost${url.port ? `:${url.port}` : ""}`;
  return `${url.origin}/s/${slug}`;
}
