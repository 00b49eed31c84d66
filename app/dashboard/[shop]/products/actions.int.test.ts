import { readFileSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { getProductForShop, listProductsForShop } from "@/db/queries/catalog";
import { idleState } from "@/lib/actions";
import { productsTag, productTag } from "@/lib/cache-tags";
import { setStorage } from "@/lib/storage";
import { memoryStorage } from "@/lib/storage/memory";
import { form, pngFile, productForm } from "@/lib/testing/catalog";
import { makeShop, makeUser } from "@/lib/testing/factories";
import { NO_SUCH_SHOP, NOT_SIGNED_IN } from "@/lib/action-pipeline";
import { session } from "@/lib/testing/session";

const tags = vi.hoisted(() => ({ updated: [] as string[] }));
vi.mock("next/navigation", () => ({
  redirect: (url: string) => {
    throw Object.assign(new Error("NEXT_REDIRECT"), { url });
  },
}));
vi.mock("next/cache", () => ({
  updateTag: (tag: string) => tags.updated.push(tag),
  refresh: () => {},
}));

const actions = await import("./actions");
const storage = memoryStorage();
setStorage(storage);

async function setup() {
  const user = await makeUser();
  const shop = await makeShop(user.id);
  session.user = user;
  return { user, shop };
}

/** Creates a product through the action and returns its id. */
async function create(shopSlug: string, overrides: Record<string, string> = {}) {
  const err = await actions
    .createProductAction(idleState, form(productForm(shopSlug, overrides)))
    .catch((e: { url?: string }) => e);
  const url = (err as { url?: string }).url;
  if (!url) throw new Error(`not created: ${JSON.stringify(err)}`);
  return url.split("/").pop()!.split("?")[0]!;
}

beforeEach(() => {
  session.user = null;
  tags.updated = [];
});

describe("createProductAction", () => {
  it("creates a product with one variant in minor units and invalidates the storefront", async () => {
    const { shop } = await setup();
    const id = await create(shop.slug, { compareAtPrice: "22.5" });
    const p = await getProductForShop(shop.id, id);
    expect(p).toMatchObject({
      name: "Ethiopia Kochere",
      slug: "ethiopia-kochere",
      status: "active",
    });
    expect(p?.variants).toEqual([
      expect.objectContaining({
        optionValues: [],
        price: 1800,
        compareAtPrice: 2250,
        sku: "ETH-250",
        stock: 12,
      }),
    ]);
    expect(tags.updated).toContain(productsTag(shop.id));
    expect(tags.updated).toContain(productTag(shop.id, "ethiopia-kochere"));
  });

  it("rejects bad prices, compare-at not above price, bad slug and SKU next to the fields", async () => {
    const { shop } = await setup();
    const bad = await actions.createProductAction(
      idleState,
      form(productForm(shop.slug, { price: "12.345", slug: "Bad Slug", sku: "a b" })),
    );
    expect(bad.fieldErrors).toMatchObject({
      price: "Use at most 2 decimal places.",
      slug: expect.stringContaining("lowercase"),
      sku: expect.any(String),
    });
    expect(bad.values?.name).toBe("Ethiopia Kochere");
    const neg = await actions.createProductAction(
      idleState,
      form(productForm(shop.slug, { price: "-1" })),
    );
    expect(neg.fieldErrors?.price).toBe("The amount cannot be negative.");
    const word = await actions.createProductAction(
      idleState,
      form(productForm(shop.slug, { price: "abc" })),
    );
    expect(word.fieldErrors?.price).toMatch(/Enter a number/);
    const cmp = await actions.createProductAction(
      idleState,
      form(productForm(shop.slug, { price: "20", compareAtPrice: "20" })),
    );
    expect(cmp.fieldErrors?.compareAtPrice).toBe(
      "The compare-at price must be higher than the price.",
    );
    const stock = await actions.createProductAction(
      idleState,
      form(productForm(shop.slug, { stock: "-3" })),
    );
    expect(stock.fieldErrors?.stock).toBe("Stock cannot be negative.");
    const status = await actions.createProductAction(
      idleState,
      form(productForm(shop.slug, { status: "live" })),
    );
    expect(status.fieldErrors?.status).toBeDefined();
    expect((await listProductsForShop(shop.id)).total).toBe(0);
  });

  it("refuses a duplicate slug in the same shop but allows it in another shop", async () => {
    const { shop, user } = await setup();
    await create(shop.slug);
    const dup = await actions.createProductAction(
      idleState,
      form(productForm(shop.slug, { name: "Other" })),
    );
    expect(dup.fieldErrors?.slug).toBe("Another product already uses this URL slug.");
    const other = await makeShop(user.id);
    await expect(create(other.slug)).resolves.toBeTruthy();
    expect((await listProductsForShop(shop.id)).total).toBe(1);
  });

  it("refuses anonymous callers and shops the caller is not a member of", async () => {
    const owner = await makeUser();
    const shop = await makeShop(owner.id);
    const anon = await actions.createProductAction(idleState, form(productForm(shop.slug)));
    expect(anon).toMatchObject({ code: "unauthenticated", message: NOT_SIGNED_IN });
    session.user = await makeUser();
    const foreign = await actions.createProductAction(idleState, form(productForm(shop.slug)));
    expect(foreign).toMatchObject({ code: "forbidden", message: NO_SUCH_SHOP });
    expect((await listProductsForShop(shop.id)).total).toBe(0);
  });

  it("stores untracked products with zero stock", async () => {
    const { shop } = await setup();
    const id = await create(shop.slug, { trackStock: "", stock: "50" });
    const p = await getProductForShop(shop.id, id);
    expect(p?.trackStock).toBe(false);
    expect(p?.variants[0]?.stock).toBe(0);
  });
});

describe("updateProductAction", () => {
  it("saves details and the single variant, invalidating old and new slugs", async () => {
    const { shop } = await setup();
    const id = await create(shop.slug);
    const state = await actions.updateProductAction(
      idleState,
      form({
        ...productForm(shop.slug, { slug: "kochere", price: "19.5", stock: "3", status: "draft" }),
        productId: id,
      }),
    );
    expect(state).toMatchObject({ status: "success" });
    const p = await getProductForShop(shop.id, id);
    expect(p).toMatchObject({ slug: "kochere", status: "draft" });
    expect(p?.variants[0]).toMatchObject({ price: 1950, stock: 3 });
    expect(tags.updated).toEqual(
      expect.arrayContaining([
        productTag(shop.id, "ethiopia-kochere"),
        productTag(shop.id, "kochere"),
      ]),
    );
  });

  it("cannot touch another merchant's product", async () => {
    const { shop } = await setup();
    const id = await create(shop.slug);
    const intruder = await makeUser();
    const theirShop = await makeShop(intruder.id);
    session.user = intruder;
    const viaOwnShop = await actions.updateProductAction(
      idleState,
      form({ ...productForm(theirShop.slug, { name: "Hacked", slug: "hacked" }), productId: id }),
    );
    expect(viaOwnShop.status).toBe("error");
    const viaTheirSlug = await actions.updateProductAction(
      idleState,
      form({ ...productForm(shop.slug, { name: "Hacked" }), productId: id }),
    );
    expect(viaTheirSlug.status).toBe("error");
    session.user = null;
    expect((await getProductForShop(shop.id, id))?.name).toBe("Ethiopia Kochere");
  });

  it("refuses a slug another product uses", async () => {
    const { shop } = await setup();
    await create(shop.slug, { slug: "taken", name: "Taken" });
    const id = await create(shop.slug);
    const state = await actions.updateProductAction(
      idleState,
      form({ ...productForm(shop.slug, { slug: "taken" }), productId: id }),
    );
    expect(state.fieldErrors?.slug).toMatch(/already uses/);
    expect((await getProductForShop(shop.id, id))?.slug).toBe("ethiopia-kochere");
  });
});

describe("options and variants", () => {
  const optionsForm = (shop: string, productId: string, rows: [string, string][]) =>
    form({
      shop,
      productId,
      optionRows: "3",
      ...Object.fromEntries(
        rows.flatMap(([n, v], i) => [
          [`options.${i}.name`, n],
          [`options.${i}.values`, v],
        ]),
      ),
    });

  it("generates variants, keeps existing data when options change, and edits each variant", async () => {
    const { shop } = await setup();
    const id = await create(shop.slug);
    const original = (await getProductForShop(shop.id, id))!.variants[0]!;
    const s1 = await actions.saveOptionsAction(
      idleState,
      optionsForm(shop.slug, id, [
        ["Size", "250 g, 1 kg"],
        ["Grind", "Whole bean, Espresso"],
      ]),
    );
    expect(s1).toMatchObject({ status: "success", message: "Options saved: 4 variants." });
    let p = (await getProductForShop(shop.id, id))!;
    expect(p.options).toEqual([
      { name: "Size", values: ["250 g", "1 kg"] },
      { name: "Grind", values: ["Whole bean", "Espresso"] },
    ]);
    expect(p.variants.map((v) => v.optionValues.join("/"))).toEqual([
      "250 g/Whole bean",
      "250 g/Espresso",
      "1 kg/Whole bean",
      "1 kg/Espresso",
    ]);
    // The original single variant is kept (id, SKU, stock) as the first combination.
    expect(p.variants[0]).toMatchObject({
      id: original.id,
      sku: "ETH-250",
      stock: 12,
      price: 1800,
    });

    const big = p.variants[2]!;
    const fields: Record<string, string | string[]> = {
      shop: shop.slug,
      productId: id,
      variantId: p.variants.map((v) => v.id),
    };
    for (const v of p.variants) {
      fields[`v.${v.id}.price`] = v.id === big.id ? "58" : "18";
      fields[`v.${v.id}.compareAtPrice`] = "";
      fields[`v.${v.id}.sku`] = v.id === big.id ? "ETH-1KG-WB" : (v.sku ?? "");
      fields[`v.${v.id}.stock`] = v.id === big.id ? "4" : String(v.stock);
    }
    expect(await actions.saveVariantsAction(idleState, form(fields))).toMatchObject({
      status: "success",
    });

    // Remove the Grind option and a size: "1 kg" keeps the first matching variant's data.
    const s2 = await actions.saveOptionsAction(
      idleState,
      optionsForm(shop.slug, id, [["Size", "1 kg, 500 g"]]),
    );
    expect(s2.status).toBe("success");
    p = (await getProductForShop(shop.id, id))!;
    expect(p.variants.map((v) => [v.optionValues[0], v.price, v.sku, v.stock])).toEqual([
      ["1 kg", 5800, "ETH-1KG-WB", 4],
      ["500 g", 1800, null, 0],
    ]);
  });

  it("rejects too many options, too many variants and blank values; nothing changes", async () => {
    const { shop } = await setup();
    const id = await create(shop.slug);
    const four = await actions.saveOptionsAction(
      idleState,
      form({
        shop: shop.slug,
        productId: id,
        optionRows: "4",
        "options.0.name": "A",
        "options.0.values": "1",
        "options.1.name": "B",
        "options.1.values": "1",
        "options.2.name": "C",
        "options.2.values": "1",
        "options.3.name": "D",
        "options.3.values": "1",
      }),
    );
    expect(four.fieldErrors?.options).toMatch(/at most 3 options/);
    const vals = Array.from({ length: 11 }, (_, i) => `v${i}`).join(",");
    const many = await actions.saveOptionsAction(
      idleState,
      optionsForm(shop.slug, id, [
        ["A", vals],
        ["B", vals],
      ]),
    );
    expect(many.fieldErrors?.options).toMatch(/121 variants/);
    const blank = await actions.saveOptionsAction(
      idleState,
      optionsForm(shop.slug, id, [["Size", " , "]]),
    );
    expect(blank.fieldErrors?.["options.0.values"]).toBe("Add at least one value.");
    const p = await getProductForShop(shop.id, id);
    expect(p?.options).toEqual([]);
    expect(p?.variants).toHaveLength(1);
  });

  it("rejects bad variant prices next to the variant and foreign variant ids", async () => {
    const { shop } = await setup();
    const id = await create(shop.slug);
    const other = await create(shop.slug, { slug: "other", name: "Other" });
    const v = (await getProductForShop(shop.id, id))!.variants[0]!;
    const ov = (await getProductForShop(shop.id, other))!.variants[0]!;
    const bad = await actions.saveVariantsAction(
      idleState,
      form({
        shop: shop.slug,
        productId: id,
        variantId: [v.id],
        [`v.${v.id}.price`]: "1.234",
        [`v.${v.id}.compareAtPrice`]: "1",
        [`v.${v.id}.stock`]: "x",
      }),
    );
    expect(bad.fieldErrors?.[`v.${v.id}.price`]).toBeDefined();
    expect(bad.fieldErrors?.[`v.${v.id}.stock`]).toBeDefined();
    const foreign = await actions.saveVariantsAction(
      idleState,
      form({
        shop: shop.slug,
        productId: id,
        variantId: [ov.id],
        [`v.${ov.id}.price`]: "1",
        [`v.${ov.id}.stock`]: "1",
      }),
    );
    expect(foreign.status).toBe("error");
    expect((await getProductForShop(shop.id, other))!.variants[0]!.price).toBe(1800);
  });

  it("cannot change another merchant's options or variants", async () => {
    const { shop } = await setup();
    const id = await create(shop.slug);
    const v = (await getProductForShop(shop.id, id))!.variants[0]!;
    const intruder = await makeUser();
    const theirs = await makeShop(intruder.id);
    session.user = intruder;
    expect(
      (await actions.saveOptionsAction(idleState, optionsForm(theirs.slug, id, [["Size", "S"]])))
        .status,
    ).toBe("error");
    expect(
      (
        await actions.saveVariantsAction(
          idleState,
          form({
            shop: theirs.slug,
            productId: id,
            variantId: [v.id],
            [`v.${v.id}.price`]: "0.01",
            [`v.${v.id}.stock`]: "0",
          }),
        )
      ).status,
    ).toBe("error");
    const p = await getProductForShop(shop.id, id);
    expect(p?.options).toEqual([]);
    expect(p?.variants[0]).toMatchObject({ price: 1800, stock: 12 });
  });
});

describe("images", () => {
  it("uploads, reads dimensions, edits alt text, reorders and deletes", async () => {
    const { shop } = await setup();
    const id = await create(shop.slug);
    const up = await actions.uploadImagesAction(
      idleState,
      form(
        { shop: shop.slug, productId: id, alt: "A bag" },
        { images: [pngFile("a.png", 40, 30), pngFile("b.png", 10, 20)] },
      ),
    );
    expect(up).toMatchObject({ status: "success", message: "2 images uploaded." });
    let p = (await getProductForShop(shop.id, id))!;
    expect(p.images.map((i) => [i.width, i.height, i.alt, i.contentType])).toEqual([
      [40, 30, "A bag", "image/png"],
      [10, 20, "A bag", "image/png"],
    ]);
    expect(storage.files.has(p.images[0]!.storageKey)).toBe(true);
    const [first, second] = p.images as [(typeof p.images)[0], (typeof p.images)[0]];
    const ref = (imageId: string) => ({ shop: shop.slug, productId: id, imageId });
    expect(
      (await actions.updateImageAltAction(idleState, form({ ...ref(second.id), alt: "Side view" })))
        .status,
    ).toBe("success");
    expect(
      (await actions.moveImageAction(idleState, form({ ...ref(second.id), direction: "up" })))
        .status,
    ).toBe("success");
    p = (await getProductForShop(shop.id, id))!;
    expect(p.images.map((i) => i.id)).toEqual([second.id, first.id]);
    expect(p.images[0]?.alt).toBe("Side view");
    expect((await actions.deleteImageAction(idleState, form(ref(first.id)))).status).toBe(
      "success",
    );
    expect(storage.files.has(first.storageKey)).toBe(false);
    expect((await getProductForShop(shop.id, id))!.images).toHaveLength(1);
  });

  it("stores photos without EXIF/GPS, upright, with resized variants; duplicates and deletes them all", async () => {
    const { shop } = await setup();
    const id = await create(shop.slug);
    const jpeg = readFileSync(path.resolve("lib/storage/fixtures/gps-exif.jpg"));
    const up = await actions.uploadImagesAction(
      idleState,
      form(
        { shop: shop.slug, productId: id },
        { images: [new File([jpeg], "holiday.jpg", { type: "image/jpeg" })] },
      ),
    );
    expect(up).toMatchObject({ status: "success" });
    const [image] = (await getProductForShop(shop.id, id))!.images;
    // Orientation 6 applied: the 800×600 file is a 600×800 photo.
    expect([image!.width, image!.height, image!.contentType]).toEqual([600, 800, "image/jpeg"]);
    const keys = [...storage.files.keys()].filter((k) => k.startsWith(image!.storageKey));
    expect(keys.sort()).toEqual(
      [
        image!.storageKey,
        ...[320, 600].flatMap((w) =>
          ["avif", "webp", "jpg"].map((f) => `${image!.storageKey}.w${w}.${f}`),
        ),
      ].sort(),
    );
    for (const k of keys) {
      const bytes = storage.files.get(k)!.bytes;
      expect((await sharp(bytes).metadata()).exif, k).toBeUndefined();
      expect(Buffer.from(bytes).includes("BazaarTestCam"), k).toBe(false);
    }

    // A copy gets its own files, variants included.
    await expect(
      actions.duplicateProductAction(idleState, form({ shop: shop.slug, productId: id })),
    ).rejects.toMatchObject({ url: expect.stringContaining("notice=duplicated") });
    const copyKeys = [...storage.files.keys()].filter((k) => k.includes("/products/copies/"));
    expect(copyKeys).toHaveLength(keys.length);

    const del = await actions.deleteImageAction(
      idleState,
      form({ shop: shop.slug, productId: id, imageId: image!.id }),
    );
    expect(del.status).toBe("success");
    expect([...storage.files.keys()].filter((k) => k.startsWith(image!.storageKey))).toEqual([]);
    expect([...storage.files.keys()].filter((k) => k.includes("/products/copies/"))).toHaveLength(
      keys.length,
    );
  });

  it("refuses a file that looks like an image but cannot be decoded, storing nothing", async () => {
    const { shop } = await setup();
    const id = await create(shop.slug);
    const before = storage.files.size;
    const broken = new Uint8Array(4000);
    broken.set(Buffer.from(await pngFile("x.png", 40, 30).arrayBuffer()).subarray(0, 33));
    const res = await actions.uploadImagesAction(
      idleState,
      form(
        { shop: shop.slug, productId: id },
        { images: [pngFile("good.png", 40, 30), new File([broken], "broken.png")] },
      ),
    );
    expect(res.status).toBe("error");
    expect(res.fieldErrors?.images).toBe(
      "broken.png: This image could not be read. Try another file.",
    );
    expect(storage.files.size).toBe(before);
    expect((await getProductForShop(shop.id, id))!.images).toHaveLength(0);
  });

  it("rejects wrong file types (whatever the name says), oversize files and a ninth image", async () => {
    const { shop } = await setup();
    const id = await create(shop.slug);
    const fake = new File(["<svg onload=alert(1)>"], "evil.png", { type: "image/png" });
    const wrong = await actions.uploadImagesAction(
      idleState,
      form({ shop: shop.slug, productId: id }, { images: [fake] }),
    );
    expect(wrong.fieldErrors?.images).toMatch(/JPEG, PNG, WebP or GIF/);
    const huge = new Uint8Array(5 * 1024 * 1024 + 10);
    huge.set(Buffer.from(await pngFile().arrayBuffer()));
    const tooBig = await actions.uploadImagesAction(
      idleState,
      form({ shop: shop.slug, productId: id }, { images: [new File([huge], "big.png")] }),
    );
    expect(tooBig.fieldErrors?.images).toMatch(/5 MB/);
    const none = await actions.uploadImagesAction(
      idleState,
      form({ shop: shop.slug, productId: id }),
    );
    expect(none.fieldErrors?.images).toBeDefined();
    const nine = Array.from({ length: 9 }, (_, i) => pngFile(`${i}.png`));
    const many = await actions.uploadImagesAction(
      idleState,
      form({ shop: shop.slug, productId: id }, { images: nine }),
    );
    expect(many.fieldErrors?.images).toMatch(/at most 8 images/);
    expect((await getProductForShop(shop.id, id))!.images).toHaveLength(0);
    const eight = Array.from({ length: 8 }, (_, i) => pngFile(`${i}.png`));
    expect(
      (
        await actions.uploadImagesAction(
          idleState,
          form({ shop: shop.slug, productId: id }, { images: eight }),
        )
      ).status,
    ).toBe("success");
    const ninth = await actions.uploadImagesAction(
      idleState,
      form({ shop: shop.slug, productId: id }, { images: [pngFile()] }),
    );
    expect(ninth.fieldErrors?.images).toMatch(/at most 8 images/);
    expect((await getProductForShop(shop.id, id))!.images).toHaveLength(8);
  });

  it("cannot upload to, edit, move or delete another merchant's images", async () => {
    const { shop } = await setup();
    const id = await create(shop.slug);
    await actions.uploadImagesAction(
      idleState,
      form({ shop: shop.slug, productId: id }, { images: [pngFile()] }),
    );
    const img = (await getProductForShop(shop.id, id))!.images[0]!;
    const intruder = await makeUser();
    const theirs = await makeShop(intruder.id);
    session.user = intruder;
    const ref = { shop: theirs.slug, productId: id, imageId: img.id };
    expect(
      (
        await actions.uploadImagesAction(
          idleState,
          form({ shop: theirs.slug, productId: id }, { images: [pngFile()] }),
        )
      ).status,
    ).toBe("error");
    expect(
      (await actions.updateImageAltAction(idleState, form({ ...ref, alt: "pwned" }))).status,
    ).toBe("error");
    expect(
      (await actions.moveImageAction(idleState, form({ ...ref, direction: "down" }))).status,
    ).toBe("error");
    expect((await actions.deleteImageAction(idleState, form(ref))).status).toBe("error");
    expect(
      (await actions.deleteImageAction(idleState, form({ ...ref, shop: shop.slug }))).status,
    ).toBe("error");
    const after = (await getProductForShop(shop.id, id))!;
    expect(after.images).toHaveLength(1);
    expect(after.images[0]?.alt).toBe(img.alt);
    expect(storage.files.has(img.storageKey)).toBe(true);
  });
});

describe("duplicate, status and delete", () => {
  it("duplicates as a draft with its own image files and no stock", async () => {
    const { shop } = await setup();
    const id = await create(shop.slug);
    await actions.uploadImagesAction(
      idleState,
      form({ shop: shop.slug, productId: id }, { images: [pngFile()] }),
    );
    const err = (await actions
      .duplicateProductAction(idleState, form({ shop: shop.slug, productId: id }))
      .catch((e: { url: string }) => e)) as { url: string };
    const copyId = err.url.split("/").pop()!.split("?")[0]!;
    const copy = (await getProductForShop(shop.id, copyId))!;
    const source = (await getProductForShop(shop.id, id))!;
    expect(copy).toMatchObject({
      name: "Ethiopia Kochere (copy)",
      slug: "ethiopia-kochere-copy",
      status: "draft",
    });
    expect(copy.variants[0]).toMatchObject({ price: 1800, stock: 0 });
    expect(copy.images[0]?.storageKey).not.toBe(source.images[0]?.storageKey);
    expect(storage.files.has(copy.images[0]!.storageKey)).toBe(true);
    // A second copy gets the next free slug.
    const err2 = (await actions
      .duplicateProductAction(idleState, form({ shop: shop.slug, productId: id }))
      .catch((e: { url: string }) => e)) as { url: string };
    const copy2 = await getProductForShop(shop.id, err2.url.split("/").pop()!.split("?")[0]!);
    expect(copy2?.slug).toBe("ethiopia-kochere-copy-2");
  });

  it("archives and publishes", async () => {
    const { shop } = await setup();
    const id = await create(shop.slug);
    expect(
      (
        await actions.setProductStatusAction(
          idleState,
          form({ shop: shop.slug, productId: id, status: "archived" }),
        )
      ).message,
    ).toBe("Product archived.");
    expect((await getProductForShop(shop.id, id))?.status).toBe("archived");
    expect(
      (
        await actions.setProductStatusAction(
          idleState,
          form({ shop: shop.slug, productId: id, status: "bogus" }),
        )
      ).status,
    ).toBe("error");
  });

  it("deletes only with confirmation, removing images from storage", async () => {
    const { shop } = await setup();
    const id = await create(shop.slug);
    await actions.uploadImagesAction(
      idleState,
      form({ shop: shop.slug, productId: id }, { images: [pngFile()] }),
    );
    const key = (await getProductForShop(shop.id, id))!.images[0]!.storageKey;
    const unconfirmed = await actions.deleteProductAction(
      idleState,
      form({ shop: shop.slug, productId: id }),
    );
    expect(unconfirmed.status).toBe("error");
    await expect(
      actions.deleteProductAction(
        idleState,
        form({ shop: shop.slug, productId: id, confirm: "delete" }),
      ),
    ).rejects.toMatchObject({ url: `/dashboard/${shop.slug}/products?notice=deleted` });
    expect(await getProductForShop(shop.id, id)).toBeNull();
    expect(storage.files.has(key)).toBe(false);
  });

  it("cannot duplicate, archive or delete another merchant's product", async () => {
    const { shop } = await setup();
    const id = await create(shop.slug);
    const intruder = await makeUser();
    const theirs = await makeShop(intruder.id);
    session.user = intruder;
    expect(
      (await actions.duplicateProductAction(idleState, form({ shop: theirs.slug, productId: id })))
        .status,
    ).toBe("error");
    expect(
      (
        await actions.setProductStatusAction(
          idleState,
          form({ shop: theirs.slug, productId: id, status: "archived" }),
        )
      ).status,
    ).toBe("error");
    expect(
      (
        await actions.deleteProductAction(
          idleState,
          form({ shop: theirs.slug, productId: id, confirm: "delete" }),
        )
      ).status,
    ).toBe("error");
    expect(
      (
        await actions.deleteProductAction(
          idleState,
          form({ shop: shop.slug, productId: id, confirm: "delete" }),
        )
      ).status,
    ).toBe("error");
    expect((await getProductForShop(shop.id, id))?.status).toBe("active");
    expect((await listProductsForShop(theirs.id)).total).toBe(0);
  });
});

describe("listProductsForShop", () => {
  it("searches by name and SKU, filters by status, sorts and paginates", async () => {
    const { shop } = await setup();
    await create(shop.slug, { name: "Kenya AA", slug: "kenya", sku: "KEN-1", price: "21" });
    await create(shop.slug, {
      name: "Brazil",
      slug: "brazil",
      sku: "BRA-1",
      price: "14",
      status: "draft",
    });
    await create(shop.slug, { name: "Mug", slug: "mug", sku: "MUG-9", price: "22" });
    expect((await listProductsForShop(shop.id, { search: "kenya" })).items).toEqual([
      expect.objectContaining({
        slug: "kenya",
        priceMin: 2100,
        priceMax: 2100,
        stockTotal: 12,
        variantCount: 1,
        skus: ["KEN-1"],
      }),
    ]);
    expect(
      (await listProductsForShop(shop.id, { search: "mug-9" })).items.map((p) => p.slug),
    ).toEqual(["mug"]);
    expect((await listProductsForShop(shop.id, { search: "%" })).total).toBe(0);
    expect(
      (await listProductsForShop(shop.id, { status: "draft" })).items.map((p) => p.slug),
    ).toEqual(["brazil"]);
    expect(
      (await listProductsForShop(shop.id, { sort: "price-asc" })).items.map((p) => p.slug),
    ).toEqual(["brazil", "kenya", "mug"]);
    expect((await listProductsForShop(shop.id, { sort: "name" })).items.map((p) => p.slug)).toEqual(
      ["brazil", "kenya", "mug"],
    );
    const page2 = await listProductsForShop(shop.id, { sort: "name", perPage: 2, page: 2 });
    expect(page2).toMatchObject({ total: 3, page: 2 });
    expect(page2.items.map((p) => p.slug)).toEqual(["mug"]);
  });
});
