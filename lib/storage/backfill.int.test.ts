import { readFileSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { addProductImages, createProduct, getProductForShop } from "@/db/queries/catalog";
import { DEFAULT_DESIGN, saveDesign } from "@/db/queries/storefront";
import { encodePng } from "@/lib/catalog/png";
import { makeShop, makeUser } from "@/lib/testing/factories";
import { backfillImageVariants } from "./backfill";
import { memoryStorage } from "./memory";

const GPS_JPEG = new Uint8Array(readFileSync(path.resolve("lib/storage/fixtures/gps-exif.jpg")));

describe("backfillImageVariants", () => {
  it("strips metadata from old originals, records sizes, writes variants, and is safe to rerun", async () => {
    const storage = memoryStorage();
    const owner = await makeUser();
    const shop = await makeShop(owner.id);
    const created = await createProduct(shop.id, {
      name: "Old",
      slug: "old",
      description: "",
      status: "active",
      trackStock: false,
      price: 100,
      compareAtPrice: null,
      sku: null,
      stock: 0,
    });
    if (!created.ok) throw new Error("no product");
    // Stored the old way: the upload's bytes as they came, EXIF/GPS and all, no size, no variants.
    const photo = `shops/${shop.id}/products/${created.id}/old.jpg`;
    const lost = `shops/${shop.id}/products/${created.id}/lost.png`;
    await storage.put(photo, GPS_JPEG, "image/jpeg");
    await addProductImages(
      shop.id,
      created.id,
      [
        { storageKey: photo, contentType: "image/jpeg", width: null, height: null, alt: "" },
        { storageKey: lost, contentType: "image/png", width: 4, height: 4, alt: "" },
      ],
      8,
    );
    const logo = `shops/${shop.id}/storefront/logo-00112233aabbccdd.png`;
    await storage.put(
      logo,
      encodePng(40, 20, () => [1, 2, 3]),
      "image/png",
    );
    await saveDesign(shop.id, { ...DEFAULT_DESIGN, logoStorageKey: logo });

    const first = await backfillImageVariants(storage);
    expect(first).toMatchObject({ sanitized: 1, resized: 1, missing: [lost], failed: [] });
    expect(first.images).toBeGreaterThanOrEqual(3);
    const meta = await sharp(storage.files.get(photo)!.bytes).metadata();
    expect([meta.exif, meta.width, meta.height]).toEqual([undefined, 600, 800]);
    const [img] = (await getProductForShop(shop.id, created.id))!.images;
    expect([img!.width, img!.height]).toEqual([600, 800]);
    for (const k of ["w320.avif", "w320.webp", "w600.jpg"])
      expect(storage.files.has(`${photo}.${k}`), k).toBe(true);
    expect(storage.files.has(`${photo}.w640.jpg`)).toBe(false);
    for (const k of ["w320.avif", "w640.webp", "w1280.png"])
      expect(storage.files.has(`${logo}.${k}`), k).toBe(true);

    const before = storage.files.get(photo)!.bytes;
    const second = await backfillImageVariants(storage);
    expect(second).toMatchObject({ sanitized: 0, resized: 0, failed: [] });
    // The clean original is not re-encoded again (no generation loss on reruns).
    expect(storage.files.get(photo)!.bytes).toBe(before);
  });
});
