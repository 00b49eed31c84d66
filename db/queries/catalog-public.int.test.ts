import { beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "@/db/seed";
import { getDb } from "@/db/client";
import { createProduct, getProductForShop, setProductStatus } from "@/db/queries/catalog";
import { findPublicShop } from "@/db/queries/shops";
import { setStorage } from "@/lib/storage";
import { memoryStorage } from "@/lib/storage/memory";
import { makeShop, makeUser } from "@/lib/testing/factories";
import {
  getActiveProductBySlug,
  getCollectionBySlug,
  getVariantsForCart,
  listActiveProducts,
  listCollections,
  listNewestProducts,
} from "./catalog-public";

let shopId = "";
beforeAll(async () => {
  setStorage(memoryStorage());
  await seedDemo(getDb());
  await seedDemo(getDb()); // idempotent
  shopId = (await findPublicShop("kai-coffee"))!.id;
});

describe("seeded demo catalogue through the public queries", () => {
  it("lists only active products, with prices, stock and a first image", async () => {
    const { items, total } = await listActiveProducts(shopId, { limit: 100 });
    expect(total).toBe(23); // 25 seeded minus one draft and one archived
    const slugs = items.map((p) => p.slug);
    expect(slugs).not.toContain("ethiopia-guji-natural");
    expect(slugs).not.toContain("holiday-blend-2025");
    const kochere = items.find((p) => p.slug === "ethiopia-yirgacheffe-kochere")!;
    expect(kochere).toMatchObject({ priceMin: 1800, priceMax: 5800, inStock: true });
    expect(kochere.image?.url).toMatch(/^\/api\/images\/shops\//);
    expect(items.find((p) => p.slug === "sumatra-mandheling")?.inStock).toBe(false);
    expect(items.find((p) => p.slug === "gift-card")?.inStock).toBe(true);
    expect(items.find((p) => p.slug === "ceramic-dripper")?.compareAtPrice).toBe(3400);
  });

  it("searches, filters by price and stock, sorts and pages", async () => {
    expect(
      (await listActiveProducts(shopId, { search: "kenya" })).items.map((p) => p.slug),
    ).toEqual(["kenya-nyeri-aa"]);
    expect(
      (await listActiveProducts(shopId, { search: "GRIND-WAL" })).items.map((p) => p.slug),
    ).toEqual(["hand-grinder"]);
    const cheap = await listActiveProducts(shopId, { maxPrice: 1000, limit: 50 });
    expect(cheap.items.map((p) => p.slug)).toEqual(["paper-filters"]);
    const inStock = await listActiveProducts(shopId, { inStock: true, limit: 50 });
    expect(inStock.items.map((p) => p.slug)).not.toContain("brew-scale");
    const byPrice = await listActiveProducts(shopId, { sort: "price-asc", limit: 3 });
    expect(byPrice.items[0]?.slug).toBe("paper-filters");
    const desc = await listActiveProducts(shopId, { sort: "price-desc", limit: 1 });
    expect(desc.items[0]?.slug).toBe("hand-grinder"); // sorted by each product's lowest price
  });

  it("returns one product with ordered variants, options and images; never a draft", async () => {
    const p = await getActiveProductBySlug(shopId, "roasters-t-shirt");
    expect(p?.options.map((o) => o.name)).toEqual(["Size", "Colour"]);
    expect(p?.variants).toHaveLength(8);
    expect(p?.variants[0]).toMatchObject({
      optionValues: ["S", "Black"],
      price: 2800,
      available: true,
    });
    expect(p?.variants.find((v) => v.optionValues.join() === "XL,Cream")).toMatchObject({
      stock: 0,
      available: false,
    });
    expect(p?.images.map((i) => i.alt)).toEqual([
      "Black T-shirt with a gold coffee bean logo",
      "Cream T-shirt with a brown coffee bean logo",
    ]);
    expect(await getActiveProductBySlug(shopId, "ethiopia-guji-natural")).toBeNull();
    expect(await getActiveProductBySlug(shopId, "holiday-blend-2025")).toBeNull();
    const gift = await getActiveProductBySlug(shopId, "gift-card");
    expect(gift?.variants.map((v) => [v.price, v.stock, v.available])).toEqual([
      [2500, null, true],
      [5000, null, true],
      [10000, null, true],
    ]);
  });

  it("lists collections with active counts and returns one with its active products in order", async () => {
    const cols = await listCollections(shopId);
    expect(cols.map((c) => c.slug)).toEqual([
      "brewing-gear",
      "gifts",
      "new-arrivals",
      "single-origins",
    ]);
    expect(cols.find((c) => c.slug === "single-origins")?.productCount).toBe(6); // draft excluded
    const c = await getCollectionBySlug(shopId, "single-origins");
    expect(c?.products.map((p) => p.slug)).toEqual([
      "ethiopia-yirgacheffe-kochere",
      "kenya-nyeri-aa",
      "colombia-huila-el-paraiso",
      "guatemala-huehuetenango",
      "brazil-cerrado-natural",
      "sumatra-mandheling",
    ]);
    expect(await getCollectionBySlug(shopId, "nope")).toBeNull();
    expect((await listNewestProducts(shopId, 2)).map((p) => p.slug)).toHaveLength(2);
  });

  it("gives the cart current prices and stock, and marks non-active products unpurchasable", async () => {
    const p = await getActiveProductBySlug(shopId, "gooseneck-kettle");
    const ids = p!.variants.map((v) => v.id);
    const other = await makeShop((await makeUser()).id);
    const created = await createProduct(other.id, {
      name: "Foreign",
      slug: "foreign",
      description: "",
      status: "active",
      trackStock: true,
      price: 1,
      compareAtPrice: null,
      sku: null,
      stock: 1,
    });
    if (!created.ok) throw new Error("not created");
    const foreignVariant = (await getProductForShop(other.id, created.id))!.variants[0]!.id;
    // Another shop's variant ids are not returned for this shop.
    expect(await getVariantsForCart(shopId, [foreignVariant])).toEqual([]);
    const rows = await getVariantsForCart(shopId, [
      ...ids,
      "not-a-uuid",
      "00000000-0000-0000-0000-000000000000",
    ]);
    expect(rows.map((r) => [r.variantTitle, r.price, r.stock, r.purchasable])).toEqual(
      expect.arrayContaining([
        ["Brushed steel", 6900, 11, true],
        ["Matte black", 7400, 4, true],
      ]),
    );
    expect(rows).toHaveLength(2);
    await setProductStatus(shopId, p!.id, "archived");
    const archived = await getVariantsForCart(shopId, ids);
    expect(archived.every((r) => !r.purchasable)).toBe(true);
    await setProductStatus(shopId, p!.id, "active");
  });
});

describe("prices shoppers can buy at", () => {
  it("a sold-out variant does not set the card's 'From' price; a fully sold-out product keeps its price", async () => {
    const { makeProduct } = await import("@/lib/testing/factories");
    const { productVariants } = await import("@/db/schema");
    const { eq } = await import("drizzle-orm");
    const user = await makeUser();
    const shop = await makeShop(user.id);
    const product = await makeProduct(shop.id, {
      slug: "tee",
      options: [{ name: "Size", values: ["S", "M"] }],
      variants: [
        { optionValues: ["S"], price: 2400, stock: 0 },
        { optionValues: ["M"], price: 3000, stock: 4 },
      ],
    });
    const card = async () => (await listActiveProducts(shop.id, { limit: 10 })).items[0]!;
    expect(await card()).toMatchObject({ priceMin: 3000, priceMax: 3000, inStock: true });
    expect(await getActiveProductBySlug(shop.id, "tee")).toMatchObject({
      priceMin: 3000,
      priceMax: 3000,
    });
    await getDb()
      .update(productVariants)
      .set({ stock: 0 })
      .where(eq(productVariants.id, product.variants[1]!.id));
    expect(await card()).toMatchObject({ priceMin: 2400, priceMax: 3000, inStock: false });
  });
});
