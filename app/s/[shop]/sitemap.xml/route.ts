// sitemap.xml of one storefront (also served at {shop}.<host>/sitemap.xml via the proxy).
import { connection } from "next/server";
import { escapeHtml as escapeXml } from "@/lib/html";
import { shopRef } from "@/lib/storefront/links";
import { getSitemapData, getStorefront } from "@/lib/storefront/data";
import { storefrontLocation } from "@/lib/storefront/origin";

export async function GET(request: Request, { params }: { params: Promise<{ shop: string }> }) {
  await connection(); // per request: the URLs depend on the (verified) host the shopper used
  const { slug } = shopRef((await params).shop);
  const storefront = await getStorefront(slug);
  if (!storefront) return new Response("Not found", { status: 404 });
  const where = storefrontLocation(request.headers, slug);
  const { products, collections, pages } = await getSitemapData(storefront.shop.id);
  const url = (path: string, lastmod?: Date) =>
    `<url><loc>${escapeXml(where.url(path))}</loc>${
      lastmod ? `<lastmod>${new Date(lastmod).toISOString()}</lastmod>` : ""
    }</url>`;
  const body = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    url("/"),
    ...collections.map((c) => url(`/collections/${c.slug}`, c.updatedAt)),
    ...products.map((p) => url(`/products/${p.slug}`, p.updatedAt)),
    ...pages.map((p) => url(`/pages/${p.slug}`)),
    "</urlset>",
  ].join("\n");
  return new Response(body, {
    headers: { "content-type": "application/xml; charset=utf-8" },
  });
}
