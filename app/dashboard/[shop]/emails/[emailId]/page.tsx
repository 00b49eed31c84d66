import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { isUuid } from "@/db/queries/catalog";
import { getOutboxMessage } from "@/db/queries/orders";
import { requireShopPermission } from "@/lib/auth/session";
import { NoPermission } from "@/components/dashboard/no-permission";
import { OutboxMessage } from "../_components/outbox";

export const metadata: Metadata = { title: "E-mail" };

export default async function ShopEmailPage({
  params,
}: {
  params: Promise<{ shop: string; emailId: string }>;
}) {
  const { shop: slug, emailId } = await params;
  const { shop, refusal } = await requireShopPermission(slug, "orders.view");
  if (refusal) return <NoPermission title="E-mail" message={refusal} shopSlug={shop.slug} />;
  if (!isUuid(emailId)) notFound();
  const row = await getOutboxMessage(emailId, shop.id);
  if (!row) notFound();
  return (
    <>
      <p className="mb-4 text-sm">
        <Link href={`/dashboard/${shop.slug}/emails`} className="text-zinc-600 hover:text-zinc-900">
          ← E-mails
        </Link>
      </p>
      <OutboxMessage message={row.message} shopName={null} />
      {row.message.orderId ? (
        <p className="mt-4 text-sm">
          <Link
            href={`/dashboard/${shop.slug}/orders/${row.message.orderId}`}
            className="text-brand-700 hover:underline"
          >
            Open the order
          </Link>
        </p>
      ) : null}
    </>
  );
}
