// GET /s/{shop}/checkout/cancel?order=…: the shopper left checkout (hosted cancel_url, or "Back
// to cart" on the embedded page). Closes that checkout — session expired on Stripe, stock given
// back — when it is this browser's cart's checkout, then returns to the cart either way.
import { NextResponse, type NextRequest } from "next/server";
import { shopRef } from "@/lib/storefront/links";
import { findCartRef, findCheckoutShop, findOrder } from "@/db/queries/orders-checkout";
import { closePendingCheckout } from "@/lib/orders/finalise";
import { readCartTokenHash } from "@/lib/storefront/cart-cookie";
import { storefrontLocation } from "@/lib/storefront/origin";
import { log } from "@/lib/log";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function GET(request: NextRequest, ctx: { params: Promise<{ shop: string }> }) {
  const { slug } = shopRef((await ctx.params).shop);
  const cartUrl = storefrontLocation(request.headers, slug).url("/cart");
  const orderId = request.nextUrl.searchParams.get("order") ?? "";
  const shop = UUID.test(orderId) ? await findCheckoutShop({ slug }) : null;
  const tokenHash = shop ? await readCartTokenHash() : null;
  if (shop && tokenHash) {
    const [order, cart] = await Promise.all([findOrder(orderId), findCartRef(shop.id, tokenHash)]);
    if (order && cart && order.shopId === shop.id && order.cartId === cart.id) {
      try {
        await closePendingCheckout(order, "cancelled", "request");
      } catch (error) {
        // The session stays open on Stripe; its expiry (webhook) gives the stock back later.
        log().error({ err: error }, `[checkout] could not close checkout ${order.id} on cancel`);
      }
    }
  }
  return NextResponse.redirect(cartUrl, 303);
}
