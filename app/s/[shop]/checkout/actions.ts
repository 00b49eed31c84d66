"use server";

import { z } from "zod";
import { publicAction, redirectTo } from "@/lib/action-pipeline";
import { AppError } from "@/lib/errors";
import { beginCheckout } from "@/lib/orders/checkout";
import { clientAddress } from "@/lib/rate-limit";
import { checkoutModeOverride, shopperOrigin } from "@/lib/orders/request";
import { SHOP_SLUG_PATTERN } from "@/lib/shops/slug";
import { readCartTokenHash } from "@/lib/storefront/cart-cookie";
import { shopPath } from "@/lib/storefront/links";

const NO_SHOP = "This shop does not exist.";

/**
 * "Checkout" on the cart. The form carries only the shop: the cart comes from the shopper's
 * cookie and every price and quantity from the database, so nothing in the request can change
 * what is charged.
 */
export const startCheckoutAction = publicAction(
  { schema: z.object({ shop: z.string({ error: NO_SHOP }).regex(SHOP_SLUG_PATTERN, NO_SHOP) }) },
  async function startCheckoutAction({ input }) {
    const where = await shopperOrigin(input.shop);
    const result = await beginCheckout({
      shop: { slug: input.shop },
      tokenHash: await readCartTokenHash(),
      origin: where.origin,
      shopHost: where.shopHost,
      modeOverride: await checkoutModeOverride(),
      from: "action",
      clientAddress: await clientAddress(),
    });
    if (!result.ok) throw AppError.conflict(result.message);
    if (result.mode === "hosted") {
      if (!result.url) {
        throw AppError.unavailable("We couldn't open the payment page. Please try again.");
      }
      return redirectTo(result.url);
    }
    return redirectTo(where.shopHost ? "/checkout" : shopPath(input.shop, "/checkout"));
  },
);
