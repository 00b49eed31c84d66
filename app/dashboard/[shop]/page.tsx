import type { Metadata } from "next";
import Link from "next/link";
import { orderCountsForShop } from "@/db/queries/orders";
import { ROLE_LABEL } from "@/lib/auth/permissions";
import { requireShopPermission } from "@/lib/auth/session";
import { NoPermission } from "@/components/dashboard/no-permission";
import { Alert } from "@/components/ui/alert";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Shop overview" };

export default async function ShopOverviewPage({
  params,
  searchParams,
}: {
  params: Promise<{ shop: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { shop: slug } = await params;
  const { shop, refusal, role } = await requireShopPermission(slug, "shop.view");
  if (refusal) return <NoPermission title="Overview" message={refusal} shopSlug={shop.slug} />;
  const counts = await orderCountsForShop(shop.id);
  const orders = `/dashboard/${shop.slug}/orders`;
  return (
    <>
      <PageHeader title={shop.name} description="Overview of your shop." />
      {(await searchParams).notice === "joined" ? (
        <Alert tone="success" title={`Welcome to ${shop.name}`} live className="mb-6">
          You joined as {ROLE_LABEL[role].toLowerCase()}.{" "}
          {role === "staff"
            ? "You can work on products, collections, orders and fulfilment."
            : "You have full access to the shop."}
        </Alert>
      ) : null}
      {counts.disputed > 0 ? (
        <Alert tone="error" title="Disputed payments" className="mb-6">
          {counts.disputed === 1
            ? "1 payment is disputed by the cardholder."
            : `${counts.disputed} payments are disputed by the cardholders.`}{" "}
          <Link href={`${orders}?status=disputed`} className="font-medium underline">
            See disputed orders
          </Link>
        </Alert>
      ) : null}
      <Card className="mb-6">
        <CardHeader title="Orders" />
        <CardBody>
          <dl className="grid gap-4 text-sm sm:grid-cols-3">
            <div>
              <dt className="text-zinc-600">Paid orders</dt>
              <dd className="mt-0.5 text-lg font-semibold tabular-nums">
                <Link href={orders} className="hover:underline">
                  {counts.paid}
                </Link>
              </dd>
            </div>
            <div>
              <dt className="text-zinc-600">Waiting to ship</dt>
              <dd className="mt-0.5 text-lg font-semibold tabular-nums">
                <Link href={`${orders}?status=unfulfilled`} className="hover:underline">
                  {counts.unfulfilled}
                </Link>
              </dd>
            </div>
            <div>
              <dt className="text-zinc-600">Open disputes</dt>
              <dd
                className={`mt-0.5 text-lg font-semibold tabular-nums ${counts.disputed > 0 ? "text-red-700" : ""}`}
              >
                <Link href={`${orders}?status=disputed`} className="hover:underline">
                  {counts.disputed}
                </Link>
              </dd>
            </div>
          </dl>
        </CardBody>
      </Card>
      <Card>
        <CardHeader title="Shop details" />
        <CardBody>
          <dl className="grid gap-4 text-sm sm:grid-cols-3">
            <div>
              <dt className="text-zinc-600">Web address</dt>
              <dd className="mt-0.5 font-medium">{shop.slug}</dd>
            </div>
            <div>
              <dt className="text-zinc-600">Currency</dt>
              <dd className="mt-0.5 font-medium">{shop.currency}</dd>
            </div>
            <div>
              <dt className="text-zinc-600">Country</dt>
              <dd className="mt-0.5 font-medium">{shop.country}</dd>
            </div>
          </dl>
        </CardBody>
      </Card>
    </>
  );
}
