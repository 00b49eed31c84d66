import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import { getDb, type Executor } from "../client";
import { cartItems, carts, productImages, products, productVariants } from "../schema";

/**
 * Carts are keyed by (shop, SHA-256 of the cookie token). Every change bumps `version`.
 * Prices are never stored here: lines read them from the variants at render time.
 */

export const MAX_LINE_QUANTITY = 99;

export type CartChange =
  | { ok: true; quantity: number }
  | {
      ok: false;
      reason: "not_found" | "unavailable" | "out_of_stock" | "exceeds_stock" | "too_many";
      /** Units that can be in the cart for this variant (stock, capped at 99). */
      limit?: number;
    };

async function findCartId(db: Executor, shopId: string, tokenHash: string) {
  const [row] = await db
    .select({ id: carts.id })
    .from(carts)
    .where(and(eq(carts.shopId, shopId), eq(carts.tokenHash, tokenHash)))
    .limit(1);
  return row?.id ?? null;
}

async function ensureCartId(db: Executor, shopId: string, tokenHash: string) {
  await db.insert(carts).values({ shopId, tokenHash }).onConflictDoNothing();
  const id = await findCartId(db, shopId, tokenHash);
  if (!id) throw new Error("cart could not be created");
  return id;
}

async function bumpVersion(db: Executor, cartId: string) {
  await db
    .update(carts)
    .set({ version: sql`${carts.version} + 1`, updatedAt: new Date() })
    .where(eq(carts.id, cartId));
}

/** The variant if it is this shop's and its product is active. */
async function sellableVariant(db: Executor, shopId: string, variantId: string) {
  const [row] = await db
    .select({
      id: productVariants.id,
      stock: productVariants.stock,
      trackStock: products.trackStock,
      status: products.status,
    })
    .from(productVariants)
    .innerJoin(products, eq(products.id, productVariants.productId))
    .where(and(eq(productVariants.id, variantId), eq(productVariants.shopId, shopId)))
    .limit(1);
  return row ?? null;
}

function lineLimit(variant: { stock: number; trackStock: boolean }) {
  return variant.trackStock ? Math.min(variant.stock, MAX_LINE_QUANTITY) : MAX_LINE_QUANTITY;
}

async function currentQuantity(db: Executor, cartId: string, variantId: string) {
  const [row] = await db
    .select({ quantity: cartItems.quantity })
    .from(cartItems)
    .where(and(eq(cartItems.cartId, cartId), eq(cartItems.variantId, variantId)))
    .limit(1);
  return row?.quantity ?? 0;
}

/** Adds units of a variant (creating the cart on first use). */
export async function addToCart(
  shopId: string,
  tokenHash: string,
  variantId: string,
  quantity: number,
): Promise<CartChange> {
  return getDb().transaction(async (tx) => {
    const variant = await sellableVariant(tx, shopId, variantId);
    if (!variant) return { ok: false, reason: "not_found" } as const;
    if (variant.status !== "active") return { ok: false, reason: "unavailable" } as const;
    const limit = lineLimit(variant);
    if (limit === 0) return { ok: false, reason: "out_of_stock", limit } as const;
    const cartId = await ensureCartId(tx, shopId, tokenHash);
    const wanted = (await currentQuantity(tx, cartId, variantId)) + quantity;
    if (wanted > limit)
      return {
        ok: false,
        reason:
          variant.trackStock && variant.stock <= MAX_LINE_QUANTITY ? "exceeds_stock" : "too_many",
        limit,
      } as const;
    await tx
      .insert(cartItems)
      .values({ cartId, shopId, variantId, quantity: wanted })
      .onConflictDoUpdate({
        target: [cartItems.cartId, cartItems.variantId],
        set: { quantity: wanted },
      });
    await bumpVersion(tx, cartId);
    return { ok: true, quantity: wanted } as const;
  });
}

/** Sets a line's quantity (the line must already be in this shopper's cart). */
export async function setCartQuantity(
  shopId: string,
  tokenHash: string,
  variantId: string,
  quantity: number,
): Promise<CartChange> {
  return getDb().transaction(async (tx) => {
    const cartId = await findCartId(tx, shopId, tokenHash);
    if (!cartId || (await currentQuantity(tx, cartId, variantId)) === 0)
      return { ok: false, reason: "not_found" } as const;
    const variant = await sellableVariant(tx, shopId, variantId);
    if (!variant) return { ok: false, reason: "not_found" } as const;
    if (variant.status !== "active") return { ok: false, reason: "unavailable" } as const;
    const limit = lineLimit(variant);
    if (limit === 0) return { ok: false, reason: "out_of_stock", limit } as const;
    if (quantity > limit)
      return {
        ok: false,
        reason:
          variant.trackStock && variant.stock <= MAX_LINE_QUANTITY ? "exceeds_stock" : "too_many",
        limit,
      } as const;
    await tx
      .update(cartItems)
      .set({ quantity })
      .where(and(eq(cartItems.cartId, cartId), eq(cartItems.variantId, variantId)));
    await bumpVersion(tx, cartId);
    return { ok: true, quantity } as const;
  });
}

