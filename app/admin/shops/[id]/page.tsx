import type { Metadata } from "next";
import { platformPaysStripeFees } from "@/lib/stripe/fee-payer";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { getShopForAdmin, listAuditLog, recentOrdersForShop } from "@/db/queries/admin";
import { recentEventsForAccount } from "@/db/queries/admin-events";
import { shopAnalytics } from "@/db/queries/analytics";
import { findShopStripeAccount } from "@/db/queries/connect";
import { getPlatformSettings } from "@/db/queries/platform";
import { parsePeriod, periodRange } from "@/lib/analytics/period";
import { formatMoney } from "@/lib/money";
import { requireAdmin } from "@/lib/auth/session";
import { ConnectBadge } from "@/components/admin/connect-badge";
import { PageHeader } from "@/components/ui/page-header";

import {
  FeeOverrideCard,
  MembersCard,
  RecentAuditEntriesCard,
  RecentOrdersCard,
  RecentStripeEventsCard,
  SalesAndFeesCard,
  StripeAccountCard,
  SuspensionCard,
  type AdminShopView,
} from "./_components/shop-cards";

export const metadata: Metadata = { title: "Shop" };

export default async function AdminShopPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireAdmin();
  const period = parsePeriod((await searchParams).period);
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) notFound();
  const data = await getShopForAdmin(id);
  if (!data) notFound();
  const { shop, members, feeOverride } = data;
  const [settings, audit, account, recentOrders, money] = await Promise.all([
    getPlatformSettings(),
    listAuditLog({ page: 1, shopId: shop.id }),
    findShopStripeAccount(shop.id),
    recentOrdersForShop(shop.id),
    shopAnalytics(shop.id, periodRange(period)),
  ]);
  const events = account?.accountId ? await recentEventsForAccount(account.accountId) : [];
  const totals = money.totals.find((t) => t.currency === shop.currency.toUpperCase());
  const m = (n: number) => formatMoney(n, shop.currency);
  const platformPays = platformPaysStripeFees(account);
  const v: AdminShopView = {
    shop,
    members,
    feeOverride,
    settings,
    audit,
    account,
    recentOrders,
    money,
    events,
    totals,
    m,
    platformPays,
    period,
  };

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-3 text-sm">
        <Link href="/admin/shops" className="text-brand-700 hover:underline">
          ← Shops
        </Link>
      </nav>
      <PageHeader
        title={shop.name}
        description={`${shop.slug} · ${shop.currency} · ${shop.country} · created ${shop.createdAt.toISOString().slice(0, 10)}`}
        actions={<ConnectBadge status={shop.connectStatus} />}
      />
      <div className="space-y-6">
        <MembersCard v={v} />

        <StripeAccountCard v={v} />

        <SalesAndFeesCard v={v} />

        <RecentOrdersCard v={v} />

        <RecentStripeEventsCard v={v} />

        <SuspensionCard v={v} />

        <FeeOverrideCard v={v} />

        <RecentAuditEntriesCard v={v} />
      </div>
    </>
  );
}
