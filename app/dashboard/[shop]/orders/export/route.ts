// GET /dashboard/{shop}/orders/export: the filtered order list as CSV, for members who may view orders.
import { listOrdersForExport, parseOrderFilter } from "@/db/queries/orders";
import { shopRouteAccess } from "@/lib/auth/session";
import { minorToDecimalString } from "@/lib/money";
import { toCsv } from "@/lib/orders/csv";
import { queryValue } from "@/lib/search-params";
import { orderNet } from "@/lib/orders/refund-plan";

const HEADER = [
  "Order",
  "Created",
  "Paid",
  "Status",
  "Fulfilment",
  "E-mail",
  "Name",
  "Items",
  "Currency",
  "Total",
  "Refunded",
  "Application fee",
  "Stripe fee",
  "Net",
  "Carrier",
  "Tracking number",
  "Fulfilled",
  "Disputed",
  "Address",
  "Charge",
];

/** CSV of the shop's orders with the list's filters. Members only (404 for anyone else). */
export async function GET(request: Request, { params }: { params: Promise<{ shop: string }> }) {
  const { shop: slug } = await params;
  const access = await shopRouteAccess(slug, "orders.view");
  if (!access.ok) return access.response;
  const { shop } = access;
  const url = new URL(request.url);
  const filter = parseOrderFilter(queryValue(url.searchParams.get("status")) ?? null);
  const search = (queryValue(url.searchParams.get("q"), 100) ?? "").trim();
  const rows = await listOrdersForExport(shop.id, filter, search);
  const money = (minor: number | null, currency: string) =>
    minor === null ? "" : minorToDecimalString(minor, currency);
  const csv = toCsv(
    HEADER,
    rows.map((o) => {
      const fee = o.applicationFee - o.applicationFeeRefunded;
      const a = o.shippingAddress;
      return [
        `#${o.number}`,
        o.createdAt.toISOString(),
        o.paidAt?.toISOString() ?? "",
        o.status,
        o.fulfillmentStatus,
        o.email,
        o.customerName,
        o.itemCount,
        o.currency,
        money(o.total, o.currency),
        money(o.refundedAmount, o.currency),
        money(fee, o.currency),
        money(o.stripeFee, o.currency),
        o.status === "paid" ? money(orderNet(o), o.currency) : "",
        o.carrier,
        o.trackingNumber,
        o.fulfilledAt?.toISOString() ?? "",
        o.disputeId ? (o.disputeStatus ?? "yes") : "",
        a
          ? [a.line1, a.line2, a.city, a.state, a.postalCode, a.country].filter(Boolean).join(", ")
          : "",
        o.chargeId,
      ];
    }),
  );
  const date = new Date().toISOString().slice(0, 10);
  return new Response(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${shop.slug}-orders-${date}.csv"`,
      "cache-control": "private, no-store",
    },
  });
}
