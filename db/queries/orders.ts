import "server-only";
import {
  and,
  asc,
  count,
  desc,
  eq,
  gt,
  ilike,
  inArray,
  isNotNull,
  lt,
  or,
  sql,
  type SQL,
} from "drizzle-orm";
import { getDb, type Executor } from "../client";
import { isUuid } from "./ids";
import {
  emailOutbox,
  orderEvents,
  orderItems,
  orderRefunds,
  orders,
  shopMembers,
  shops,
  users,
} from "../schema";

export const ORDER_FILTERS = [
  "all",
  "paid",
  "unfulfilled",
  "fulfilled",
  "refunded",
  "partially_refunded",
  "disputed",
  "pending",
  "expired",
  "failed",
] as const;
export type OrderFilter = (typeof ORDER_FILTERS)[number];

export const ORDER_FILTER_LABELS: Record<OrderFilter, string> = {
  all: "All orders",
  paid: "Paid",
  unfulfilled: "Unfulfilled",
  fulfilled: "Fulfilled",
  refunded: "Refunded",
  partially_refunded: "Partially refunded",
  disputed: "Disputed",
  pending: "Pending payment",
  expired: "Expired",
  failed: "Payment failed",
};

export function parseOrderFilter(value: unknown): OrderFilter {
  return ORDER_FILTERS.find((f) => f === value) ?? "all";
}

