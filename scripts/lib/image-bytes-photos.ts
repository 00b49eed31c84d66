// Helper for scripts/measure-image-bytes.mjs: adds an active product with three phone-sized
// photos (4032×3024 JPEG with camera and GPS EXIF, as a phone writes them) to the demo shop, uploaded
// through the same path as the dashboard, and prints { storageKey: bytes as uploaded } as JSON.
import { randomUUID } from "node:crypto";
import sharp from "sharp";
import { closeDatabase, getDatabaseHandle } from "@/db/client";
import { addProductImages, createProduct } from "@/db/queries/catalog";
import { findStorefrontShop } from "@/db/queries/storefront";
import { getStorage } from "@/lib/storage";
import { storeImage } from "@/lib/storage/process-image";

/** A photo-like picture: smooth shapes (noise blown up) with fine grain, like a real scene. */
async function photo(seed: number) {
  const w = 4032;
  const h = 3024;
  const small = Buffer.alloc(63 * 48 * 3);
  let x = seed * 7919;
  for (let i = 0; i < small.length; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    small[i] = 40 + (x % 180);
  }
  const base = await sharp(small, { raw: { width: 63, height: 48, channels: 3 } })
    .resize(w, h, { kernel: "cubic" })
    .blur(12)
    .raw()
    .toBuffer();
  for (let i = 0; i < base.length; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    base[i] = Math.max(0, Math.min(255, base[i]! + ((x >> 8) % 13) - 6));
  }
  return sharp(base, { raw: { width: w, height: h, channels: 3 } })
    .withExif({
      IFD0: { Make: "Phone", Model: "Camera" },
      IFD3: { GPSLatitudeRef: "N", GPSLatitude: "48/1 51/1 2964/100" },
    })
    .jpeg({ quality: 88 })
    .toBuffer();
}

const handle = getDatabaseHandle();
try {
  const shop = await findStorefrontShop(process.argv[2] ?? "kai-coffee");
  if (!shop) throw new Error("demo shop not found");
  const created = await createProduct(shop.id, {
    name: "Photo test",
    slug: "photo-test",
    description: "Three phone photos.",
    status: "active",
    trackStock: false,
    price: 1000,
    compareAtPrice: null,
    sku: null,
    stock: 0,
  });
  if (!created.ok) throw new Error("photo-test exists");
  const uploaded: Record<string, number> = {};
  const images = [];
  for (let i = 0; i < 3; i++) {
    const bytes = new Uint8Array(await photo(i + 1));
    const storageKey = `shops/${shop.id}/products/${created.id}/${randomUUID()}.jpg`;
    const size = await storeImage(getStorage(), storageKey, bytes, "image/jpeg");
    uploaded[storageKey] = bytes.byteLength;
    images.push({ storageKey, contentType: "image/jpeg", ...size, alt: `Photo ${i + 1}` });
  }
  await addProductImages(shop.id, created.id, images, 8);
  console.log(JSON.stringify(uploaded));
} finally {
  await closeDatabase();
  void handle;
}
