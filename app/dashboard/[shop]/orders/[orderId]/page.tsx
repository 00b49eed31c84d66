import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { isUuid } from "@/db/queries/catalog";
import { getOrderForShop } from "@/db/queries/orders";
import { getPlatformSettings } from "@/db/queries/platform";
import { authSecret } from "@/lib/auth/secret";
import { requireShopPermission } from "@/lib/auth/session";
import { NoPermission } from "@/components/dashboard/no-permission";
import { formatMoney } from "@/lib/money";
import { orderPagePath, orderToken } from "@/lib/orders/links";
import { orderNet } from "@/lib/orders/refund-plan";
import { Alert } from "@/components/ui/alert";
import { OrderBadges } from "../_components/order-badges";
import {
  FulfilmentCard,
  OrderItemsCard,
  PaymentCard,
  RefundCard,
  RefundsCard,
  ShopperCard,
  TimelineCard,
  type OrderView,
} from "../_components/order-cards";
import { formatDateTime } from "@/lib/format";

export const metadata: Metadata = { title: "Order" };

export default async function OrderPage({
  params,
}: {
  params: Promise<{ shop: string; orderId: string }>;
}) {
  const { shop: slug, orderId } = await params;
  const { shop, refusal, role } = await requireShopPermission(slug, "orders.view");
  if (refusal) return <NoPermission title="Order" message={refusal} shopSlug={shop.slug} />;
  if (!isUuid(orderId)) notFound();
  const detail = await getOrderForShop(shop.id, orderId);
  if (!detail) notFound();
  const { order, items } = detail;
  const settings = await getPlatformSettings();
  const money = (m: number) => formatMoney(m, order.currency);
  const feeKept = order.applicationFee - order.applicationFeeRefunded;
  const net = orderNet(order);
  const remaining = order.total - order.refundedAmount;
  const paid = order.status === "paid";
  const address = order.shippingAddress;
  const restockable = items
    .map((i) => ({
      id: i.id,
      label: i.variantLabel ? `${i.productName} (${i.variantLabel})` : i.productName,
      left: Math.min(i.quantity, i.reservedStock) - i.restockedQuantity,
    }))
    .filter((i) => i.left > 0 && items.find((x) => x.id === i.id)?.variantId);
  const shopperLink = orderPagePath(shop.slug, orderToken(order.id, authSecret()));
  const v: OrderView = {
    ...detail,
    shop,
    role,
    settings,
    money,
    feeKept,
    net,
    remaining,
    paid,
    address,
    restockable,
    shopperLink,
    refundRequestId: randomUUID(),
  };

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={`/dashboard/${shop.slug}/orders`} className="text-zinc-600 hover:text-zinc-900">
          ← Orders
        </Link>
      </p>
      <div className="mb-6 flex flex-col gap-2 sm:flex-row sm:items-end sm:justify-between">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-zinc-900">
            Order #{order.number}
          </h1>
          <p className="mt-1 text-sm text-zinc-600">
            {order.paidAt
              ? `Paid ${formatDateTime(order.paidAt)}`
              : `Created ${formatDateTime(order.createdAt)}`}
          </p>
        </div>
        <OrderBadges order={order} />
      </div>

      {order.disputeId ? (
        <Alert tone="error" title="This payment is disputed" className="mb-6">
          The cardholder disputed the charge
          {order.disputeReason ? ` (${order.disputeReason.replace(/_/g, " ")})` : ""}
          {order.disputedAt ? ` on ${formatDateTime(order.disputedAt)}` : ""}. Status:{" "}
          {(order.disputeStatus ?? "open").replace(/_/g, " ")}. Respond with evidence from your
          Stripe dashboard before the deadline; the disputed amount is held until it is resolved.
        </Alert>
      ) : null}

      <div className="grid gap-6 lg:grid-cols-[1fr_20rem]">
        <div className="min-w-0 space-y-6">
          <OrderItemsCard v={v} />

          <PaymentCard v={v} />

          <TimelineCard v={v} />

          <RefundsCard v={v} />
        </div>

        <div className="min-w-0 space-y-6">
          <ShopperCard v={v} />

          <FulfilmentCard v={v} />

          <RefundCard v={v} />
        </div>
      </div>
    </>
  );
}
