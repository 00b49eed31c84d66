import "server-only";
import { and, eq, gte, sql } from "drizzle-orm";
import { createPaidOrder, emulatorControl } from "@/lib/testing/orders";
import type { Db } from "./client";
import {
  orderEvents,
  orderRefunds,
  orders,
  productVariants,
  products,
  shopMembers,
  shops,
  users,
} from "./schema";

/** Deterministic pseudo-random numbers, so every demo database looks the same. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SHOPPERS = [
  ["Maya Chen", "maya.chen"],
  ["Luis García", "luis.garcia"],
  ["Amara Okafor", "amara.okafor"],
  ["Jonas Berg", "jonas.berg"],
  ["Priya Nair", "priya.nair"],
  ["Tom Walsh", "tom.walsh"],
  ["Sofia Rossi", "sofia.rossi"],
  ["Kenji Sato", "kenji.sato"],
  ["Elena Petrova", "elena.petrova"],
  ["Noah Smith", "noah.smith"],
  ["Fatima Zahra", "fatima.zahra"],
  ["Oliver Brown", "oliver.brown"],
] as const;

const CITIES = [
  { city: "Portland", state: "OR", postalCode: "97205" },
  { city: "Austin", state: "TX", postalCode: "78701" },
  { city: "Brooklyn", state: "NY", postalCode: "11201" },
  { city: "Denver", state: "CO", postalCode: "80202" },
  { city: "Chicago", state: "IL", postalCode: "60601" },
  { city: "Seattle", state: "WA", postalCode: "98101" },
] as const;

const DAY = 24 * 60 * 60 * 1000;

/**
 * Demo orders, made for real on the emulator (through createPaidOrder) and backdated over the
 * last 90 days in our database: ~75 for kai-coffee and a few for harbor-books, some fulfilled,
 * a couple partially refunded. Idempotent: a shop that already has orders is left alone.
 */
