import type { Metadata } from "next";
import { shopRef, shopHref } from "@/lib/storefront/links";
import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { Suspense } from "react";
import type { Order, OrderItem } from "@/db/schema";
import { formatMoney } from "@/lib/money";
import { lineItemName } from "@/lib/orders/session-params";
import { checkoutReturnState } from "@/lib/orders/return";
import { getStorefront, type Storefront } from "@/lib/storefront/data";
import { CartCountSync } from "@/components/storefront/cart-count";
import { PaymentPoller } from "@/components/storefront/payment-poller";

type Props = {
  params: Promise<{ shop: string }>;
  searchParams: Promise<{ session_id?: string | string[] }>;
};

export const metadata: Metadata = { title: "Your order", robots: { index: false } };

export default async function CheckoutReturnPage({ params, searchParams }: Props) {
  await connection();
  const { slug, base } = shopRef((await params).shop);
  const storefront = await getStorefront(slug);
  if (!storefront) notFound();
  const raw = (await searchParams).session_id;
  const sessionId = typeof raw === "string" ? raw : "";
  return (
    <div className="mx-auto max-w-3xl px-4 py-10 sm:px-6 sm:py-14">
      <Suspense fallback={<p className="text-zinc-600">Checking your payment…</p>}>
        <ReturnContents storefront={storefront} base={base} sessionId={sessionId} />
      </Suspense>
    </div>
  );
}

const buttonClass =
  "mt-6 inline-flex h-11 items-center rounded-[var(--sf-radius-button)] bg-[var(--sf-brand)] px-5 text-sm font-semibold text-[var(--sf-on-brand)]";

function Notice({
  title,
  text,
  href,
  label,
}: {
  title: string;
  text: string;
  href: string;
  label: string;
}) {
  return (
    <div className="rounded-[var(--sf-radius)] border border-zinc-200 px-6 py-12 text-center">
      <h1 className="font-[family-name:var(--sf-font-heading)] text-2xl font-semibold">{title}</h1>
      <p className="mt-2 text-zinc-700">{text}</p>
      <Link href={href} className={buttonClass}>
        {label}
      </Link>
    </div>
  );
}

async function ReturnContents({
  storefront,
  base,
  sessionId,
}: {
  storefront: Storefront;
  base: string;
  sessionId: string;
}) {
  const { shop } = storefront;
  const result = await checkoutReturnState(shop.id, sessionId);
  const cart = shopHref(base, "/cart");
  switch (result.state) {
    case "not_found":
      return (
        <Notice
          title="We couldn't find this checkout"
          text="The link may be incomplete, or the checkout belongs to another shop."
          href={shopHref(base)}
          label="Continue shopping"
        />
      );
    case "confirming":
      return (
        <div
          role="status"
          className="rounded-[var(--sf-radius)] border border-zinc-200 px-6 py-12 text-center"
        >
          <PaymentPoller />
          <h1 className="font-[family-name:var(--sf-font-heading)] text-2xl font-semibold">
            Confirming your payment…
          </h1>
          <p className="mt-2 text-zinc-700">
            This usually takes a few seconds. Keep this page open; it updates by itself.
          </p>
        </div>
      );
    case "open":
      return (
        <Notice
          title="Your payment isn't finished"
          text="Nothing has been charged yet. Go back to your cart to complete checkout."
          href={cart}
          label="Back to cart"
        />
      );
    case "expired":
      return (
        <Notice
          title="This checkout expired"
          text="Nothing was charged and the items were released. You can check out again from your cart."
          href={cart}
          label="Back to cart"
        />
      );
    case "failed":
      return (
        <Notice
          title="Your payment failed"
          text="Your bank did not confirm the payment, so nothing was charged. Please try again from your cart."
          href={cart}
          label="Back to cart"
        />
      );
    case "paid":
      return <Confirmation order={result.order} items={result.items} base={base} />;
  }
}

function Confirmation({ order, items, base }: { order: Order; items: OrderItem[]; base: string }) {
  const a = order.shippingAddress;
  return (
    <div>
      <CartCountSync count={0} />
      <p className="text-sm font-medium text-emerald-700">Payment received</p>
      <h1 className="mt-1 font-[family-name:var(--sf-font-heading)] text-3xl font-semibold tracking-tight">
        Thank you! Order #{order.number}
      </h1>
      <p className="mt-2 text-zinc-700">
        {order.email
          ? `A confirmation is on its way to ${order.email}.`
          : "Your order is confirmed."}
      </p>
      <section aria-labelledby="items-heading" className="mt-8">
        <h2 id="items-heading" className="text-lg font-semibold">
          Items
        </h2>
        <ul className="mt-3 divide-y divide-zinc-200 border-y border-zinc-200">
          {items.map((item) => (
            <li key={item.id} className="flex justify-between gap-4 py-3">
              <span className="min-w-0">
                {lineItemName(item)} <span className="text-zinc-600">× {item.quantity}</span>
              </span>
              <span className="shrink-0 font-medium">
                {formatMoney(item.unitPrice * item.quantity, order.currency)}
              </span>
            </li>
          ))}
        </ul>
        <dl className="mt-3 flex justify-between text-lg font-semibold">
          <dt>Total paid</dt>
          <dd data-testid="order-total">{formatMoney(order.total, order.currency)}</dd>
        </dl>
      </section>
      {a ? (
        <section aria-labelledby="ship-heading" className="mt-8">
          <h2 id="ship-heading" className="text-lg font-semibold">
            Shipping to
          </h2>
          <address className="mt-2 text-zinc-700 not-italic" data-testid="shipping-address">
            {[
              a.name,
              a.line1,
              a.line2,
              [[a.city, a.state].filter(Boolean).join(", "), a.postalCode]
                .filter(Boolean)
                .join(" "),
              a.country,
            ]
              .filter(Boolean)
              .map((line, i) => (
                <span key={i} className="block">
                  {line}
                </span>
              ))}
          </address>
        </section>
      ) : null}
      <Link href={shopHref(base)} className={buttonClass}>
        Continue shopping
      </Link>
    </div>
  );
}
