import { sql } from "drizzle-orm";
import {
  bigint,
  char,
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { productVariants, products } from "./catalog";
import { checkoutMode } from "./platform";
import { shops } from "./shops";
import { carts } from "./storefront";
import { users } from "./users";

/**
 * pending  – a Checkout Session is open and the order's stock is reserved (taken off the variants);
 * paid     – the session completed and was paid: the reservation became the sale;
 * expired  – the session expired or was expired (suspension, cart changed): stock given back;
 * failed   – an asynchronous payment failed after the session completed: stock given back.
 */
export const orderStatus = pgEnum("order_status", ["pending", "paid", "expired", "failed"]);
export const fulfillmentStatus = pgEnum("fulfillment_status", ["unfulfilled", "fulfilled"]);

export type ShippingAddress = {
  name: string | null;
  line1: string | null;
  line2: string | null;
  city: string | null;
  state: string | null;
  postalCode: string | null;
  country: string | null;
};

/** The fee configuration that priced an order's application fee (a snapshot, for the record). */
export type FeeSnapshot = {
  percentBps: number;
  fixed: number;
  min: number | null;
  max: number | null;
};

/**
 * One checkout attempt and, once paid, the sale. Amounts are minor units of `currency` and are
 * computed on the server from the database, never taken from the browser.
 */
export const orders = pgTable(
  "orders",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Human order number shown as "#1001"; global, increasing, never reused. */
    number: bigint("number", { mode: "number" })
      .notNull()
      .generatedAlwaysAsIdentity({ startWith: 1001 }),
    shopId: uuid("shop_id")
      .notNull()
      .references(() => shops.id, { onDelete: "cascade" }),
    status: orderStatus("status").notNull().default("pending"),
    fulfillmentStatus: fulfillmentStatus("fulfillment_status").notNull().default("unfulfilled"),
    currency: char("currency", { length: 3 }).notNull(),
    subtotal: integer("subtotal").notNull(),
    shippingAmount: integer("shipping_amount").notNull().default(0),
    total: integer("total").notNull(),
    /** The application fee asked for at checkout (from lib/fees and the settings then in force). */
    applicationFee: integer("application_fee").notNull(),
    feeSnapshot: jsonb("fee_snapshot").$type<FeeSnapshot>().notNull(),
    /** Stripe's processing fee as the shop paid it (its balance transaction), once known. */
    stripeFee: integer("stripe_fee"),
    /** Stripe's processing fee the platform paid for this charge (Express-style accounts). */
    platformStripeFee: integer("platform_stripe_fee"),
    /** Sum of succeeded refunds, and of the application fee refunded with them. */
    refundedAmount: integer("refunded_amount").notNull().default(0),
    applicationFeeRefunded: integer("application_fee_refunded").notNull().default(0),
    checkoutMode: checkoutMode("checkout_mode").notNull(),
    /** The connected account the charge is made on (direct charge). */
    stripeAccountId: text("stripe_account_id").notNull(),
    checkoutSessionId: text("checkout_session_id"),
    sessionExpiresAt: timestamp("session_expires_at", { withTimezone: true }),
    paymentIntentId: text("payment_intent_id"),
    chargeId: text("charge_id"),
    /** The cart this order was checked out from, and its version then (idempotency). */
    cartId: uuid("cart_id").references(() => carts.id, { onDelete: "set null" }),
    cartVersion: integer("cart_version"),
    email: text("email"),
    customerName: text("customer_name"),
    shippingAddress: jsonb("shipping_address").$type<ShippingAddress>(),
    carrier: text("carrier"),
    trackingNumber: text("tracking_number"),
    fulfilledAt: timestamp("fulfilled_at", { withTimezone: true }),
    disputeId: text("dispute_id"),
    disputeStatus: text("dispute_status"),
    disputeReason: text("dispute_reason"),
    disputedAt: timestamp("disputed_at", { withTimezone: true }),
    paidAt: timestamp("paid_at", { withTimezone: true }),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("orders_number_unique").on(t.number),
    uniqueIndex("orders_checkout_session_unique").on(t.checkoutSessionId),
    index("orders_shop_created_idx").on(t.shopId, t.createdAt),
    index("orders_shop_status_idx").on(t.shopId, t.status, t.paidAt),
    index("orders_paid_idx").on(t.paidAt),
    index("orders_charge_idx").on(t.chargeId),
    index("orders_payment_intent_idx").on(t.paymentIntentId),
    index("orders_cart_idx").on(t.cartId, t.status),
    index("orders_email_idx").on(t.shopId, t.email),
    check("orders_amounts_nonnegative", sql`${t.subtotal} >= 0 and ${t.total} >= 0`),
    check(
      "orders_fee_within_total",
      sql`${t.applicationFee} >= 0 and ${t.applicationFee} <= ${t.total}`,
    ),
    check(
      "orders_refund_within_total",
      sql`${t.refundedAmount} >= 0 and ${t.refundedAmount} <= ${t.total}`,
    ),
  ],
);