export async function seedDemoOrders(db: Db) {
  const plan = [
    { slug: "kai-coffee", count: 75, seed: 7 },
    { slug: "harbor-books", count: 6, seed: 11 },
  ];
  const lines: string[] = [];
  for (const p of plan) {
    const [shop] = await db
      .select({ id: shops.id, owner: users.email, ownerId: users.id })
      .from(shops)
      .innerJoin(shopMembers, and(eq(shopMembers.shopId, shops.id), eq(shopMembers.role, "owner")))
      .innerJoin(users, eq(users.id, shopMembers.userId))
      .where(eq(shops.slug, p.slug))
      .limit(1);
    if (!shop) continue;
    const [existing] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(orders)
      .where(eq(orders.shopId, shop.id));
    if ((existing?.n ?? 0) > 0) {
      lines.push(`${p.slug}: orders kept (${existing?.n})`);
      continue;
    }
    // Only variants with plenty of stock (or untracked), so the storefront never sells out.
    const variants = await db
      .select({
        id: productVariants.id,
        stock: productVariants.stock,
        tracked: products.trackStock,
      })
      .from(productVariants)
      .innerJoin(products, eq(products.id, productVariants.productId))
      .where(
        and(
          eq(productVariants.shopId, shop.id),
          eq(products.status, "active"),
          gte(productVariants.stock, 0),
        ),
      );
    const stock = new Map(variants.map((v) => [v.id, v.tracked ? v.stock : Infinity]));
    const rand = prng(p.seed);
    const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
    const now = Date.now();
    const made: { id: string; paidAt: Date }[] = [];
    const started = Date.now();
    for (let i = 0; i < p.count; i++) {
      // More recent days are busier: square the uniform draw.
      const daysAgo = Math.pow(rand(), 1.6) * 89 + rand() * 0.9;
      const paidAt = new Date(now - daysAgo * DAY);
      const chosen = new Map<string, number>();
      const lineCount = 1 + Math.floor(rand() * rand() * 3);
      for (let l = 0; l < lineCount; l++) {
        const candidates = variants.filter((v) => (stock.get(v.id) ?? 0) >= 8 && !chosen.has(v.id));
        if (candidates.length === 0) break;
        const v = pick(candidates);
        const qty = 1 + Math.floor(rand() * rand() * 3);
        chosen.set(v.id, qty);
        stock.set(v.id, (stock.get(v.id) ?? 0) - qty);
      }
      if (chosen.size === 0) break;
      const [name, handle] = pick(SHOPPERS);
      const place = pick(CITIES);
      const { order } = await createPaidOrder({
        db,
        shopId: shop.id,
        lines: [...chosen].map(([variantId, quantity]) => ({ variantId, quantity })),
        email: `${handle}@example.com`,
        name,
        address: { line1: `${100 + Math.floor(rand() * 900)} Market St`, ...place, country: "US" },
        paidAt,
      });
      made.push({ id: order.id, paidAt });
      // Two thirds in, the funds so far settle and are paid out, so the balance page shows an
      // available balance, a pending one and a payout (as weeks of real trading would).
      if (i === Math.floor((p.count * 2) / 3) || i === Math.floor((p.count * 5) / 6)) {
        await emulatorControl("balance/settle", {
          account: order.stripeAccountId,
          payout: i === Math.floor((p.count * 2) / 3) ? "true" : "false",
        });
      }
    }
    // Older orders have mostly shipped: mark a share of those older than four days fulfilled.
    let fulfilled = 0;
    for (const o of made) {
      const age = (now - o.paidAt.getTime()) / DAY;
      if (age < 4 || rand() > 0.35) continue;
      const at = new Date(o.paidAt.getTime() + (1 + rand()) * DAY);
      const tracking = `1Z${Math.floor(rand() * 1e9)
        .toString(36)
        .toUpperCase()}${fulfilled}`;
      await db
        .update(orders)
        .set({
          fulfillmentStatus: "fulfilled",
          carrier: "UPS",
          trackingNumber: tracking,
          fulfilledAt: at,
          updatedAt: at,
        })
        .where(eq(orders.id, o.id));
      const [order] = await db.select().from(orders).where(eq(orders.id, o.id));
      await db.insert(orderEvents).values({
        orderId: o.id,
        shopId: order!.shopId,
        type: "fulfilled",
        message: `Fulfilled: shipped with UPS, tracking ${tracking}`,
        data: { carrier: "UPS", trackingNumber: tracking, by: shop.owner },
        createdAt: at,
      });
      fulfilled++;
    }
    // Two partial refunds (kai-coffee only), made for real on the emulator.
    let refunded = 0;
    if (p.slug === "kai-coffee") {
      const { refundOrder } = await import("@/lib/orders/refunds");
      const targets = made.filter((o) => (now - o.paidAt.getTime()) / DAY > 10).slice(0, 2);
      for (const t of targets) {
        const [order] = await db.select().from(orders).where(eq(orders.id, t.id));
        const amount = Math.max(100, Math.floor(order!.total / 3));
        const result = await refundOrder({
          shopId: shop.id,
          orderId: t.id,
          amount,
          reason: "requested_by_customer",
          restock: {},
          requestId: crypto.randomUUID(),
          actor: { id: shop.ownerId, email: shop.owner },
        });
        if (!result.ok) continue;
        const at = new Date(t.paidAt.getTime() + 3 * DAY);
        await db
          .update(orderRefunds)
          .set({ createdAt: at })
          .where(eq(orderRefunds.id, result.refundId));
        await db
          .update(orderEvents)
          .set({ createdAt: at })
          .where(and(eq(orderEvents.orderId, t.id), eq(orderEvents.type, "refunded")));
        refunded++;
      }
    }
    // The newest orders' e-mails, so the outbox pages have something to show.
    const { notifyOrderPaid } = await import("@/lib/orders/notifications");
    const newest = [...made].sort((x, y) => y.paidAt.getTime() - x.paidAt.getTime()).slice(0, 4);
    for (const o of newest) await notifyOrderPaid(o.id);
    lines.push(
      `${p.slug}: ${made.length} orders (${fulfilled} fulfilled, ${refunded} partly refunded) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  }
  return lines;
}
