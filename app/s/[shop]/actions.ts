"use server";

import { refresh } from "next/cache";
import { addToCart, removeFromCart, setCartQuantity } from "@/db/queries/carts";
import { findStorefrontShop } from "@/db/queries/storefront";
import { publicAction } from "@/lib/action-pipeline";
import { AppError } from "@/lib/errors";
import { ensureCartTokenHash, readCartTokenHash } from "@/lib/storefront/cart-cookie";
import { cartChangeMessage, cartLineSchema, removeLineSchema } from "@/lib/storefront/cart-rules";

// Shopper actions: anyone may call them, so everything is validated against the database
// (variant of this shop, product active, stock) and prices never come from the form.

const CLOSED = "This shop is not accepting orders right now.";
const NO_CART = "Your cart could not be found.";

/** The shop and the shopper's cart cookie, for changes to an existing cart. */
async function existingCart(shopSlug: string) {
  const shop = await findStorefrontShop(shopSlug);
  const tokenHash = await readCartTokenHash();
  if (!shop || !tokenHash) throw AppError.notFound(NO_CART);
  return { shop, tokenHash };
}

export const addToCartAction = publicAction(
  { schema: cartLineSchema },
  async function addToCartAction({ input }) {
    const shop = await findStorefrontShop(input.shop);
    if (!shop) throw AppError.notFound("This shop does not exist.");
    if (shop.suspended || shop.connectStatus !== "active") throw AppError.conflict(CLOSED);
    const tokenHash = await ensureCartTokenHash();
    const result = await addToCart(shop.id, tokenHash, input.variantId, input.quantity);
    if (!result.ok) throw AppError.conflict(cartChangeMessage(result.reason, result.limit));
    refresh();
    return { status: "success", message: `Added to your cart (${result.quantity} in cart).` };
  },
);

export const updateCartLineAction = publicAction(
  { schema: cartLineSchema },
  async function updateCartLineAction({ input }) {
    const { shop, tokenHash } = await existingCart(input.shop);
    const result = await setCartQuantity(shop.id, tokenHash, input.variantId, input.quantity);
    if (!result.ok) {
      throw AppError.conflict("", { quantity: cartChangeMessage(result.reason, result.limit) });
    }
    refresh();
    return { status: "success", message: "Quantity updated." };
  },
);

export const removeCartLineAction = publicAction(
  { schema: removeLineSchema },
  async function removeCartLineAction({ input }) {
    const { shop, tokenHash } = await existingCart(input.shop);
    if (!(await removeFromCart(shop.id, tokenHash, input.variantId)))
      throw AppError.notFound("That item is no longer in your cart.");
    refresh();
    return { status: "success", message: "Item removed." };
  },
);