/** What was bought, copied at checkout so later catalogue edits never change an order. */
export const orderItems = pgTable(
  "order_items",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orderId: uuid("order_id")
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    shopId: uuid("shop_id")
      .notNull()
      .references(() => shops.id, { onDelete: "cascade" }),
    productId: uuid("product_id").references(() => products.id, { onDelete: "set null" }),
    variantId: uuid("variant_id").references(() => productVariants.id, { onDelete: "set null" }),
    productName: text("product_name").notNull(),
    /** "Large / Blue", or "" for a product without options. */
    variantLabel: text("variant_label").notNull().default(""),
    sku: text("sku"),
    unitPrice: integer("unit_price").notNull(),
    quantity: integer("quantity").notNull(),
    /** Units this line took off its variant's stock at checkout (0 when stock is not tracked). */
    reservedStock: integer("reserved_stock").notNull().default(0),
    /** Units put back on the shelf by refunds with "restock". */
    restockedQuantity: integer("restocked_quantity").notNull().default(0),
  },
  (t) => [
    index("order_items_order_idx").on(t.orderId),
    index("order_items_shop_product_idx").on(t.shopId, t.productId),
    check("order_items_quantity_positive", sql`${t.quantity} > 0`),
    check("order_items_restock_range", sql`${t.restockedQuantity} between 0 and ${t.quantity}`),
  ],
);

export const refundStatus = pgEnum("refund_status", ["pending", "succeeded", "failed", "canceled"]);

/** A refund made from the dashboard or found on Stripe (`charge.refunded`). */
export const orderRefunds = pgTable(
  "order_refunds",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orderId: uuid("order_id")
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    shopId: uuid("shop_id")
      .notNull()
      .references(() => shops.id, { onDelete: "cascade" }),
    stripeRefundId: text("stripe_refund_id"),
    amount: integer("amount").notNull(),
    applicationFeeRefunded: integer("application_fee_refunded").notNull().default(0),
    status: refundStatus("status").notNull().default("pending"),
    reason: text("reason"),
    /** Units put back on the shelf with this refund. */
    restockedUnits: integer("restocked_units").notNull().default(0),
    /** Null when the refund was made outside Bazaar (seen through a webhook). */
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    idempotencyKey: text("idempotency_key"),
    failureMessage: text("failure_message"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("order_refunds_stripe_unique").on(t.stripeRefundId),
    uniqueIndex("order_refunds_idempotency_unique").on(t.idempotencyKey),
    index("order_refunds_order_idx").on(t.orderId),
    check("order_refunds_amount_positive", sql`${t.amount} > 0`),
  ],
);

/** The order's timeline: created, paid, fulfilled, refunded, disputed, e-mails sent, … */
export const orderEvents = pgTable(
  "order_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orderId: uuid("order_id")
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    shopId: uuid("shop_id")
      .notNull()
      .references(() => shops.id, { onDelete: "cascade" }),
    type: text("type").notNull(),
    message: text("message").notNull(),
    data: jsonb("data"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("order_events_order_idx").on(t.orderId, t.createdAt)],
);

/**
 * queued → sending (claimed by one worker) → sent | logged; a failed attempt goes back to `failed`
 * and is retried by the job queue with backoff; after the last try it is `dead` (the admin's
 * undeliverable list, with a retry button).
 */
export const emailStatus = pgEnum("email_status", [
  "queued",
  "sent",
  "failed",
  "logged",
  "sending",
  "dead",
]);

/**
 * Every e-mail Bazaar sends. Delivered through SMTP when configured; in the embedded default the
 * message stays here as `logged` and the dashboard / admin outbox pages show it.
 */
export const emailOutbox = pgTable(
  "email_outbox",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    shopId: uuid("shop_id").references(() => shops.id, { onDelete: "cascade" }),
    orderId: uuid("order_id").references(() => orders.id, { onDelete: "cascade" }),
    /** order_confirmation | new_order | shipping_notice | … */
    kind: text("kind").notNull(),
    /** Makes sending idempotent: one message per key (e.g. `order_confirmation:{orderId}`). */
    dedupeKey: text("dedupe_key").notNull(),
    to: text("to").notNull(),
    subject: text("subject").notNull(),
    text: text("text").notNull(),
    html: text("html"),
    status: emailStatus("status").notNull().default("queued"),
    attempts: integer("attempts").notNull().default(0),
    error: text("error"),
    /** While `sending`: the claim expires here (a worker that died mid-send loses it). */
    claimedUntil: timestamp("claimed_until", { withTimezone: true }),
    lastAttemptAt: timestamp("last_attempt_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("email_outbox_dedupe_unique").on(t.dedupeKey),
    index("email_outbox_shop_idx").on(t.shopId, t.createdAt),
    index("email_outbox_created_idx").on(t.createdAt),
    index("email_outbox_status_idx").on(t.status),
  ],
);

export type Order = typeof orders.$inferSelect;
export type OrderItem = typeof orderItems.$inferSelect;
export type OrderRefund = typeof orderRefunds.$inferSelect;
export type OrderStatus = (typeof orderStatus.enumValues)[number];
export type EmailRow = typeof emailOutbox.$inferSelect;
