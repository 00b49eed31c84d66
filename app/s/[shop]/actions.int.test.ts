import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db/client";
import { getCart } from "@/db/queries/carts";
import { carts, productVariants } from "@/db/schema";
import { idleState } from "@/lib/actions";
import { hashCartToken } from "@/lib/storefront/cart-cookie";
import { activateShop, makeProduct, makeShop, makeUser } from "@/lib/testing/factories";

// A cookie jar standing in for next/headers: one shopper's browser.
const jar = vi.hoisted(() => ({ values: new Map<string, string>() }));
vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) => {
      const value = jar.values.get(name);
      return value === undefined ? undefined : { name, value };
    },
    set: (name: string, value: string) => void jar.values.set(name, value),
  }),
}));
vi.mock("next/cache", () => ({ refresh: vi.fn(), updateTag: vi.fn(), revalidateTag: vi.fn() }));

const { addToCartAction, removeCartLineAction, updateCartLineAction } = await import("./actions");

function form(values: Record<string, string | number>) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(values)) fd.set(k, String(v));
  return fd;
}

async function openShop() {
  const owner = await makeUser();
  const shop = await makeShop(owner.id);
  await activateShop(shop.id);
  return shop;
}

async function myCart(shopId: string) {
  const token = jar.values.get("bazaar_cart");
  return token ? getCart(shopId, hashCartToken(token)) : null;
}

