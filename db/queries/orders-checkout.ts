import "server-only";
import { MAX_AMOUNT_MINOR } from "@/lib/money";
import { isShopSlug, isUuid } from "./ids";
import { and, asc, eq, inArray, lt, sql } from "drizzle-orm";
import type { FeeConfig } from "@/lib/fees";
import { computeApplicationFee } from "@/lib/fees";
import { getDb, type Executor, type Tx } from "../client";
import { enqueue, QUEUES } from "../queue";
import {
  cartItems,
  carts,
  orderEvents,
  orderItems,
  orders,
  products,
  productVariants,
  shops,
  stripeAccounts,
  type FeeSnapshot,
  type Order,
  type OrderItem,
  type ShippingAddress,
} from "../schema";

/**
 * Checkout's database side: stock reservation, the pending → paid / expired / failed
 * transitions, each guarded by a conditional update so it happens exactly once.
 */

export type CheckoutMode = Order["checkoutMode"];

export type ReserveInput = {
  shopId: string;
  tokenHash: string;
  currency: string;
  stripeAccountId: string;
  mode: CheckoutMode;
  feeConfig: FeeConfig;
  now: Date;
  /** How long the Checkout Session (and the reservation) lives. */
  ttlMs: number;
  /** A pending order whose session expires sooner than this is not reused. */
  reuseMarginMs: number;
};

export type ReserveOutcome =
  | { kind: "reserved"; order: Order; items: OrderItem[] }
  | { kind: "reuse"; order: Order; items: OrderItem[] }
  /** Pending orders of this cart that must be expired on Stripe and released first. */
  | { kind: "stale"; orders: Order[] }
  | { kind: "empty" }
  | { kind: "unavailable"; productName: string }
  | { kind: "sold_out"; productName: string; available: number }
  /** The cart's total is more than Stripe can charge at once (nothing was reserved). */
  | { kind: "too_large"; subtotal: number; max: number };

class SoldOut extends Error {
  constructor(
    readonly productName: string,
    readonly available: number,
  ) {
    super("sold out");
  }
}

export function variantLabelOf(values: string[]) {
  return values.join(" / ");
}

/** The fee configuration recorded on an order (what priced its application fee). */
export function feeSnapshotOf(config: FeeConfig): FeeSnapshot {
  return {
    percentBps: config.percentBps,
    fixed: config.fixed,
    min: config.min ?? null,
    max: config.max ?? null,
  };
}

async function itemsOf(db: Executor, orderId: string) {
  return db
    .select()
    .from(orderItems)
    .where(eq(orderItems.orderId, orderId))
    .orderBy(asc(orderItems.id));
}

/**
 * One transaction: lock the cart, reuse this version's open order, or re-read prices and take
 * the stock off every tracked variant with a conditional update (never read-then-write). Any
 * line short of stock rolls the whole reservation back.
 */
