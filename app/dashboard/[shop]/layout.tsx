import type { ReactNode } from "react";
import Link from "next/link";
import { can, ROLE_LABEL } from "@/lib/auth/permissions";
import { requireShopMember } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { storefrontUrl } from "@/lib/tenancy";
import { Alert } from "@/components/ui/alert";
import { ShopNav } from "@/components/dashboard/shop-nav";
import { ConnectBanner } from "@/components/dashboard/payments/connect-banner";

// Blocking on purpose: the membership check must decide the status code (404) before streaming.
export const instant = false;

export default async function ShopLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ shop: string }>;
}) {
  const { shop: slug } = await params;
  // Members only: everyone else gets the 404 page.
  const { shop, role } = await requireShopMember(slug);
  const { APP_URL, ROOT_DOMAIN } = env();
  return (
    <div className="mx-auto max-w-6xl px-4 py-6 sm:px-6 lg:grid lg:grid-cols-[12rem_1fr] lg:gap-8 lg:py-8">
      <aside className="mb-6 lg:mb-0">
        <div className="mb-3 lg:mb-5">
          <p className="text-xs font-medium tracking-wide text-zinc-500 uppercase">Shop</p>
          <p className="truncate text-base font-semibold text-zinc-900">{shop.name}</p>
          <p className="text-xs text-zinc-600">Your role: {ROLE_LABEL[role]}</p>
          <a
            href={storefrontUrl(shop.slug, APP_URL, ROOT_DOMAIN)}
            className="text-sm text-brand-700 underline-offset-2 hover:underline"
          >
            View storefront<span className="sr-only"> of {shop.name}</span> ↗
          </a>
        </div>
        <ShopNav slug={shop.slug} role={role} />
        <p className="mt-6 hidden text-sm lg:block">
          <Link href="/dashboard" className="text-zinc-600 hover:text-zinc-900">
            ← All shops
          </Link>
        </p>
      </aside>
      <main id="main" className="min-w-0">
        {shop.suspendedAt ? (
          <Alert tone="error" title="This shop is suspended" className="mb-6">
            {shop.suspensionReason ?? "Contact the platform operator for details."} Shoppers can see
            your catalogue but cannot check out.
          </Alert>
        ) : (
          <ConnectBanner
            slug={shop.slug}
            status={shop.connectStatus}
            canManage={can(role, "payments.manage")}
          />
        )}
        {children}
      </main>
    </div>
  );
}
