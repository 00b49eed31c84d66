import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";
import { REQUEST_ID_HEADER } from "@/lib/request-id";
import {
  isActiveAdmin,
  isShopMember,
  sessionUserId,
  shopExists,
  shopperOrderLinkValid,
  storefrontItemPublic,
} from "@/lib/route-gate";
import { securityHeaders } from "@/lib/security-headers";
import { resolveStripeSettings } from "@/lib/stripe/settings";
import { cleanQueryValue, MAX_QUERY_VALUE } from "@/lib/search-params";
import { SHOP_HOST_MARK, STOREFRONT_NOT_FOUND_HEADER } from "@/lib/storefront/links";
import { classifyHost, requestHostHeader } from "@/lib/tenancy";

// Canonical host, security headers, hostile URLs, host → storefront rewrites and early 404s.
// Authorisation itself happens in pages, actions and the data layer; the checks here only let
// a missing or foreign thing answer with a real 404 before a cached page streams a 200.

const DASHBOARD_SHOP = /^\/dashboard\/([a-z0-9-]{1,64})(?:\/|$)/;
// `~{shop}` is the route param of a shop's own host (lib/storefront/links shopRef).
const STOREFRONT = /^\/s\/~?([a-z0-9-]{1,64})(?:\/|$)/;
const SHOPPER_ORDER = /^\/s\/~?([a-z0-9-]{1,64})\/orders\/([^/]+)\/?$/;
const STOREFRONT_ITEM =
  /^\/s\/~?([a-z0-9-]{1,64})\/(products|collections|pages)\/([^/]+)(?:\/([^/]*))?\/?$/;
const RESERVED_DASHBOARD_PATHS = new Set(["new"]);
/** Machine endpoints answered on any host (health checks by IP, Stripe's configured URLs). */
const ANY_HOST = /^\/api\/(health|stripe\/webhook|stripe\/connect-webhook)(\/|$)/;
const CONTROL = /[\u0000-\u001f\u007f]/;
/** The path and query the canonical-host redirect keeps (read by app/api/canonical-host). */
const CANONICAL_PATH_HEADER = "x-bazaar-canonical-path";

type Headers = Record<string, string>;

function withHeaders<T extends NextResponse>(response: T, headers: Headers) {
  for (const [k, v] of Object.entries(headers)) response.headers.set(k, v);
  return response;
}

function notFound(request: NextRequest, headers: Headers) {
  // Nothing is routed at this path, so Next renders app/not-found.tsx.
  return withHeaders(
    NextResponse.rewrite(new URL("/__not-found", request.url), { status: 404 }),
    headers,
  );
}

/** Every path segment decodes to text without control characters (else: a 404, never a 500). */
function pathIsReadable(pathname: string) {
  for (const segment of pathname.split("/")) {
    try {
      if (CONTROL.test(decodeURIComponent(segment))) return false;
    } catch {
      return false;
    }
  }
  return true;
}

/** The query string without NUL / control characters and over-long values, or null if clean. */
function cleanedQuery(url: URL): string | null {
  const raw = url.search;
  if (raw.length <= 1) return null;
  let dirty = raw.length > 8_000;
  const out = new URLSearchParams();
  for (const [key, value] of url.searchParams) {
    const k = cleanQueryValue(key, 100);
    const v = cleanQueryValue(value, MAX_QUERY_VALUE * 4);
    if (k !== key || v !== value) dirty = true;
    if (k) out.append(k, v);
  }
  // Malformed percent-encoding decodes to U+FFFD: re-encode it as clean text.
  if (/%(?![0-9a-f]{2})/i.test(raw)) dirty = true;
  return dirty ? `?${out.toString()}` : null;
}

function headersFor(https: boolean): Headers {
  const e = env();
  const stripe = resolveStripeSettings(e);
  return securityHeaders({
    stripe:
      stripe.mode === "emulator" && stripe.api
        ? {
            mode: "emulator",
            origin: `${stripe.api.protocol}://${stripe.api.host.includes(":") ? `[${stripe.api.host}]` : stripe.api.host}:${stripe.api.port}`,
          }
        : { mode: "real" },
    imageOrigin: e.S3_PUBLIC_URL ? new URL(e.S3_PUBLIC_URL).origin : null,
    https,
    development: e.NODE_ENV === "development",
  });
}

