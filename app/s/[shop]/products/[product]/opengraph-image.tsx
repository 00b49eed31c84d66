import { ImageResponse } from "next/og";
import { shopRef } from "@/lib/storefront/links";
import { getProductPage, getStorefront } from "@/lib/storefront/data";
import { formatMoney } from "@/lib/money";
import { readableTextOn } from "@/lib/storefront/theme";

// Open Graph card per product: name, price and shop name in the shop's brand colour.
export const size = { width: 1200, height: 630 };
export const contentType = "image/png";
export const alt = "Product";

export default async function ProductOgImage({
  params,
}: {
  params: Promise<{ shop: string; product: string }>;
}) {
  const { shop: shopParam, product: productSlug } = await params;
  const { slug } = shopRef(shopParam);
  const storefront = await getStorefront(slug);
  const product = storefront ? await getProductPage(storefront.shop.id, productSlug) : null;
  const brand = storefront?.design.brandColor ?? "#1f2937";
  const ink = readableTextOn(brand);
  return new ImageResponse(
    <div
      style={{
        width: "100%",
        height: "100%",
        display: "flex",
        flexDirection: "column",
        justifyContent: "space-between",
        padding: 72,
        background: brand,
        color: ink,
      }}
    >
      <div style={{ fontSize: 36, opacity: 0.85 }}>{storefront?.shop.name ?? "Bazaar"}</div>
      <div style={{ display: "flex", flexDirection: "column", gap: 24 }}>
        <div style={{ fontSize: 76, fontWeight: 700, lineHeight: 1.1 }}>
          {product?.name ?? "Not found"}
        </div>
        {product && storefront ? (
          <div style={{ fontSize: 44 }}>
            {(product.priceMin !== product.priceMax ? "From " : "") +
              formatMoney(product.priceMin, storefront.shop.currency)}
          </div>
        ) : null}
      </div>
    </div>,
    size,
  );
}
