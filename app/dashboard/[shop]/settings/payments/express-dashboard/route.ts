// GET …/settings/payments/express-dashboard: a one-time Express dashboard login link, minted on click.
import { appUrl } from "@/lib/app-url";
import { NextResponse } from "next/server";
import { shopRouteAccess } from "@/lib/auth/session";
import { createExpressDashboardLink, paymentsPath } from "@/lib/stripe/connect";

export async function GET(_request: Request, { params }: { params: Promise<{ shop: string }> }) {
  const { shop: slug } = await params;
  const ctx = await shopRouteAccess(slug, "payments.manage");
  if (!ctx.ok) return ctx.response;
  const link = await createExpressDashboardLink(ctx.shop);
  const target = link.ok
    ? link.value
    : appUrl(`${paymentsPath(ctx.shop.slug)}?notice=dashboard_failed`).toString();
  return NextResponse.redirect(target, 303);
}
