// Any method /api/canonical-host (path in x-bazaar-canonical-path): the proxy's redirect of a request made on a
// non-canonical host (an IP, www vs the bare domain, 127.0.0.1 vs localhost) to APP_URL's host.
// Answered here rather than in the proxy because Next makes a proxy redirect's Location relative
// when its origin is the server's own, which would send the browser back to the same wrong host.
import { appUrl } from "@/lib/app-url";
import { env } from "@/lib/env";

function redirectToCanonical(request: Request) {
  const app = new URL(env().APP_URL);
  // Set by the proxy; anyone may send it, but it can only ever name a path on APP_URL.
  const raw = request.headers.get("x-bazaar-canonical-path") ?? "/";
  let target: URL;
  try {
    target = appUrl(raw.startsWith("/") && !raw.startsWith("//") ? raw : "/");
  } catch {
    target = appUrl("/");
  }
  // Only ever a path on APP_URL: `path` can never name another site.
  if (target.origin !== app.origin) target = appUrl("/");
  return new Response(null, {
    status: 308,
    headers: { location: target.toString(), "cache-control": "no-store" },
  });
}

export const GET = redirectToCanonical;
export const HEAD = redirectToCanonical;
export const POST = redirectToCanonical;
export const PUT = redirectToCanonical;
export const PATCH = redirectToCanonical;
export const DELETE = redirectToCanonical;
