// robots.txt of one storefront (also served at {shop}.<host>/robots.txt via the proxy).
import { connection } from "next/server";
import { shopRef } from "@/lib/storefront/links";
import { getStorefront } from "@/lib/storefront/data";
import { storefrontLocation } from "@/lib/storefront/origin";

export async function GET(request: Request, { params }: { params: Promise<{ shop: string }> }) {
  await connection(); // per request: the paths depend on the (verified) host the shopper used
  const { slug } = shopRef((await params).shop);
  const storefront = await getStorefront(slug);
  if (!storefront) return new Response("Not found", { status: 404 });
  const where = storefrontLocation(request.headers, slug);
  const body = [
    "User-agent: *",
    `Allow: ${where.base || "/"}`,
    `Disallow: ${where.base}/cart`,
    `Disallow: ${where.base}/search`,
    "",
    `Sitemap: ${where.url("/sitemap.xml")}`,
    "",
  ].join("\n");
  return new Response(body, { headers: { "content-type": "text/plain; charset=utf-8" } });
}
