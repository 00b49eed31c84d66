import sharp from "sharp";
import { beforeEach, describe, expect, it } from "vitest";
import { addProductImages, createProduct, setProductStatus } from "@/db/queries/catalog";
import { encodePng } from "@/lib/catalog/png";
import { DEFAULT_DESIGN, saveDesign } from "@/db/queries/storefront";
import { setStorage } from "@/lib/storage";
import { memoryStorage } from "@/lib/storage/memory";
import { makeShop, makeUser } from "@/lib/testing/factories";
import { session } from "@/lib/testing/session";

const { GET } = await import("./route");
const storage = memoryStorage();
setStorage(storage);

async function setup(status: "active" | "draft") {
  const owner = await makeUser();
  const shop = await makeShop(owner.id);
  const created = await createProduct(shop.id, {
    name: "P",
    slug: "p",
    description: "",
    status,
    trackStock: true,
    price: 100,
    compareAtPrice: null,
    sku: null,
    stock: 1,
  });
  if (!created.ok) throw new Error("no product");
  const key = `shops/${shop.id}/products/${created.id}/img.png`;
  const png = encodePng(2, 2, () => [1, 2, 3]);
  await storage.put(key, png, "image/png");
  await addProductImages(
    shop.id,
    created.id,
    [{ storageKey: key, contentType: "image/png", width: 2, height: 2, alt: "" }],
    8,
  );
  return { owner, shop, productId: created.id, key, png };
}

const get = (key: string) =>
  GET(new Request(`http://localhost/api/images/${key}`), {
    params: Promise.resolve({ key: key.split("/") }),
  });

beforeEach(() => {
  session.user = null;
});

describe("GET /api/images/[...key]", () => {
  it("serves an active product's image publicly with long cache headers", async () => {
    const { key, png } = await setup("active");
    const res = await get(key);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(res.headers.get("cache-control")).toContain("max-age=31536000");
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(png);
  });

  it("hides a draft product's image from everyone but the shop's members", async () => {
    const { key, owner, shop, productId } = await setup("draft");
    expect((await get(key)).status).toBe(404);
    session.user = await makeUser();
    expect((await get(key)).status).toBe(404);
    session.user = owner;
    const res = await get(key);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    session.user = null;
    await setProductStatus(shop.id, productId, "active");
    expect((await get(key)).status).toBe(200);
  });

  it("serves no stored file without an image row, and rejects path tricks", async () => {
    await storage.put(
      "shops/x/orphan.png",
      encodePng(1, 1, () => [0, 0, 0]),
      "image/png",
    );
    expect((await get("shops/x/orphan.png")).status).toBe(404);
    expect((await get("../../etc/passwd")).status).toBe(404);
    expect((await get("shops/%2e%2e/secret")).status).toBe(404);
  });

  it("refuses malformed keys", async () => {
    const { key } = await setup("active");
    for (const bad of [
      `${key}/..`,
      key.replace("shops/", "shops//"),
      `${key}%00`,
      "%E0%A4%A",
      `${key}.w640.exe`,
      `/${key}`,
      "a\\b.png",
    ]) {
      const res = await GET(new Request(`http://localhost/api/images/x`), {
        params: Promise.resolve({ key: bad.split("/") }),
      });
      expect(res.status, bad).toBe(404);
    }
  });

  it("serves storefront logos and hero images publicly (they answered 404 before)", async () => {
    const owner = await makeUser();
    const shop = await makeShop(owner.id);
    const logo = `shops/${shop.id}/storefront/logo-0123456789abcdef.png`;
    const hero = `shops/${shop.id}/storefront/hero-0123456789abcdef.png`;
    const png = encodePng(4, 2, () => [200, 10, 10]);
    await storage.put(logo, png, "image/png");
    await storage.put(hero, png, "image/png");
    expect((await get(logo)).status).toBe(404); // stored but not (yet) in the design
    await saveDesign(shop.id, {
      ...DEFAULT_DESIGN,
      logoStorageKey: logo,
      heroImageStorageKey: hero,
    });
    for (const key of [logo, hero]) {
      const res = await get(key);
      expect(res.status, key).toBe(200);
      expect(res.headers.get("content-type")).toBe("image/png");
      expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
      expect(new Uint8Array(await res.arrayBuffer())).toEqual(png);
    }
    // Its variants too (unknown width: the standard ones, never enlarged).
    const webp = await get(`${hero}.w320.webp`);
    expect(webp.status).toBe(200);
    expect(webp.headers.get("content-type")).toBe("image/webp");
    expect((await sharp(Buffer.from(await webp.arrayBuffer())).metadata()).width).toBe(4);
    // A key no longer in the design is not served.
    await saveDesign(shop.id, {
      ...DEFAULT_DESIGN,
      logoStorageKey: null,
      heroImageStorageKey: hero,
    });
    expect((await get(logo)).status).toBe(404);
  });

  it("serves variants with their own type, renders a missing one once, and refuses unknown sizes", async () => {
    const { key, owner, shop } = await setup("active");
    const variant = `${key}.w2.avif`; // the 2-pixel image's only width is its own
    expect(storage.files.has(variant)).toBe(false);
    const res = await get(variant);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/avif");
    expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect((await sharp(Buffer.from(await res.arrayBuffer())).metadata()).format).toBe("heif");
    expect(storage.files.get(variant)?.contentType).toBe("image/avif");
    for (const bad of [`${key}.w640.webp`, `${key}.w3.webp`, `${key}.w2.jpg`, `${key}.w2.gif`])
      expect((await get(bad)).status, bad).toBe(404);
    const draft = await setup("draft");
    expect((await get(`${draft.key}.w2.webp`)).status).toBe(404);
    session.user = owner;
    expect(shop.id).not.toBe(draft.shop.id);
    expect((await get(`${draft.key}.w2.webp`)).status).toBe(404);
    session.user = draft.owner;
    const own = await get(`${draft.key}.w2.webp`);
    expect(own.status).toBe(200);
    expect(own.headers.get("cache-control")).toBe("private, no-store");
  });
});
