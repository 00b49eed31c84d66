// GET …/settings/payments/onboarding/refresh: Stripe's refresh_url (link expired or reused) — mints a fresh onboarding link.
import { appUrl } from "@/lib/app-url";
import { NextResponse } from "next/server";
import { shopRouteAccess } from "@/lib/auth/session";
import { createOnboardingLink, paymentsPath } from "@/lib/stripe/connect";

export async function GET(_request: Request, { params }: { params: Promise<{ shop: string }> }) {
  const { shop: slug } = await params;
  const ctx = await shopRouteAccess(slug, "payments.manage");
  if (!ctx.ok) return ctx.response;
  const link = await createOnboardingLink(ctx.shop);
  const target = link.ok
    ? link.value
    : appUrl(`${paymentsPath(ctx.shop.slug)}?notice=link_failed`).toString();
  return NextResponse.redirect(target, 303);
}
