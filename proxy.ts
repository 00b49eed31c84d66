import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";
import {
  isActiveAdmin,
  isShopMember,
  sessionUserId,
  shopExists,
  shopperOrderLinkValid,
} from "@/lib/route-gate";
import { shopSlugFromHost } from "@/lib/tenancy";

// Host parsing, rewrites and early 404s. Authorisation itself happens in pages, actions and
// the data layer; the checks here only let a missing or foreign shop answer with a real 404.

const DASHBOARD_SHOP = /^\/dashboard\/([a-z0-9-]{1,64})(?:\/|$)/;
const STOREFRONT = /^\/s\/([a-z0-9-]{1,64})(?:\/|$)/;
const SHOPPER_ORDER = /^\/s\/([a-z0-9-]{1,64})\/orders\/([^/]+)\/?$/;
const RESERVED_DASHBOARD_PATHS = new Set(["new"]);

function notFound(request: NextRequest) {
  // Nothing is routed at this path, so Next renders app/not-found.tsx.
  return NextResponse.rewrite(new URL("/__not-found", request.url), { status: 404 });
}

export async function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  const hostSlug = shopSlugFromHost(request.headers.get("host"), env().ROOT_DOMAIN);

  if (hostSlug) {
    // Storefront hosts serve only the storefront; framework assets and the API pass through.
    if (pathname.startsWith("/_next") || pathname.startsWith("/api/")) return NextResponse.next();
    if (!(await shopExists(hostSlug))) return notFound(request);
    const url = request.nextUrl.clone();
    url.pathname = pathname.startsWith(`/s/${hostSlug}`)
      ? pathname
      : `/s/${hostSlug}${pathname === "/" ? "" : pathname}`;
    const order = SHOPPER_ORDER.exec(url.pathname);
    if (order?.[1] && order[2] && !(await shopperOrderLinkValid(order[1], order[2]))) {
      return notFound(request);
    }
    return NextResponse.rewrite(url);
  }

  const storefront = STOREFRONT.exec(pathname);
  if (storefront?.[1] && !(await shopExists(storefront[1]))) return notFound(request);
  // A forged or foreign signed order link is a real 404 (the page itself streams its notFound).
  const order = SHOPPER_ORDER.exec(pathname);
  if (order?.[1] && order[2] && !(await shopperOrderLinkValid(order[1], order[2]))) {
    return notFound(request);
  }

  if (
    pathname === "/dashboard" ||
    pathname.startsWith("/dashboard/") ||
    pathname.startsWith("/admin")
  ) {
    const userId = await sessionUserId(request);
    if (!userId) {
      const signIn = new URL("/sign-in", request.url);
      signIn.searchParams.set("callbackUrl", pathname + request.nextUrl.search);
      return NextResponse.redirect(signIn);
    }
    if (pathname.startsWith("/admin") && !(await isActiveAdmin(userId))) return notFound(request);
    const dashboard = DASHBOARD_SHOP.exec(pathname);
    if (dashboard?.[1] && !RESERVED_DASHBOARD_PATHS.has(dashboard[1])) {
      if (!(await isShopMember(userId, dashboard[1]))) return notFound(request);
    }
  }
  return NextResponse.next();
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|api/).*)"],
};