export async function reserveCheckout(input: ReserveInput): Promise<ReserveOutcome> {
  try {
    return await getDb().transaction(async (tx) => {
      const [cart] = await tx
        .select({ id: carts.id, version: carts.version })
        .from(carts)
        .where(and(eq(carts.shopId, input.shopId), eq(carts.tokenHash, input.tokenHash)))
        .limit(1)
        .for("update");
      if (!cart) return { kind: "empty" } as const;

      const pending = await tx
        .select()
        .from(orders)
        .where(and(eq(orders.cartId, cart.id), eq(orders.status, "pending")));
      const reuseAfter = input.now.getTime() + input.reuseMarginMs;
      const reusable = pending.find(
        (o) =>
          o.cartVersion === cart.version &&
          o.checkoutMode === input.mode &&
          o.stripeAccountId === input.stripeAccountId &&
          o.sessionExpiresAt !== null &&
          o.sessionExpiresAt.getTime() > reuseAfter,
      );
      const stale = pending.filter((o) => o !== reusable);
      if (stale.length > 0) return { kind: "stale", orders: stale } as const;
      if (reusable)
        return { kind: "reuse", order: reusable, items: await itemsOf(tx, reusable.id) } as const;

      const lines = await tx
        .select({
          variantId: productVariants.id,
          productId: products.id,
          quantity: cartItems.quantity,
          price: productVariants.price,
          sku: productVariants.sku,
          optionValues: productVariants.optionValues,
          productName: products.name,
          status: products.status,
          trackStock: products.trackStock,
        })
        .from(cartItems)
        .innerJoin(productVariants, eq(productVariants.id, cartItems.variantId))
        .innerJoin(products, eq(products.id, productVariants.productId))
        .where(
          and(
            eq(cartItems.cartId, cart.id),
            eq(cartItems.shopId, input.shopId),
            eq(productVariants.shopId, input.shopId),
          ),
        )
        // A fixed lock order (by variant) so two checkouts can never deadlock on stock rows.
        .orderBy(asc(productVariants.id));
      if (lines.length === 0) return { kind: "empty" } as const;
      const inactive = lines.find((l) => l.status !== "active");
      if (inactive) return { kind: "unavailable", productName: inactive.productName } as const;

      const subtotal = lines.reduce((sum, l) => sum + l.price * l.quantity, 0);
      // Checked before anything is written: an order column holds a 32-bit integer, and Stripe
      // refuses (or, in an emulator, might accept) more than it can charge at once.
      if (subtotal > MAX_AMOUNT_MINOR)
        return { kind: "too_large", subtotal, max: MAX_AMOUNT_MINOR } as const;
      const applicationFee = computeApplicationFee({ subtotal, config: input.feeConfig });
      const [order] = await tx
        .insert(orders)
        .values({
          shopId: input.shopId,
          status: "pending",
          currency: input.currency,
          subtotal,
          shippingAmount: 0,
          total: subtotal,
          applicationFee,
          feeSnapshot: feeSnapshotOf(input.feeConfig),
          checkoutMode: input.mode,
          stripeAccountId: input.stripeAccountId,
          sessionExpiresAt: new Date(input.now.getTime() + input.ttlMs),
          cartId: cart.id,
          cartVersion: cart.version,
        })
        .returning();
      if (!order) throw new Error("order not created");

      for (const line of lines) {
        if (!line.trackStock) continue;
        const taken = await tx
          .update(productVariants)
          .set({ stock: sql`${productVariants.stock} - ${line.quantity}` })
          .where(
            and(
              eq(productVariants.id, line.variantId),
              sql`${productVariants.stock} >= ${line.quantity}`,
            ),
          )
          .returning({ stock: productVariants.stock });
        if (taken.length === 0) {
          const [now] = await tx
            .select({ stock: productVariants.stock })
            .from(productVariants)
            .where(eq(productVariants.id, line.variantId));
          const label = variantLabelOf(line.optionValues);
          throw new SoldOut(
            label ? `${line.productName} (${label})` : line.productName,
            Math.max(0, now?.stock ?? 0),
          );
        }
      }
      const items = await tx
        .insert(orderItems)
        .values(
          lines.map((l) => ({
            orderId: order.id,
            shopId: input.shopId,
            productId: l.productId,
            variantId: l.variantId,
            productName: l.productName,
            variantLabel: variantLabelOf(l.optionValues),
            sku: l.sku,
            unitPrice: l.price,
            quantity: l.quantity,
            reservedStock: l.trackStock ? l.quantity : 0,
          })),
        )
        .returning();
      await tx.insert(orderEvents).values({
        orderId: order.id,
        shopId: input.shopId,
        type: "checkout_started",
        message: "Checkout started; stock reserved.",
        data: { cartVersion: cart.version, mode: input.mode },
      });
      return { kind: "reserved", order, items } as const;
    });
  } catch (error) {
    if (error instanceof SoldOut) {
      return { kind: "sold_out", productName: error.productName, available: error.available };
    }
    throw error;
  }
}

/**
 * Moves a pending order's reservation expiry later, while it has no session yet (a session's
 * expiry is fixed at creation). False when the order moved on meanwhile.
 */
export async function extendCheckoutExpiry(orderId: string, until: Date) {
  const rows = await getDb()
    .update(orders)
    .set({ sessionExpiresAt: until, updatedAt: new Date() })
    .where(
      and(
        eq(orders.id, orderId),
        eq(orders.status, "pending"),
        sql`${orders.checkoutSessionId} is null`,
      ),
    )
    .returning({ id: orders.id });
  return rows.length > 0;
}

/** Records the session on the order (only the first session id sticks). */
export async function attachCheckoutSession(orderId: string, sessionId: string) {
  const rows = await getDb()
    .update(orders)
    .set({ checkoutSessionId: sessionId, updatedAt: new Date() })
    .where(
      and(
        eq(orders.id, orderId),
        sql`(${orders.checkoutSessionId} is null or ${orders.checkoutSessionId} = ${sessionId})`,
      ),
    )
    .returning({ id: orders.id });
  return rows.length > 0;
}

