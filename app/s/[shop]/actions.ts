"use server";

import { refresh } from "next/cache";
import { addToCart, removeFromCart, setCartQuantity } from "@/db/queries/carts";
import { findStorefrontShop } from "@/db/queries/storefront";
import { errorState, fieldErrorsOf, formObject, type ActionState, formAction } from "@/lib/actions";
import { ensureCartTokenHash, readCartTokenHash } from "@/lib/storefront/cart-cookie";
import { cartChangeMessage, cartLineSchema, removeLineSchema } from "@/lib/storefront/cart-rules";

// Shopper actions: anyone may call them, so everything is validated against the database
// (variant of this shop, product active, stock) and prices never come from the form.

const CLOSED = "This shop is not accepting orders right now.";

export const addToCartAction = formAction(async function addToCartAction(
  _prev: ActionState,
  formData: FormData,
): Promise<ActionState> {
  const raw = formObject(formData);
  const parsed = cartLineSchema.safeParse(raw);
  if (!parsed.success) return errorState(undefined, fieldErrorsOf(parsed.error), raw);
  const shop = await findStorefrontShop(parsed.data.shop);
  if (!shop) return errorState("This shop does not exist.");
  if (shop.suspended || shop.connectStatus !== "active") return errorState(CLOSED);
  const tokenHash = await ensureCartTokenHash();
  const result = await addToCart(shop.id, tokenHash, parsed.data.variantId, parsed.data.quantity);
  if (!result.ok) return errorState(cartChangeMessage(result.reason, result.limit), {}, raw);
  refresh();
  return {
    status: "success",
    message: `Added to your cart (${result.quantity} in cart).`,
  };
});

export const updateCartLineAction = formAction(async function updateCartLineAction(
  _prev: ActionState,
  formData: FormData,
): Promise<ActionState> {
  const raw = formObject(formData);
  const parsed = cartLineSchema.safeParse(raw);
  if (!parsed.success) return errorState(undefined, fieldErrorsOf(parsed.error), raw);
  const shop = await findStorefrontShop(parsed.data.shop);
  const tokenHash = await readCartTokenHash();
  if (!shop || !tokenHash) return errorState("Your cart could not be found.");
  const result = await setCartQuantity(
    shop.id,
    tokenHash,
    parsed.data.variantId,
    parsed.data.quantity,
  );
  if (!result.ok)
    return errorState(undefined, { quantity: cartChangeMessage(result.reason, result.limit) }, raw);
  refresh();
  return { status: "success", message: "Quantity updated." };
});

export const removeCartLineAction = formAction(async function removeCartLineAction(
  _prev: ActionState,
  formData: FormData,
): Promise<ActionState> {
  const parsed = removeLineSchema.safeParse(formObject(formData));
  if (!parsed.success) return errorState("That item could not be removed.");
  const shop = await findStorefrontShop(parsed.data.shop);
  const tokenHash = await readCartTokenHash();
  if (!shop || !tokenHash) return errorState("Your cart could not be found.");
  if (!(await removeFromCart(shop.id, tokenHash, parsed.data.variantId)))
    return errorState("That item is no longer in your cart.");
  refresh();
  return { status: "success", message: "Item removed." };
});
