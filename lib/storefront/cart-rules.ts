import { z } from "zod";
import { SHOP_SLUG_PATTERN } from "@/lib/shops/slug";

const uuid = z.uuid({ message: "Choose an option." });

/** Cart form input, coerced from FormData. */
export const cartLineSchema = z.object({
  shop: z.string().regex(SHOP_SLUG_PATTERN, "This shop does not exist."),
  variantId: uuid,
  quantity: z.coerce
    .number({ message: "Enter a quantity." })
    .int("Enter a whole number.")
    .min(1, "Enter at least 1.")
    .max(99, "You can buy at most 99 of one item."),
});

export const removeLineSchema = cartLineSchema.pick({ shop: true, variantId: true });

export function cartChangeMessage(
  reason: "not_found" | "unavailable" | "out_of_stock" | "exceeds_stock" | "too_many",
  limit?: number,
) {
  switch (reason) {
    case "not_found":
      return "That item is not available in this shop.";
    case "unavailable":
      return "This product is no longer for sale.";
    case "out_of_stock":
      return "Sorry, this is sold out.";
    case "exceeds_stock":
      return `Only ${limit ?? 0} in stock — you can have at most ${limit ?? 0} in your cart.`;
    case "too_many":
      return "You can buy at most 99 of one item.";
  }
}
