import { beforeEach, describe, expect, it, vi } from "vitest";
import { createProduct, getCollectionForShop, listCollectionsForShop } from "@/db/queries/catalog";
import { idleState } from "@/lib/actions";
import { collectionsTag, collectionTag } from "@/lib/cache-tags";
import { form } from "@/lib/testing/catalog";
import { makeShop, makeUser } from "@/lib/testing/factories";
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

async function product(shopId: string, slug: string) {
  const r = await createProduct(shopId, {
    name: slug,
    slug,
    description: "",
    status: "active",
    trackStock: true,
    price: 1000,
    compareAtPrice: null,
    sku: null,
    stock: 1,
  });
  if (!r.ok) throw new Error("no product");
  return r.id;
}

async function setup() {
  const user = await makeUser();
  const shop = await makeShop(user.id);
  session.user = user;
  const err = (await actions
    .createCollectionAction(
      idleState,
      form({ shop: shop.slug, name: "Gifts", slug: "gifts", description: "For *you*" }),
    )
    .catch((e: { url: string }) => e)) as { url: string };
  const collectionId = err.url.split("/").pop()!.split("?")[0]!;
  return { user, shop, collectionId };
}

beforeEach(() => {
  session.user = null;
  tags.updated = [];
});

describe("collections", () => {
  it("creates, edits and deletes a collection, invalidating its tags", async () => {
    const { shop, collectionId } = await setup();
    expect(tags.updated).toEqual(
      expect.arrayContaining([collectionsTag(shop.id), collectionTag(shop.id, "gifts")]),
    );
    const saved = await actions.updateCollectionAction(
      idleState,
      form({
        shop: shop.slug,
        collectionId,
        name: "Gift ideas",
        slug: "gift-ideas",
        description: "",
      }),
    );
    expect(saved.status).toBe("success");
    expect(tags.updated).toContain(collectionTag(shop.id, "gift-ideas"));
    expect((await getCollectionForShop(shop.id, collectionId))?.slug).toBe("gift-ideas");
    expect(
      (await actions.deleteCollectionAction(idleState, form({ shop: shop.slug, collectionId })))
        .status,
    ).toBe("error"); // needs confirmation
    await expect(
      actions.deleteCollectionAction(
        idleState,
        form({ shop: shop.slug, collectionId, confirm: "delete" }),
      ),
    ).rejects.toMatchObject({ url: `/dashboard/${shop.slug}/collections?notice=deleted` });
    expect(await getCollectionForShop(shop.id, collectionId)).toBeNull();
  });

  it("rejects malformed input and duplicate slugs next to the fields", async () => {
    const { shop, collectionId } = await setup();
    const bad = await actions.createCollectionAction(
      idleState,
      form({ shop: shop.slug, name: "", slug: "No Good" }),
    );
    expect(bad.fieldErrors).toMatchObject({ name: expect.any(String), slug: expect.any(String) });
    const dup = await actions.createCollectionAction(
      idleState,
      form({ shop: shop.slug, name: "Again", slug: "gifts" }),
    );
    expect(dup.fieldErrors?.slug).toMatch(/already uses/);
    await actions
      .createCollectionAction(idleState, form({ shop: shop.slug, name: "Other", slug: "other" }))
      .catch(() => {});
    const clash = await actions.updateCollectionAction(
      idleState,
      form({ shop: shop.slug, collectionId, name: "Gifts", slug: "other" }),
    );
    expect(clash.fieldErrors?.slug).toMatch(/already uses/);
    expect((await listCollectionsForShop(shop.id)).map((c) => c.slug).sort()).toEqual([
      "gifts",
      "other",
    ]);
  });

  it("adds, reorders and removes products", async () => {
    const { shop, collectionId } = await setup();
    const a = await product(shop.id, "a");
    const b = await product(shop.id, "b");
    const c = await product(shop.id, "c");
    for (const id of [a, b, c]) {
      expect(
        (
          await actions.addCollectionProductsAction(
            idleState,
            form({ shop: shop.slug, collectionId, productId: id }),
          )
        ).status,
      ).toBe("success");
    }
    const again = await actions.addCollectionProductsAction(
      idleState,
      form({ shop: shop.slug, collectionId, productId: a }),
    );
    expect(again.message).toBe("Already in this collection.");
    const empty = await actions.addCollectionProductsAction(
      idleState,
      form({ shop: shop.slug, collectionId, productId: "" }),
    );
    expect(empty.fieldErrors?.productId).toBeDefined();
    const ref = (productId: string) => ({ shop: shop.slug, collectionId, productId });
    await actions.moveCollectionProductAction(idleState, form({ ...ref(c), direction: "up" }));
    await actions.moveCollectionProductAction(idleState, form({ ...ref(c), direction: "up" }));
    await actions.moveCollectionProductAction(idleState, form({ ...ref(c), direction: "up" })); // already first
    expect(
      (await getCollectionForShop(shop.id, collectionId))!.products.map((p) => p.slug),
    ).toEqual(["c", "a", "b"]);
    expect((await actions.removeCollectionProductAction(idleState, form(ref(a)))).status).toBe(
      "success",
    );
    expect(
      (await getCollectionForShop(shop.id, collectionId))!.products.map((p) => p.slug),
    ).toEqual(["c", "b"]);
    expect(tags.updated).toContain(collectionTag(shop.id, "gifts"));
  });

  it("refuses another merchant's products, collections and shop; nothing changes", async () => {
    const { shop, collectionId } = await setup();
    const mine = await product(shop.id, "mine");
    await actions.addCollectionProductsAction(
      idleState,
      form({ shop: shop.slug, collectionId, productId: mine }),
    );
    const intruder = await makeUser();
    const theirs = await makeShop(intruder.id);
    const theirProduct = await product(theirs.id, "theirs");
    // The owner cannot add a foreign product to their own collection.
    const foreignProduct = await actions.addCollectionProductsAction(
      idleState,
      form({ shop: shop.slug, collectionId, productId: theirProduct }),
    );
    expect(foreignProduct.status).toBe("error");
    session.user = intruder;
    const attempts = [
      actions.addCollectionProductsAction(
        idleState,
        form({ shop: theirs.slug, collectionId, productId: theirProduct }),
      ),
      actions.updateCollectionAction(
        idleState,
        form({ shop: theirs.slug, collectionId, name: "X", slug: "x" }),
      ),
      actions.updateCollectionAction(
        idleState,
        form({ shop: shop.slug, collectionId, name: "X", slug: "x" }),
      ),
      actions.removeCollectionProductAction(
        idleState,
        form({ shop: theirs.slug, collectionId, productId: mine }),
      ),
      actions.moveCollectionProductAction(
        idleState,
        form({ shop: theirs.slug, collectionId, productId: mine, direction: "down" }),
      ),
      actions.deleteCollectionAction(
        idleState,
        form({ shop: theirs.slug, collectionId, confirm: "delete" }),
      ),
    ];
    for (const state of await Promise.all(attempts)) expect(state.status).toBe("error");
    const after = await getCollectionForShop(shop.id, collectionId);
    expect(after).toMatchObject({ name: "Gifts", slug: "gifts" });
    expect(after!.products.map((p) => p.slug)).toEqual(["mine"]);
  });
});
