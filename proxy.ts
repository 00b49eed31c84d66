import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";
import { shopSlugFromHost } from "@/lib/tenancy";

// Host parsing and rewrites only: authorisation happens in pages, actions and the data layer.
export function proxy(request: NextRequest) {
  const slug = shopSlugFromHost(request.headers.get("host"), env().ROOT_DOMAIN);
  if (!slug) return NextResponse.next();

  const { pathname } = request.nextUrl;
  // Storefront hosts serve only the storefront; framework assets and public API pass through.
  if (
    pathname.startsWith("/_next") ||
    pathname.startsWith("/api/") ||
    pathname === "/favicon.ico"
  ) {
    return NextResponse.next();
  }
  const url = request.nextUrl.clone();
  url.pathname = pathname.startsWith(`/s/${slug}`)
    ? pathname
    : `/s/${slug}${pathname === "/" ? "" : pathname}`;
  return NextResponse.rewrite(url);
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