describe("cart actions", () => {
  beforeEach(() => jar.values.clear());

  it("adds a variant, issues the cart cookie and bumps the version on every change", async () => {
    const shop = await openShop();
    const product = await makeProduct(shop.id, {
      options: [{ name: "Size", values: ["S", "M"] }],
      variants: [
        { optionValues: ["S"], price: 1500, stock: 5 },
        { optionValues: ["M"], price: 1700, stock: 5 },
      ],
    });
    const m = product.variants[1]!;
    const first = await addToCartAction(
      idleState,
      form({ shop: shop.slug, variantId: m.id, quantity: 2 }),
    );
    expect(first).toMatchObject({ status: "success" });
    expect(jar.values.get("bazaar_cart")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    await addToCartAction(idleState, form({ shop: shop.slug, variantId: m.id, quantity: 1 }));
    const cart = await myCart(shop.id);
    expect(cart?.lines).toEqual([
      expect.objectContaining({ variantId: m.id, quantity: 3, unitPrice: 1700 }),
    ]);
    expect(cart?.subtotal).toBe(5100);
    expect(cart?.version).toBe(2);
    // The database row never holds the cookie value itself.
    const [row] = await getDb().select().from(carts).where(eq(carts.id, cart!.id));
    expect(row?.tokenHash).not.toBe(jar.values.get("bazaar_cart"));
  });

  it("refuses more than the stock with a clear message and changes nothing", async () => {
    const shop = await openShop();
    const product = await makeProduct(shop.id, { variants: [{ price: 900, stock: 3 }] });
    const v = product.variants[0]!;
    await addToCartAction(idleState, form({ shop: shop.slug, variantId: v.id, quantity: 2 }));
    const state = await addToCartAction(
      idleState,
      form({ shop: shop.slug, variantId: v.id, quantity: 2 }),
    );
    expect(state.status).toBe("error");
    expect(state.message).toBe("Only 3 in stock — you can have at most 3 in your cart.");
    const cart = await myCart(shop.id);
    expect(cart?.lines[0]?.quantity).toBe(2);
    expect(cart?.version).toBe(1);
  });

  it("refuses sold-out variants but lets untracked products through", async () => {
    const shop = await openShop();
    const soldOut = await makeProduct(shop.id, { variants: [{ price: 900, stock: 0 }] });
    const untracked = await makeProduct(shop.id, {
      trackStock: false,
      variants: [{ price: 500, stock: 0 }],
    });
    const refused = await addToCartAction(
      idleState,
      form({ shop: shop.slug, variantId: soldOut.variants[0]!.id, quantity: 1 }),
    );
    expect(refused.message).toMatch(/sold out/);
    const ok = await addToCartAction(
      idleState,
      form({ shop: shop.slug, variantId: untracked.variants[0]!.id, quantity: 40 }),
    );
    expect(ok.status).toBe("success");
  });

  it("refuses another shop's variant and leaves both carts untouched", async () => {
    const shop = await openShop();
    const other = await openShop();
    const foreign = await makeProduct(other.id);
    const state = await addToCartAction(
      idleState,
      form({ shop: shop.slug, variantId: foreign.variants[0]!.id, quantity: 1 }),
    );
    expect(state).toMatchObject({
      status: "error",
      message: "That item is not available in this shop.",
    });
    expect(await myCart(shop.id)).toBeNull();
    expect(await myCart(other.id)).toBeNull();
  });

  it("refuses draft and archived products", async () => {
    const shop = await openShop();
    for (const status of ["draft", "archived"] as const) {
      const product = await makeProduct(shop.id, { status });
      const state = await addToCartAction(
        idleState,
        form({ shop: shop.slug, variantId: product.variants[0]!.id, quantity: 1 }),
      );
      expect(state.message).toBe("This product is no longer for sale.");
    }
    expect(await myCart(shop.id)).toBeNull();
  });

  it("rejects malformed input next to the field", async () => {
    const shop = await openShop();
    const product = await makeProduct(shop.id);
    const id = product.variants[0]!.id;
    for (const [quantity, message] of [
      ["0", "Enter at least 1."],
      ["100", "You can buy at most 99 of one item."],
      ["1.5", "Enter a whole number."],
      ["lots", "Enter a quantity."],
    ] as const) {
      const state = await addToCartAction(
        idleState,
        form({ shop: shop.slug, variantId: id, quantity }),
      );
      expect(state.fieldErrors?.quantity).toBe(message);
    }
    const badId = await addToCartAction(
      idleState,
      form({ shop: shop.slug, variantId: "'; drop table carts; --", quantity: 1 }),
    );
    expect(badId.fieldErrors?.variantId).toBeDefined();
    const noShop = await addToCartAction(
      idleState,
      form({ shop: "no-such-shop", variantId: id, quantity: 1 }),
    );
    expect(noShop.message).toBe("This shop does not exist.");
    expect(await myCart(shop.id)).toBeNull();
  });

  it("refuses to add when the shop is not accepting orders", async () => {
    const owner = await makeUser();
    const shop = await makeShop(owner.id); // Connect not set up: not_connected
    const product = await makeProduct(shop.id);
    const state = await addToCartAction(
      idleState,
      form({ shop: shop.slug, variantId: product.variants[0]!.id, quantity: 1 }),
    );
    expect(state.message).toBe("This shop is not accepting orders right now.");
  });

  it("changes a quantity within stock and refuses beyond it", async () => {
    const shop = await openShop();
    const product = await makeProduct(shop.id, { variants: [{ price: 1200, stock: 4 }] });
    const v = product.variants[0]!;
    await addToCartAction(idleState, form({ shop: shop.slug, variantId: v.id, quantity: 1 }));
    expect(
      await updateCartLineAction(
        idleState,
        form({ shop: shop.slug, variantId: v.id, quantity: 4 }),
      ),
    ).toMatchObject({ status: "success" });
    const tooMany = await updateCartLineAction(
      idleState,
      form({ shop: shop.slug, variantId: v.id, quantity: 5 }),
    );
    expect(tooMany.fieldErrors?.quantity).toMatch(/Only 4 in stock/);
    const cart = await myCart(shop.id);
    expect(cart?.lines[0]?.quantity).toBe(4);
    expect(cart?.subtotal).toBe(4800);
  });

  it("cannot change or remove lines of someone else's cart", async () => {
    const shop = await openShop();
    const product = await makeProduct(shop.id);
    const v = product.variants[0]!;
    await addToCartAction(idleState, form({ shop: shop.slug, variantId: v.id, quantity: 2 }));
    const aliceToken = jar.values.get("bazaar_cart")!;
    jar.values.clear(); // Bob: a different browser
    const update = await updateCartLineAction(
      idleState,
      form({ shop: shop.slug, variantId: v.id, quantity: 9 }),
    );
    expect(update.status).toBe("error");
    await addToCartAction(idleState, form({ shop: shop.slug, variantId: v.id, quantity: 1 }));
    jar.values.set("bazaar_cart", aliceToken);
    expect((await myCart(shop.id))?.lines[0]?.quantity).toBe(2);
  });

  it("removes a line and reads prices from the database, not the cart", async () => {
    const shop = await openShop();
    const a = await makeProduct(shop.id, { variants: [{ price: 1000, stock: 5 }] });
    const b = await makeProduct(shop.id, { variants: [{ price: 2000, stock: 5 }] });
    await addToCartAction(
      idleState,
      form({ shop: shop.slug, variantId: a.variants[0]!.id, quantity: 1 }),
    );
    await addToCartAction(
      idleState,
      form({ shop: shop.slug, variantId: b.variants[0]!.id, quantity: 1 }),
    );
    await getDb()
      .update(productVariants)
      .set({ price: 2500 })
      .where(eq(productVariants.id, b.variants[0]!.id));
    expect((await myCart(shop.id))?.subtotal).toBe(3500);
    const removed = await removeCartLineAction(
      idleState,
      form({ shop: shop.slug, variantId: a.variants[0]!.id }),
    );
    expect(removed.status).toBe("success");
    const again = await removeCartLineAction(
      idleState,
      form({ shop: shop.slug, variantId: a.variants[0]!.id }),
    );
    expect(again.message).toBe("That item is no longer in your cart.");
    const cart = await myCart(shop.id);
    expect(cart?.lines.map((l) => l.variantId)).toEqual([b.variants[0]!.id]);
    expect(cart?.subtotal).toBe(2500);
    expect(cart?.version).toBe(3);
  });
});
