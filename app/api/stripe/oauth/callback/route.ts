// GET /api/stripe/oauth/callback: Stripe Connect OAuth redirect_uri — checks state, exchanges the code, connects the shop.
import { appUrl } from "@/lib/app-url";
import { NextResponse } from "next/server";
import { findShopStripeAccount } from "@/db/queries/connect";
import { recordAudit } from "@/db/queries/platform";
import { findShopByIdForMember } from "@/db/queries/shops";
import { getCurrentUser } from "@/lib/auth/session";
import { completeOAuthConnect, paymentsPath } from "@/lib/stripe/connect";

export async function GET(request: Request) {
  const url = new URL(request.url);
  const user = await getCurrentUser();
  if (!user) {
    const signIn = appUrl("/sign-in");
    signIn.searchParams.set("callbackUrl", url.pathname + url.search);
    return NextResponse.redirect(signIn, 303);
  }
  const outcome = await completeOAuthConnect(
    user.id,
    {
      state: url.searchParams.get("state"),
      code: url.searchParams.get("code"),
      error: url.searchParams.get("error"),
    },
    (shopId) => findShopByIdForMember(shopId, user.id),
  );
  if (outcome.kind === "invalid_state") {
    return NextResponse.redirect(appUrl("/dashboard?notice=connect_invalid"), 303);
  }
  const shop = await findShopByIdForMember(outcome.shopId, user.id);
  if (!shop) return NextResponse.redirect(appUrl("/dashboard"), 303);
  if (outcome.kind === "connected") {
    const account = await findShopStripeAccount(shop.id);
    await recordAudit({
      actor: { id: user.id, email: user.email },
      action: "shop.stripe_connected",
      shopId: shop.id,
      target: { type: "stripe_account", id: account?.accountId ?? "unknown" },
      after: { accountId: account?.accountId ?? null, type: "standard", status: outcome.status },
    });
  }
  const notice = outcome.kind === "connected" ? `connected` : outcome.kind;
  return NextResponse.redirect(appUrl(`${paymentsPath(shop.slug)}?notice=${notice}`), 303);
}