export async function proxy(request: NextRequest) {
  const e = env();
  const app = new URL(e.APP_URL);
  const headers = headersFor(app.protocol === "https:");
  // One id per request, set here only (a client's own value is replaced): pages, actions and
  // route handlers log with it, the generic error message quotes it, the response carries it.
  const requestId = crypto.randomUUID();
  headers[REQUEST_ID_HEADER] = requestId;
  const { pathname } = request.nextUrl;
  const seen = classifyHost(requestHostHeader(request.headers), {
    appUrl: e.APP_URL,
    rootDomain: e.ROOT_DOMAIN,
  });

  // 1. One canonical host: anything that is neither APP_URL's host nor a shop's own host (an IP,
  //    www vs the bare domain, 127.0.0.1 vs localhost) goes to APP_URL's host first, so the
  //    session cookie and every absolute URL belong to one origin.
  if (seen.kind === "foreign" && !ANY_HOST.test(pathname)) {
    const forwarded = new Headers(request.headers);
    forwarded.set(CANONICAL_PATH_HEADER, `${pathname}${request.nextUrl.search}`);
    return withHeaders(
      NextResponse.rewrite(new URL("/api/canonical-host", request.url), {
        request: { headers: forwarded },
      }),
      headers,
    );
  }
  if (pathname.startsWith("/api/") || pathname.startsWith("/_next/")) {
    if (!pathIsReadable(pathname)) return notFound(request, headers);
    const withId = new Headers(request.headers);
    withId.set(REQUEST_ID_HEADER, requestId);
    return withHeaders(NextResponse.next({ request: { headers: withId } }), headers);
  }

  // 2. A server action may only be posted from the page's own origin: a storefront page cannot
  //    call dashboard actions with the merchant's cookie (and vice versa).
  const origin = request.headers.get("origin");
  if (request.method === "POST" && request.headers.has("next-action") && origin) {
    let sameOrigin = false;
    try {
      sameOrigin = seen.kind !== "foreign" && new URL(origin).host.toLowerCase() === seen.host;
    } catch {
      sameOrigin = false;
    }
    if (!sameOrigin) {
      return withHeaders(
        new NextResponse("Cross-origin action refused.", { status: 403 }),
        headers,
      );
    }
  }

  // 3. Hostile URLs: unreadable path segments are a 404; query values are cleaned.
  if (!pathIsReadable(pathname)) return notFound(request, headers);
  const cleanSearch =
    request.method === "GET" || request.method === "HEAD" ? cleanedQuery(request.nextUrl) : null;

  // 4. Storefront hosts serve the storefront under the host's own paths.
  let path = pathname;
  if (seen.kind === "shop") {
    const slug = seen.slug;
    if (!(await shopExists(slug))) return notFound(request, headers);
    if (pathname === `/s/${slug}` || pathname.startsWith(`/s/${slug}/`)) {
      // The host's own paths are canonical: /s/{shop}/x on {shop}.host → /x.
      const target = request.nextUrl.clone();
      target.pathname = pathname.slice(`/s/${slug}`.length) || "/";
      return withHeaders(NextResponse.redirect(target, 308), headers);
    }
    // Served from the `~{shop}` param: the pages render links with the host's own paths.
    path = `/s/${SHOP_HOST_MARK}${slug}${pathname === "/" ? "" : pathname}`;
  } else {
    const storefront = STOREFRONT.exec(pathname);
    if (storefront?.[1] && !(await shopExists(storefront[1]))) return notFound(request, headers);
  }

  // A forged or foreign signed order link is a real 404 (the page itself streams its notFound).
  const order = SHOPPER_ORDER.exec(path);
  if (order?.[1] && order[2] && !(await shopperOrderLinkValid(order[1], order[2]))) {
    return notFound(request, headers);
  }
  // An unknown or draft product, an unknown collection or page: a real 404 on the first visit.
  const item = STOREFRONT_ITEM.exec(path);
  if (item?.[1] && item[2] && item[3]) {
    const kind = ({ products: "product", collections: "collection", pages: "page" } as const)[
      item[2] as "products" | "collections" | "pages"
    ];
    let itemSlug = item[3];
    try {
      itemSlug = decodeURIComponent(itemSlug);
    } catch {
      return notFound(request, headers);
    }
    const extra = item[4];
    // A collection's page number, or a product's generated Open Graph / Twitter image.
    const pageOk =
      extra === undefined ||
      extra === "" ||
      (kind === "collection" && /^[1-9]\d{0,3}$/.test(extra)) ||
      (kind === "product" && /^(opengraph|twitter)-image(-\w+)?$/.test(extra));
    if (!pageOk || !(await storefrontItemPublic(item[1], kind, itemSlug))) {
      // A real 404 before a cached shell could start the response with a 200, in the shop's
      // own design: app/not-found.tsx reads which shop from this request header.
      const forwarded = new Headers(request.headers);
      forwarded.set(STOREFRONT_NOT_FOUND_HEADER, path.split("/")[2] ?? "");
      return withHeaders(
        NextResponse.rewrite(new URL("/__not-found", request.url), {
          status: 404,
          request: { headers: forwarded },
        }),
        headers,
      );
    }
  }

  if (
    seen.kind === "platform" &&
    (pathname === "/dashboard" ||
      pathname.startsWith("/dashboard/") ||
      pathname.startsWith("/admin"))
  ) {
    const userId = await sessionUserId(request);
    if (!userId) {
      const signIn = new URL("/sign-in", app.origin);
      signIn.searchParams.set("callbackUrl", pathname + (cleanSearch ?? request.nextUrl.search));
      return withHeaders(NextResponse.redirect(signIn), headers);
    }
    if (pathname.startsWith("/admin") && !(await isActiveAdmin(userId)))
      return notFound(request, headers);
    const dashboard = DASHBOARD_SHOP.exec(pathname);
    if (dashboard?.[1] && !RESERVED_DASHBOARD_PATHS.has(dashboard[1])) {
      if (!(await isShopMember(userId, dashboard[1]))) return notFound(request, headers);
    }
  }

  // Only the proxy names a storefront for the 404 page.
  const forwarded = new Headers(request.headers);
  forwarded.delete(STOREFRONT_NOT_FOUND_HEADER);
  forwarded.set(REQUEST_ID_HEADER, requestId);
  if (path !== pathname || cleanSearch !== null) {
    const url = request.nextUrl.clone();
    url.pathname = path;
    if (cleanSearch !== null) url.search = cleanSearch;
    return withHeaders(NextResponse.rewrite(url, { request: { headers: forwarded } }), headers);
  }
  return withHeaders(NextResponse.next({ request: { headers: forwarded } }), headers);
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
