import { beforeEach, describe, expect, it } from "vitest";
import { addProductImages, createProduct, setProductStatus } from "@/db/queries/catalog";
import { encodePng } from "@/lib/catalog/png";
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
});