async function giveBackStock(tx: Tx, orderId: string) {
  const items = await tx
    .select({ variantId: orderItems.variantId, reserved: orderItems.reservedStock })
    .from(orderItems)
    .where(eq(orderItems.orderId, orderId));
  for (const item of items) {
    if (!item.variantId || item.reserved <= 0) continue;
    await tx
      .update(productVariants)
      .set({ stock: sql`${productVariants.stock} + ${item.reserved}` })
      .where(eq(productVariants.id, item.variantId));
  }
}

/**
 * pending → expired | failed, giving the reserved stock back. The conditional status update is
 * the guard: a second call (duplicate webhook, racing return page) finds nothing and does nothing.
 * Returns the order when this call made the transition.
 */
export async function releaseOrderReservation(
  orderId: string,
  to: "expired" | "failed",
  message: string,
  data: Record<string, unknown> = {},
) {
  return getDb().transaction(async (tx) => {
    const now = new Date();
    const [order] = await tx
      .update(orders)
      .set({ status: to, closedAt: now, updatedAt: now })
      .where(and(eq(orders.id, orderId), eq(orders.status, "pending")))
      .returning();
    if (!order) return null;
    await giveBackStock(tx, order.id);
    await tx.insert(orderEvents).values({
      orderId: order.id,
      shopId: order.shopId,
      type: to === "expired" ? "checkout_expired" : "payment_failed",
      message,
      data,
    });
    return order;
  });
}

export type PaidFacts = {
  sessionId: string;
  amountTotal: number;
  paymentIntentId: string | null;
  chargeId: string | null;
  stripeFee: number | null;
  platformStripeFee: number | null;
  applicationFee: number | null;
  email: string | null;
  customerName: string | null;
  shippingAddress: ShippingAddress | null;
};

/**
 * pending → paid, exactly once (conditional update). An order whose reservation was already
 * given back (expired while the shopper was paying) is still marked paid — the money was taken —
 * and its stock is taken again as far as there is any, with the shortfall on the timeline.
 * Removes the bought variants from the cart and bumps its version. Null when already paid.
 */
export async function markOrderPaid(orderId: string, facts: PaidFacts) {
  return getDb().transaction(async (tx) => {
    const now = new Date();
    const [before] = await tx
      .select({ status: orders.status })
      .from(orders)
      .where(eq(orders.id, orderId))
      .for("update");
    if (!before || (before.status !== "pending" && before.status !== "expired")) return null;
    const [order] = await tx
      .update(orders)
      .set({
        status: "paid",
        checkoutSessionId: facts.sessionId,
        total: facts.amountTotal,
        paymentIntentId: facts.paymentIntentId,
        chargeId: facts.chargeId,
        stripeFee: facts.stripeFee,
        platformStripeFee: facts.platformStripeFee,
        ...(facts.applicationFee !== null ? { applicationFee: facts.applicationFee } : {}),
        email: facts.email,
        customerName: facts.customerName,
        shippingAddress: facts.shippingAddress,
        paidAt: now,
        closedAt: null,
        updatedAt: now,
      })
      .where(and(eq(orders.id, orderId), inArray(orders.status, ["pending", "expired"])))
      .returning();
    if (!order) return null;
    const items = await itemsOf(tx, order.id);
    const retaken: string[] = [];
    if (before.status === "expired") {
      // The reservation was given back; take the units again (never below zero).
      for (const item of items) {
        if (!item.variantId || item.reservedStock <= 0) continue;
        await tx
          .update(productVariants)
          .set({ stock: sql`greatest(${productVariants.stock} - ${item.reservedStock}, 0)` })
          .where(eq(productVariants.id, item.variantId));
        retaken.push(item.productName);
      }
    }
    // The e-mails are a job committed with the payment: a crash after this point loses nothing.
    await enqueue(tx, QUEUES.orderNotify, { orderId: order.id, event: "paid" });
    await tx.insert(orderEvents).values({
      orderId: order.id,
      shopId: order.shopId,
      type: "paid",
      message:
        before.status === "expired"
          ? "Payment received after the checkout had expired; stock taken again — check inventory."
          : "Payment received.",
      data: {
        sessionId: facts.sessionId,
        paymentIntentId: facts.paymentIntentId,
        chargeId: facts.chargeId,
        amount: facts.amountTotal,
        ...(retaken.length ? { retaken } : {}),
      },
    });
    if (order.cartId) {
      const variantIds = items.map((i) => i.variantId).filter((v): v is string => v !== null);
      if (variantIds.length > 0) {
        await tx
          .delete(cartItems)
          .where(and(eq(cartItems.cartId, order.cartId), inArray(cartItems.variantId, variantIds)));
      }
      await tx
        .update(carts)
        .set({ version: sql`${carts.version} + 1`, updatedAt: now })
        .where(eq(carts.id, order.cartId));
    }
    return order;
  });
}