function likePattern(q: string) {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The WHERE clause of the orders list and its CSV export (always scoped to one shop). */
export function orderListWhere(shopId: string, filter: OrderFilter, search: string): SQL {
  const conditions: SQL[] = [eq(orders.shopId, shopId)];
  const paid = eq(orders.status, "paid");
  switch (filter) {
    case "all":
      // Open checkouts and abandoned ones are noise in the default list; they have own filters.
      conditions.push(inArray(orders.status, ["paid", "failed"]));
      break;
    case "paid":
      conditions.push(paid);
      break;
    case "unfulfilled":
      conditions.push(
        paid,
        eq(orders.fulfillmentStatus, "unfulfilled"),
        lt(orders.refundedAmount, orders.total),
      );
      break;
    case "fulfilled":
      conditions.push(paid, eq(orders.fulfillmentStatus, "fulfilled"));
      break;
    case "refunded":
      conditions.push(
        paid,
        gt(orders.refundedAmount, 0),
        sql`${orders.refundedAmount} >= ${orders.total}`,
      );
      break;
    case "partially_refunded":
      conditions.push(paid, gt(orders.refundedAmount, 0), lt(orders.refundedAmount, orders.total));
      break;
    case "disputed":
      conditions.push(isNotNull(orders.disputeId));
      break;
    case "pending":
    case "expired":
    case "failed":
      conditions.push(eq(orders.status, filter));
      break;
  }
  const q = search.trim();
  if (q) {
    const numberMatch = /^#?\s*(\d{1,15})$/.exec(q);
    const byEmail = ilike(orders.email, likePattern(q));
    conditions.push(
      numberMatch ? or(eq(orders.number, Number(numberMatch[1])), byEmail)! : byEmail,
    );
  }
  return and(...conditions)!;
}

const listColumns = {
  id: orders.id,
  number: orders.number,
  status: orders.status,
  fulfillmentStatus: orders.fulfillmentStatus,
  currency: orders.currency,
  total: orders.total,
  refundedAmount: orders.refundedAmount,
  email: orders.email,
  customerName: orders.customerName,
  disputeId: orders.disputeId,
  disputeStatus: orders.disputeStatus,
  createdAt: orders.createdAt,
  paidAt: orders.paidAt,
  itemCount: sql<number>`(select coalesce(sum(oi.quantity), 0)::int from order_items oi where oi.order_id = "orders"."id")`,
};

export type OrderListRow = Awaited<ReturnType<typeof listOrdersForShop>>["items"][number];

export async function listOrdersForShop(
  shopId: string,
  opts: { filter: OrderFilter; search: string; page: number; perPage: number },
) {
  const db = getDb();
  const where = orderListWhere(shopId, opts.filter, opts.search);
  const [items, [totalRow]] = await Promise.all([
    db
      .select(listColumns)
      .from(orders)
      .where(where)
      .orderBy(desc(orders.createdAt), desc(orders.number))
      .limit(opts.perPage)
      .offset((opts.page - 1) * opts.perPage),
    db.select({ n: count() }).from(orders).where(where),
  ]);
  return { items, total: totalRow?.n ?? 0 };
}

export const EXPORT_LIMIT = 10_000;

export async function listOrdersForExport(shopId: string, filter: OrderFilter, search: string) {
  return getDb()
    .select({
      ...listColumns,
      subtotal: orders.subtotal,
      shippingAmount: orders.shippingAmount,
      applicationFee: orders.applicationFee,
      applicationFeeRefunded: orders.applicationFeeRefunded,
      stripeFee: orders.stripeFee,
      carrier: orders.carrier,
      trackingNumber: orders.trackingNumber,
      fulfilledAt: orders.fulfilledAt,
      shippingAddress: orders.shippingAddress,
      chargeId: orders.chargeId,
    })
    .from(orders)
    .where(orderListWhere(shopId, filter, search))
    .orderBy(desc(orders.createdAt), desc(orders.number))
    .limit(EXPORT_LIMIT);
}

/** One order of one shop with everything the detail page shows, or null (also for other shops). */
export async function getOrderForShop(shopId: string, orderId: string, db: Executor = getDb()) {
  const [order] = await db
    .select()
    .from(orders)
    .where(and(eq(orders.id, orderId), eq(orders.shopId, shopId)))
    .limit(1);
  if (!order) return null;
  const [items, refunds, events] = await Promise.all([
    db
      .select()
      .from(orderItems)
      .where(eq(orderItems.orderId, order.id))
      .orderBy(asc(orderItems.productName)),
    db
      .select()
      .from(orderRefunds)
      .where(eq(orderRefunds.orderId, order.id))
      .orderBy(asc(orderRefunds.createdAt)),
    db
      .select()
      .from(orderEvents)
      .where(eq(orderEvents.orderId, order.id))
      .orderBy(asc(orderEvents.createdAt)),
  ]);
  return { order, items, refunds, events };
}

export type OrderDetail = NonNullable<Awaited<ReturnType<typeof getOrderForShop>>>;

/** An order with its shop's name and slug and its items, by product name. */
async function orderWithShopAndItems(where: SQL) {
  const db = getDb();
  const [row] = await db
    .select({ order: orders, shopName: shops.name, shopSlug: shops.slug })
    .from(orders)
    .innerJoin(shops, eq(shops.id, orders.shopId))
    .where(where)
    .limit(1);
  if (!row) return null;
  const items = await db
    .select()
    .from(orderItems)
    .where(eq(orderItems.orderId, row.order.id))
    .orderBy(asc(orderItems.productName));
  return { ...row, items };
}

/** For the shopper's signed order page: the order (paid or later) with its items and shop. */
export async function getOrderForShopper(orderId: string, shopSlug: string) {
  return orderWithShopAndItems(and(eq(orders.id, orderId), eq(shops.slug, shopSlug))!);
}

/** Adds a timeline entry, inside the caller's transaction (`db`) or on its own (`null`). */
export async function addOrderEvent(
  db: Executor | null,
  event: {
    orderId: string;
    shopId: string;
    type: string;
    message: string;
    data?: unknown;
    at?: Date;
  },
) {
  await (db ?? getDb()).insert(orderEvents).values({
    orderId: event.orderId,
    shopId: event.shopId,
    type: event.type,
    message: event.message,
    data: event.data ?? null,
    ...(event.at ? { createdAt: event.at } : {}),
  });
}

/** Counts for the shop's overview: paid orders waiting to ship and open disputes. */
export async function orderCountsForShop(shopId: string) {
  const [row] = await getDb()
    .select({
      unfulfilled: sql<number>`count(*) filter (where ${orders.status} = 'paid' and ${orders.fulfillmentStatus} = 'unfulfilled' and ${orders.refundedAmount} < ${orders.total})::int`,
      disputed: sql<number>`count(*) filter (where ${orders.disputeId} is not null and coalesce(${orders.disputeStatus}, '') not in ('won', 'lost'))::int`,
      paid: sql<number>`count(*) filter (where ${orders.status} = 'paid')::int`,
    })
    .from(orders)
    .where(eq(orders.shopId, shopId));
  return row ?? { unfulfilled: 0, disputed: 0, paid: 0 };
}

/** The owner's e-mail, where the merchant's notices go. */
export async function findShopOwnerEmail(shopId: string, db: Executor = getDb()) {
  const [row] = await db
    .select({ email: users.email })
    .from(shopMembers)
    .innerJoin(users, eq(users.id, shopMembers.userId))
    .where(and(eq(shopMembers.shopId, shopId), eq(shopMembers.role, "owner")))
    .orderBy(asc(shopMembers.createdAt))
    .limit(1);
  return row?.email ?? null;
}

// ── e-mail outbox ─────────────────────────────────────────────────────────────

export const OUTBOX_PAGE_SIZE = 25;

const outboxColumns = {
  id: emailOutbox.id,
  kind: emailOutbox.kind,
  to: emailOutbox.to,
  subject: emailOutbox.subject,
  status: emailOutbox.status,
  createdAt: emailOutbox.createdAt,
  sentAt: emailOutbox.sentAt,
  shopId: emailOutbox.shopId,
  orderId: emailOutbox.orderId,
  shopName: shops.name,
  shopSlug: shops.slug,
};

export async function listOutbox(opts: { shopId?: string; page: number }) {
  const db = getDb();
  const where = opts.shopId ? eq(emailOutbox.shopId, opts.shopId) : undefined;
  const [items, [totalRow]] = await Promise.all([
    db
      .select(outboxColumns)
      .from(emailOutbox)
      .leftJoin(shops, eq(shops.id, emailOutbox.shopId))
      .where(where)
      .orderBy(desc(emailOutbox.createdAt))
      .limit(OUTBOX_PAGE_SIZE)
      .offset((opts.page - 1) * OUTBOX_PAGE_SIZE),
    db.select({ n: count() }).from(emailOutbox).where(where),
  ]);
  return { items, total: totalRow?.n ?? 0 };
}

/** Messages that could not be delivered after every try (the admin's list, with a retry). */
export async function listUndeliverable(limit = 50) {
  return getDb()
    .select({
      id: emailOutbox.id,
      to: emailOutbox.to,
      subject: emailOutbox.subject,
      kind: emailOutbox.kind,
      error: emailOutbox.error,
      attempts: emailOutbox.attempts,
      lastAttemptAt: emailOutbox.lastAttemptAt,
      shopName: shops.name,
    })
    .from(emailOutbox)
    .leftJoin(shops, eq(shops.id, emailOutbox.shopId))
    .where(eq(emailOutbox.status, "dead"))
    .orderBy(desc(emailOutbox.lastAttemptAt))
    .limit(limit);
}

/** One message; with shopId, only that shop's (another shop's message is null). */
export async function getOutboxMessage(id: string, shopId?: string) {
  const [row] = await getDb()
    .select({ message: emailOutbox, shopName: shops.name, shopSlug: shops.slug })
    .from(emailOutbox)
    .leftJoin(shops, eq(shops.id, emailOutbox.shopId))
    .where(
      shopId ? and(eq(emailOutbox.id, id), eq(emailOutbox.shopId, shopId)) : eq(emailOutbox.id, id),
    )
    .limit(1);
  return row ?? null;
}

/** An order with its shop's name and slug and its items (what the order e-mails need). */
export async function findOrderForEmail(orderId: string) {
  if (!isUuid(orderId)) return null;
  return orderWithShopAndItems(eq(orders.id, orderId));
}
