// robots.txt of one storefront (also served at {shop}.<host>/robots.txt via the proxy).
import { connection } from "next/server";
import { getStorefront } from "@/lib/storefront/data";
import { shopPath } from "@/lib/storefront/links";
import { requestOrigin } from "@/lib/storefront/origin";

export async function GET(request: Request, { params }: { params: Promise<{ shop: string }> }) {
  await connection(); // per request: the absolute URLs depend on the host the shopper used
  const { shop: slug } = await params;
  const storefront = await getStorefront(slug);
  if (!storefront) return new Response("Not found", { status: 404 });
  const origin = requestOrigin(request);
  const body = [
    "User-agent: *",
    `Allow: ${shopPath(slug, "/")}`,
    `Disallow: ${shopPath(slug, "/cart")}`,
    `Disallow: ${shopPath(slug, "/search")}`,
    "",
    `Sitemap: ${origin}${shopPath(slug, "/sitemap.xml")}`,
    "",
  ].join("\n");
  return new Response(body, { headers: { "content-type": "text/plain; charset=utf-8" } });
}