export async function findOrder(orderId: string, db: Executor = getDb()) {
  const [row] = await db.select().from(orders).where(eq(orders.id, orderId)).limit(1);
  return row ?? null;
}

export async function findOrderBySession(sessionId: string, db: Executor = getDb()) {
  const [row] = await db
    .select()
    .from(orders)
    .where(eq(orders.checkoutSessionId, sessionId))
    .limit(1);
  return row ?? null;
}

export async function listOrderItems(orderId: string) {
  return itemsOf(getDb(), orderId);
}

/** The cart's id and version, or null. */
export async function findCartRef(shopId: string, tokenHash: string) {
  const [row] = await getDb()
    .select({ id: carts.id, version: carts.version })
    .from(carts)
    .where(and(eq(carts.shopId, shopId), eq(carts.tokenHash, tokenHash)))
    .limit(1);
  return row ?? null;
}

/** Pending orders of a cart (normally at most one). */
export async function pendingOrdersOfCart(cartId: string) {
  return getDb()
    .select()
    .from(orders)
    .where(and(eq(orders.cartId, cartId), eq(orders.status, "pending")))
    .orderBy(asc(orders.createdAt));
}

/** Pending orders of a cart whose session time has run out (to be released). */
/** Pending orders of every shop whose Checkout Session time has passed (the worker's sweep). */
export async function overduePendingOrdersOfAllShops(now: Date, limit = 200) {
  return getDb()
    .select()
    .from(orders)
    .where(and(eq(orders.status, "pending"), lt(orders.sessionExpiresAt, now)))
    .orderBy(asc(orders.sessionExpiresAt))
    .limit(limit);
}

export async function overduePendingOrders(cartId: string, now: Date) {
  return getDb()
    .select()
    .from(orders)
    .where(
      and(
        eq(orders.cartId, cartId),
        eq(orders.status, "pending"),
        lt(orders.sessionExpiresAt, now),
      ),
    );
}

/** Every pending order of a shop (suspension expires their sessions). */
export async function pendingOrdersOfShop(shopId: string) {
  return getDb()
    .select()
    .from(orders)
    .where(and(eq(orders.shopId, shopId), eq(orders.status, "pending")));
}

/** A storefront shop with what checkout needs to know about its Stripe account. */
export async function findCheckoutShop(where: { slug: string } | { id: string }) {
  if ("slug" in where ? !isShopSlug(where.slug) : !isUuid(where.id)) return null;
  const [row] = await getDb()
    .select({
      id: shops.id,
      slug: shops.slug,
      name: shops.name,
      currency: shops.currency,
      country: shops.country,
      connectStatus: shops.connectStatus,
      suspendedAt: shops.suspendedAt,
      accountId: stripeAccounts.accountId,
      disconnectedAt: stripeAccounts.disconnectedAt,
    })
    .from(shops)
    .leftJoin(stripeAccounts, eq(stripeAccounts.shopId, shops.id))
    .where("slug" in where ? eq(shops.slug, where.slug) : eq(shops.id, where.id))
    .limit(1);
  return row ?? null;
}

export type CheckoutShop = NonNullable<Awaited<ReturnType<typeof findCheckoutShop>>>;

/**
 * Units a cart's own open checkout holds, per variant. The cart page adds them back to the stock
 * it shows that shopper, so their own reservation never reads as "sold out" to them.
 */
export async function heldByCart(cartId: string) {
  const rows = await getDb()
    .select({
      orderId: orders.id,
      version: orders.cartVersion,
      variantId: orderItems.variantId,
      reserved: orderItems.reservedStock,
    })
    .from(orderItems)
    .innerJoin(orders, eq(orders.id, orderItems.orderId))
    .where(and(eq(orders.cartId, cartId), eq(orders.status, "pending")));
  const held = new Map<string, number>();
  for (const r of rows) {
    if (r.variantId) held.set(r.variantId, (held.get(r.variantId) ?? 0) + r.reserved);
  }
  return { held, orderIds: [...new Set(rows.map((r) => r.orderId))] };
}
