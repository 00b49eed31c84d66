// GET …/settings/payments/onboarding/return: Stripe's return_url — re-reads the account (returning does not mean onboarding finished).
import { appUrl } from "@/lib/app-url";
import { NextResponse } from "next/server";
import { shopRouteAccess } from "@/lib/auth/session";
import { paymentsPath, syncShopAccount } from "@/lib/stripe/connect";

export async function GET(_request: Request, { params }: { params: Promise<{ shop: string }> }) {
  const { shop: slug } = await params;
  const ctx = await shopRouteAccess(slug, "payments.manage");
  if (!ctx.ok) return ctx.response;
  const result = await syncShopAccount(ctx.shop);
  const notice = !result.ok
    ? "sync_failed"
    : result.value === "active"
      ? "onboarding_complete"
      : result.value === "onboarding"
        ? "onboarding_incomplete"
        : "onboarding_submitted";
  return NextResponse.redirect(appUrl(`${paymentsPath(ctx.shop.slug)}?notice=${notice}`), 303);
}
