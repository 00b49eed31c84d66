import type { ReactNode } from "react";
import type { getOrderForShop } from "@/db/queries/orders";
import type { getPlatformSettings } from "@/db/queries/platform";
import type { ShopRole } from "@/lib/auth/permissions";
import { can } from "@/lib/auth/permissions";
import type { MemberShop } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/format";
import { minorToDecimalString } from "@/lib/money";
import { addressLines } from "@/lib/orders/address";
import { CARRIERS } from "@/lib/orders/fulfil";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { FulfilForm } from "./fulfil-form";
import { RefundForm } from "./refund-form";

// The cards of a merchant's order page, each one screen long. The page computes the figures
// once (OrderView) and lays the cards out.

type Detail = NonNullable<Awaited<ReturnType<typeof getOrderForShop>>>;

export type OrderView = Detail & {
  shop: MemberShop;
  role: ShopRole;
  settings: Awaited<ReturnType<typeof getPlatformSettings>>;
  money: (minor: number) => string;
  feeKept: number;
  net: number;
  remaining: number;
  paid: boolean;
  address: Detail["order"]["shippingAddress"];
  restockable: { id: string; label: string; left: number }[];
  shopperLink: string;
  /** A fresh per-render nonce for the refund form (the same submission twice refunds once). */
  refundRequestId: string;
};

