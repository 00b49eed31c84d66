import type { Metadata } from "next";
import Link from "next/link";
import { listShopsForUser } from "@/db/queries/shops";
import { requireUser } from "@/lib/auth/session";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { CONNECT_STATUS_LABELS } from "@/lib/stripe/status";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Your shops" };

const NOTICES: Record<string, { title: string; body: string; tone?: "error" | "success" }> = {
  left: {
    title: "You left the shop.",
    body: "You no longer have access to it. An owner can invite you again.",
    tone: "success",
  },
  connect_invalid: {
    title: "That Stripe connection request is not valid.",
    body: "It was already used, has been changed, or was started by someone else. Nothing was connected. Open your shop's Payments page to start again.",
  },
};

export default async function DashboardPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireUser();
  const noticeKey = (await searchParams).notice;
  const notice = typeof noticeKey === "string" ? NOTICES[noticeKey] : undefined;
  const shops = await listShopsForUser(user.id);
  const newShop = (
    <Link href="/dashboard/new" className={buttonClasses()}>
      New shop
    </Link>
  );
  return (
    <main id="main" className="mx-auto max-w-6xl px-4 py-8 sm:px-6">
      <PageHeader
        title="Your shops"
        description={`Signed in as ${user.email}`}
        actions={shops.length > 0 ? newShop : undefined}
      />
      {notice ? (
        <Alert tone={notice.tone ?? "error"} title={notice.title} live className="mb-6">
          {notice.body}
        </Alert>
      ) : null}
      {shops.length === 0 ? (
        <EmptyState
          title="Create your first shop"
          description="A shop has its own storefront, products and orders. You can run several shops from one account."
          action={newShop}
        />
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" aria-label="Shops">
          {shops.map((shop) => (
            <li key={shop.id}>
              <Link
                href={`/dashboard/${shop.slug}`}
                className="block h-full rounded-xl border border-zinc-200 bg-white p-5 shadow-sm transition hover:border-brand-300 hover:shadow-md"
              >
                <div className="flex items-start justify-between gap-3">
                  <h2 className="text-base font-semibold text-zinc-900">{shop.name}</h2>
                  {shop.suspendedAt ? (
                    <Badge tone="danger">Suspended</Badge>
                  ) : (
                    <Badge tone={shop.connectStatus === "active" ? "success" : "warning"}>
                      {shop.connectStatus === "active"
                        ? "Payments on"
                        : CONNECT_STATUS_LABELS[shop.connectStatus]}
                    </Badge>
                  )}
                </div>
                <p className="mt-1 text-sm text-zinc-600">{shop.slug}</p>
                <p className="mt-4 text-xs font-medium tracking-wide text-zinc-500 uppercase">
                  {shop.currency} · {shop.country} · {shop.memberRole}
                </p>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
