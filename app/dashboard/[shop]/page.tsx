import type { Metadata } from "next";
import { requireShopMember } from "@/lib/auth/session";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Shop overview" };

export default async function ShopOverviewPage({ params }: { params: Promise<{ shop: string }> }) {
  const { shop: slug } = await params;
  const { shop } = await requireShopMember(slug);
  return (
    <>
      <PageHeader title={shop.name} description="Overview of your shop." />
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