function Row({
  label,
  value,
  strong,
  testId,
  className = "",
}: {
  label: ReactNode;
  value: ReactNode;
  strong?: boolean;
  testId?: string;
  className?: string;
}) {
  return (
    <div
      className={`flex justify-between gap-4 py-1.5 ${strong ? "font-semibold text-zinc-900" : ""} ${className}`}
    >
      <dt className={strong ? "" : "text-zinc-600"}>{label}</dt>
      <dd className="text-right tabular-nums" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

export function OrderItemsCard({ v }: { v: OrderView }) {
  const { items, money } = v;
  return (
    <Card>
      <CardHeader title="Items" />
      <CardBody className="p-0">
        <ul className="divide-y divide-zinc-100 text-sm">
          {items.map((i) => (
            <li key={i.id} className="flex items-start justify-between gap-4 px-5 py-3">
              <div className="min-w-0">
                <p className="font-medium text-zinc-900">{i.productName}</p>
                <p className="text-zinc-600">
                  {[i.variantLabel, i.sku ? `SKU ${i.sku}` : null].filter(Boolean).join(" · ")}
                  {i.variantLabel || i.sku ? " · " : ""}
                  {i.quantity} × {money(i.unitPrice)}
                  {i.restockedQuantity > 0 ? ` · ${i.restockedQuantity} restocked` : ""}
                </p>
              </div>
              <p className="shrink-0 font-medium tabular-nums">{money(i.unitPrice * i.quantity)}</p>
            </li>
          ))}
        </ul>
      </CardBody>
    </Card>
  );
}

export function PaymentCard({ v }: { v: OrderView }) {
  const { order, money, feeKept, net } = v;
  return (
    <Card>
      <CardHeader title="Payment" description="What the shopper paid and what you keep." />
      <CardBody>
        <dl className="text-sm" aria-label="Payment summary">
          <Row label="Items" value={money(order.subtotal)} />
          {order.shippingAmount > 0 ? (
            <Row label="Shipping" value={money(order.shippingAmount)} />
          ) : null}
          <Row label="Gross (charged)" value={money(order.total)} strong testId="gross" />
          <Row
            label={
              <>
                Platform fee
                {order.applicationFeeRefunded > 0 ? (
                  <span className="block text-xs text-zinc-500">
                    {money(order.applicationFee)} charged, {money(order.applicationFeeRefunded)}{" "}
                    returned with refunds
                  </span>
                ) : null}
              </>
            }
            value={`−${money(feeKept)}`}
            testId="platform-fee"
          />
          <Row
            label="Stripe processing fee"
            value={
              order.stripeFee === null
                ? "Not known yet"
                : order.stripeFee === 0
                  ? order.platformStripeFee
                    ? `${money(0)} (the platform paid ${money(order.platformStripeFee)})`
                    : `${money(0)} (paid by the platform)`
                  : `−${money(order.stripeFee)}`
            }
            testId="stripe-fee"
          />
          <Row
            label="Refunded"
            value={order.refundedAmount > 0 ? `−${money(order.refundedAmount)}` : money(0)}
            testId="refunded"
          />
          <Row
            label="Net to you"
            value={money(net)}
            strong
            testId="net"
            className="mt-2 border-t border-zinc-200 pt-3"
          />
        </dl>
        <p className="mt-3 text-xs text-zinc-500">
          Net = gross − platform fee (less any fee returned with refunds) − Stripe fee − refunds.
          Stripe keeps its processing fee when a payment is refunded.
          {order.chargeId ? (
            <>
              {" "}
              Charge{" "}
              <span className="font-mono" data-testid="charge-id">
                {order.chargeId}
              </span>{" "}
              on account{" "}
              <span className="font-mono" data-testid="account-id">
                {order.stripeAccountId}
              </span>
              .
            </>
          ) : null}
        </p>
      </CardBody>
    </Card>
  );
}

export function TimelineCard({ v }: { v: OrderView }) {
  const { events } = v;
  return (
    <Card>
      <CardHeader title="Timeline" />
      <CardBody>
        {events.length === 0 ? (
          <p className="text-sm text-zinc-600">Nothing has happened yet.</p>
        ) : (
          <ol className="space-y-3 border-l border-zinc-200 pl-4 text-sm">
            {[...events].reverse().map((e) => (
              <li key={e.id} className="relative">
                <span
                  className="absolute top-1.5 -left-[1.3rem] size-2 rounded-full bg-zinc-400"
                  aria-hidden="true"
                />
                <p className="text-zinc-900">{e.message}</p>
                <p className="text-xs text-zinc-500">
                  <time dateTime={e.createdAt.toISOString()}>{formatDateTime(e.createdAt)}</time>
                </p>
              </li>
            ))}
          </ol>
        )}
      </CardBody>
    </Card>
  );
}

export function RefundsCard({ v }: { v: OrderView }) {
  const { refunds, money } = v;
  if (v.refunds.length === 0) return null;
  return (
    <Card>
      <CardHeader title="Refunds" />
      <CardBody className="p-0">
        <ul className="divide-y divide-zinc-100 text-sm">
          {refunds.map((r) => (
            <li key={r.id} className="flex flex-wrap justify-between gap-2 px-5 py-3">
              <div>
                <p className="font-medium">
                  {money(r.amount)}{" "}
                  <span className="font-normal text-zinc-600">
                    · {r.status}
                    {r.createdBy ? "" : " · made on Stripe"}
                    {r.restockedUnits > 0 ? ` · ${r.restockedUnits} restocked` : ""}
                  </span>
                </p>
                {r.failureMessage ? <p className="text-red-700">{r.failureMessage}</p> : null}
              </div>
              <p className="text-zinc-600">
                {r.applicationFeeRefunded > 0
                  ? `fee returned ${money(r.applicationFeeRefunded)} · `
                  : ""}
                {formatDateTime(r.createdAt)}
              </p>
            </li>
          ))}
        </ul>
      </CardBody>
    </Card>
  );
}

export function ShopperCard({ v }: { v: OrderView }) {
  const { order, paid, address, shopperLink } = v;
  return (
    <Card>
      <CardHeader title="Shopper" />
      <CardBody className="space-y-3 text-sm">
        <p>
          {order.customerName ? (
            <span className="block font-medium">{order.customerName}</span>
          ) : null}
          {order.email ? (
            <a href={`mailto:${order.email}`} className="break-all text-brand-700 hover:underline">
              {order.email}
            </a>
          ) : (
            <span className="text-zinc-600">No e-mail</span>
          )}
        </p>
        <div>
          <p className="font-medium text-zinc-800">Shipping address</p>
          {address ? (
            <address className="text-zinc-700 not-italic">
              {addressLines(address).map((line) => (
                <span key={line} className="block">
                  {line}
                </span>
              ))}
            </address>
          ) : (
            <p className="text-zinc-600">None given.</p>
          )}
        </div>
        {paid ? (
          <p>
            <a href={shopperLink} className="text-brand-700 hover:underline">
              Shopper&apos;s order page ↗
            </a>
          </p>
        ) : null}
      </CardBody>
    </Card>
  );
}

export function FulfilmentCard({ v }: { v: OrderView }) {
  const { order, remaining, paid, shop } = v;
  return (
    <Card>
      <CardHeader title="Fulfilment" />
      <CardBody className="text-sm">
        {order.fulfillmentStatus === "fulfilled" ? (
          <dl className="space-y-1">
            <div>
              <dt className="text-zinc-600">Carrier</dt>
              <dd className="font-medium">{order.carrier}</dd>
            </div>
            <div>
              <dt className="text-zinc-600">Tracking number</dt>
              <dd className="font-mono font-medium break-all">{order.trackingNumber}</dd>
            </div>
            {order.fulfilledAt ? (
              <div>
                <dt className="text-zinc-600">Shipped</dt>
                <dd>{formatDateTime(order.fulfilledAt)}</dd>
              </div>
            ) : null}
          </dl>
        ) : paid && remaining > 0 ? (
          <FulfilForm shopSlug={shop.slug} orderId={order.id} carriers={CARRIERS} />
        ) : (
          <p className="text-zinc-600">
            {paid ? "Refunded in full: nothing to ship." : "Only paid orders can be fulfilled."}
          </p>
        )}
      </CardBody>
    </Card>
  );
}

export function RefundCard({ v }: { v: OrderView }) {
  const { order, money, remaining, paid, restockable, settings, shop, role } = v;
  return (
    <Card>
      <CardHeader title="Refund" />
      <CardBody className="text-sm">
        {paid && remaining > 0 && order.chargeId && !can(role, "orders.refund_over_limit") ? (
          <p className="mb-3 text-zinc-600">
            Staff can refund up to {money(shop.staffRefundLimit)} on an order
            {order.refundedAmount > 0 ? ` (${money(order.refundedAmount)} already refunded)` : ""}.
            Ask an owner for more.
          </p>
        ) : null}
        {paid && remaining > 0 && order.chargeId ? (
          <RefundForm
            shopSlug={shop.slug}
            orderId={order.id}
            requestId={v.refundRequestId}
            remaining={minorToDecimalString(remaining, order.currency)}
            remainingLabel={money(remaining)}
            items={restockable}
            feePolicyNote={
              settings.feeRefundPolicy === "pro_rata"
                ? "The platform fee is returned pro rata."
                : "The platform fee is not returned."
            }
          />
        ) : (
          <p className="text-zinc-600">
            {paid ? "This order is refunded in full." : "Only paid orders can be refunded."}
          </p>
        )}
      </CardBody>
    </Card>
  );
}
