import type { Metadata } from "next";
import { shopRef, shopHref } from "@/lib/storefront/links";
import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { getOrderForShopper } from "@/db/queries/orders";
import { authSecret } from "@/lib/auth/secret";
import { addressLines } from "@/lib/orders/address";
import { formatMoney } from "@/lib/money";
import { verifyOrderToken } from "@/lib/orders/links";
import { formatLongDate } from "@/lib/format";

export const metadata: Metadata = {
  title: "Your order",
  robots: { index: false, follow: false },
  referrer: "no-referrer",
};

/** The shopper's order, opened from the signed link in their confirmation e-mail. */
export default async function ShopperOrderPage({
  params,
}: {
  params: Promise<{ shop: string; token: string }>;
}) {
  await connection();
  const { shop: shopParam, token } = await params;
  const { slug, base } = shopRef(shopParam);
  const orderId = verifyOrderToken(decodeURIComponent(token), authSecret());
  if (!orderId) notFound();
  const found = await getOrderForShopper(orderId, slug);
  if (!found || found.order.status !== "paid") notFound();
  const { order, items, shopName } = found;
  const money = (m: number) => formatMoney(m, order.currency);
  const fullyRefunded = order.refundedAmount >= order.total;
  const status = fullyRefunded
    ? { title: "Refunded", text: `This order was refunded: ${money(order.refundedAmount)}.` }
    : order.fulfillmentStatus === "fulfilled"
      ? { title: "Shipped", text: `${shopName} has shipped your order.` }
      : {
          title: "Paid — being prepared",
          text: `${shopName} has your payment and is preparing your order.`,
        };
  const a = order.shippingAddress;

  return (
    <div className="mx-auto max-w-2xl px-4 py-10 sm:px-6 sm:py-14">
      <p className="text-sm text-zinc-600">{shopName}</p>
      <h1 className="font-[family-name:var(--sf-font-heading)] text-3xl font-semibold tracking-tight">
        Order #{order.number}
      </h1>
      {order.paidAt ? (
        <p className="mt-1 text-sm text-zinc-600">Placed on {formatLongDate(order.paidAt)}</p>
      ) : null}

      <section
        aria-labelledby="status-heading"
        className="mt-8 rounded-xl border border-zinc-200 bg-white p-5"
      >
        <h2 id="status-heading" className="text-lg font-semibold">
          {status.title}
        </h2>
        <p className="mt-1 text-zinc-700">{status.text}</p>
        {order.fulfillmentStatus === "fulfilled" && order.trackingNumber ? (
          <dl className="mt-4 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
            <dt className="text-zinc-600">Carrier</dt>
            <dd className="font-medium">{order.carrier}</dd>
            <dt className="text-zinc-600">Tracking number</dt>
            <dd className="font-mono font-medium break-all">{order.trackingNumber}</dd>
          </dl>
        ) : null}
        {order.refundedAmount > 0 && !fullyRefunded ? (
          <p className="mt-3 text-sm text-zinc-700">
            {money(order.refundedAmount)} of this order was refunded to your card.
          </p>
        ) : null}
      </section>

      <section
        aria-labelledby="items-heading"
        className="mt-6 rounded-xl border border-zinc-200 bg-white"
      >
        <h2 id="items-heading" className="border-b border-zinc-200 px-5 py-3 text-lg font-semibold">
          Items
        </h2>
        <ul className="divide-y divide-zinc-100">
          {items.map((i) => (
            <li key={i.id} className="flex justify-between gap-4 px-5 py-3 text-sm">
              <span className="min-w-0">
                {i.productName}
                {i.variantLabel ? <span className="text-zinc-600"> · {i.variantLabel}</span> : null}
                <span className="block text-zinc-600">
                  {i.quantity} × {money(i.unitPrice)}
                </span>
              </span>
              <span className="shrink-0 tabular-nums">{money(i.unitPrice * i.quantity)}</span>
            </li>
          ))}
        </ul>
        <div className="flex justify-between border-t border-zinc-200 px-5 py-3 font-semibold">
          <span>Total</span>
          <span className="tabular-nums">{money(order.total)}</span>
        </div>
      </section>

      {a ? (
        <section
          aria-labelledby="ship-heading"
          className="mt-6 rounded-xl border border-zinc-200 bg-white p-5 text-sm"
        >
          <h2 id="ship-heading" className="mb-2 text-lg font-semibold">
            Shipping to
          </h2>
          <address className="not-italic">
            {addressLines(a).map((line) => (
              <span key={line} className="block">
                {line}
              </span>
            ))}
          </address>
        </section>
      ) : null}

      <p className="mt-8 text-sm">
        <Link href={shopHref(base)} className="underline underline-offset-2">
          Continue shopping at {shopName}
        </Link>
      </p>
    </div>
  );
}
