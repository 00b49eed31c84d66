"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { errorState, formObject, type ActionState, formAction } from "@/lib/actions";
import { beginCheckout } from "@/lib/orders/checkout";
import { clientAddress } from "@/lib/rate-limit";
import { checkoutModeOverride, shopperOrigin } from "@/lib/orders/request";
import { readCartTokenHash } from "@/lib/storefront/cart-cookie";
import { shopPath } from "@/lib/storefront/links";

const checkoutSchema = z.object({
  shop: z.string().regex(/^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/),
});

/**
 * "Checkout" on the cart. The form carries only the shop: the cart comes from the shopper's
 * cookie and every price and quantity from the database, so nothing in the request can change
 * what is charged.
 */
export const startCheckoutAction = formAction(async function startCheckoutAction(
  _prev: ActionState,
  formData: FormData,
): Promise<ActionState> {
  const parsed = checkoutSchema.safeParse(formObject(formData));
  if (!parsed.success) return errorState("This shop does not exist.");
  const where = await shopperOrigin(parsed.data.shop);
  const result = await beginCheckout({
    shop: { slug: parsed.data.shop },
    tokenHash: await readCartTokenHash(),
    origin: where.origin,
    shopHost: where.shopHost,
    modeOverride: await checkoutModeOverride(),
    from: "action",
    clientAddress: await clientAddress(),
  });
  if (!result.ok) return errorState(result.message);
  if (result.mode === "hosted") {
    if (!result.url) return errorState("We couldn't open the payment page. Please try again.");
    redirect(result.url);
  }
  redirect(where.shopHost ? "/checkout" : shopPath(parsed.data.shop, "/checkout"));
});
