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

export type HostConfig = { appUrl: string; rootDomain?: string };
export type RequestHost =
  | { kind: "platform"; host: string; origin: string }
  | { kind: "shop"; slug: string; host: string; origin: string }
  | { kind: "foreign"; host: string };

const HOST_SHAPE = /^[a-z0-9.-]+(?::\d{1,5})?$/;

/**
 * What a Host (or X-Forwarded-Host) names, by exact match only: the platform (APP_URL's host),
 * a shop's own host (`{shop}.<ROOT_DOMAIN>`, or `{shop}.localhost` on APP_URL's port when the
 * app runs on localhost), or something foreign. Absolute URLs are built from the first two
 * only, so a forged header can never turn a link, a redirect or a return URL into another site.
 */
export function classifyHost(raw: string | null | undefined, config: HostConfig): RequestHost {
  const host = (raw ?? "").trim().toLowerCase();
  const app = new URL(config.appUrl);
  const protocol = app.protocol;
  if (!HOST_SHAPE.test(host)) return { kind: "foreign", host };
  if (host === app.host) return { kind: "platform", host, origin: `${protocol}//${host}` };
  const port = app.port ? `:${app.port}` : "";
  const suffixes: string[] = [];
  if (config.rootDomain) {
    const root = config.rootDomain.toLowerCase();
    suffixes.push(`.${root}`);
    if (!/:\d+$/.test(root) && port) suffixes.push(`.${root}${port}`);
  }
  if (app.hostname === "localhost") suffixes.push(`.localhost${port}`);
  for (const suffix of suffixes) {
    if (!host.endsWith(suffix)) continue;
    const sub = host.slice(0, -suffix.length);
    if (!SUBDOMAIN.test(sub) || PLATFORM_SUBDOMAINS.has(sub)) continue;
    return { kind: "shop", slug: sub, host, origin: `${protocol}//${host}` };
  }
  return { kind: "foreign", host };
}

/** The host a request was made to: the proxy's X-Forwarded-Host when present, else Host. */
export function requestHostHeader(headers: { get(name: string): string | null }) {
  const forwarded = headers.get("x-forwarded-host")?.split(",")[0]?.trim();
  return forwarded || headers.get("host");
}