/** Removes a line; false when it was not in this shopper's cart. */
export async function removeFromCart(shopId: string, tokenHash: string, variantId: string) {
  return getDb().transaction(async (tx) => {
    const cartId = await findCartId(tx, shopId, tokenHash);
    if (!cartId) return false;
    const removed = await tx
      .delete(cartItems)
      .where(
        and(
          eq(cartItems.cartId, cartId),
          eq(cartItems.variantId, variantId),
          eq(cartItems.shopId, shopId),
        ),
      )
      .returning({ variantId: cartItems.variantId });
    if (removed.length === 0) return false;
    await bumpVersion(tx, cartId);
    return true;
  });
}

/** Units in the cart (for the header badge). */
export async function countCartItems(shopId: string, tokenHash: string) {
  const [row] = await getDb()
    .select({ n: sql<number>`coalesce(sum(${cartItems.quantity}), 0)::int` })
    .from(cartItems)
    .innerJoin(carts, eq(carts.id, cartItems.cartId))
    .where(and(eq(carts.shopId, shopId), eq(carts.tokenHash, tokenHash)))
    .limit(1);
  return Number(row?.n ?? 0);
}

export type CartLine = {
  variantId: string;
  productSlug: string;
  productName: string;
  optionValues: string[];
  optionNames: string[];
  quantity: number;
  /** Current price from the database, minor units. */
  unitPrice: number;
  compareAtPrice: number | null;
  /** Null when stock is not tracked. */
  stock: number | null;
  available: boolean;
  imageKey: string | null;
  imageWidth: number | null;
  imageAlt: string;
};

/** The cart with live prices and stock; null when the shopper has no cart in this shop. */
export async function getCart(shopId: string, tokenHash: string) {
  const db = getDb();
  const [cart] = await db
    .select({ id: carts.id, version: carts.version })
    .from(carts)
    .where(and(eq(carts.shopId, shopId), eq(carts.tokenHash, tokenHash)))
    .limit(1);
  if (!cart) return null;
  const rows = await db
    .select({
      variantId: cartItems.variantId,
      quantity: cartItems.quantity,
      optionValues: productVariants.optionValues,
      unitPrice: productVariants.price,
      compareAtPrice: productVariants.compareAtPrice,
      stock: productVariants.stock,
      trackStock: products.trackStock,
      status: products.status,
      productSlug: products.slug,
      productName: products.name,
      options: products.options,
      imageKey: sql<
        string | null
      >`(select pi.storage_key from ${productImages} pi where pi.product_id = ${products.id} order by pi.position asc limit 1)`,
      imageWidth: sql<
        number | null
      >`(select pi.width from ${productImages} pi where pi.product_id = ${products.id} order by pi.position asc limit 1)`,
    })
    .from(cartItems)
    .innerJoin(productVariants, eq(productVariants.id, cartItems.variantId))
    .innerJoin(products, eq(products.id, productVariants.productId))
    .where(and(eq(cartItems.cartId, cart.id), eq(cartItems.shopId, shopId)))
    .orderBy(asc(cartItems.addedAt), asc(products.name));
  const lines: CartLine[] = rows.map((r) => {
    const stock = r.trackStock ? r.stock : null;
    return {
      variantId: r.variantId,
      productSlug: r.productSlug,
      productName: r.productName,
      optionValues: r.optionValues,
      optionNames: r.options.map((o) => o.name),
      quantity: r.quantity,
      unitPrice: r.unitPrice,
      compareAtPrice:
        r.compareAtPrice !== null && r.compareAtPrice > r.unitPrice ? r.compareAtPrice : null,
      stock,
      available: r.status === "active" && (stock === null || stock >= r.quantity),
      imageKey: r.imageKey,
      imageWidth: r.imageWidth === null ? null : Number(r.imageWidth),
      imageAlt: r.productName,
    };
  });
  const subtotal = lines
    .filter((l) => l.available)
    .reduce((sum, l) => sum + l.unitPrice * l.quantity, 0);
  return { id: cart.id, version: cart.version, lines, subtotal };
}
