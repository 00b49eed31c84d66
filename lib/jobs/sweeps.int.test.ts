// The worker's scheduled sweeps, run through the queue against the in-process emulator.
import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, describe, expect, it, vi } from "vitest";
import { startEmulator } from "@/emulator/server";
import { makeProduct, makeShop, makeUser } from "@/lib/testing/factories";

const emulator = await startEmulator({ port: 0, webhookRetry: { delaysMs: [], timeoutMs: 1000 } });
process.env.STRIPE_EMULATOR_URL = emulator.url;
afterAll(() => emulator.close());
vi.mock("next/headers", () => ({
  cookies: async () => ({ get: () => undefined }),
  headers: async () => new Headers({ host: "localhost:3000" }),
}));

const { getDb, getDatabaseHandle } = await import("@/db/client");
const schema = await import("@/db/schema");
const { addToCart } = await import("@/db/queries/carts");
const { enqueue, QUEUES, SCHEDULES } = await import("@/db/queue");
const { ensureDemoAccount } = await import("@/lib/stripe/demo-accounts");
const { getStripe } = await import("@/lib/stripe/client");
const { beginCheckout } = await import("@/lib/orders/checkout");
const { hashCartToken } = await import("@/lib/storefront/cart-cookie");
const { runJobs } = await import("@/lib/testing/jobs");
const { pruneOldRows, reconcileStripeEvents, remindConnectDeadlines } = await import("./sweeps");

async function shopWithAccount() {
  const user = await makeUser();
  const shop = await makeShop(user.id);
  const result = await ensureDemoAccount(
    { id: shop.id, slug: shop.slug, name: "Sweep Test Shop", country: "US" },
    "express",
    `owner-${shop.slug}@example.test`,
  );
  if (result.status !== "created") throw new Error(`no account: ${JSON.stringify(result)}`);
  return { shop, user, accountId: result.accountId };
}

async function pendingCheckout(shopId: string, variantId: string) {
  const tokenHash = hashCartToken(randomBytes(32).toString("base64url"));
  const added = await addToCart(shopId, tokenHash, variantId, 2);
  if (!added.ok) throw new Error(added.reason);
  const result = await beginCheckout({
    shop: { id: shopId },
    tokenHash,
    origin: "http://localhost:3000",
    modeOverride: "hosted",
    from: "request",
  });
  if (!result.ok) throw new Error(result.message);
  return result;
}

async function stockOf(variantId: string) {
  const [row] = await getDb()
    .select({ stock: schema.productVariants.stock })
    .from(schema.productVariants)
    .where(eq(schema.productVariants.id, variantId));
  return row!.stock;
}

/** Sends a sweep's job now (the cron would at its next slot) and runs the queue. */
async function sweep(queue: (typeof QUEUES)[keyof typeof QUEUES]) {
  await enqueue(getDb(), queue, {});
  return runJobs([queue]);
}

describe("scheduled sweeps", () => {
  it("are scheduled in pg-boss, once each", async () => {
    const { rows } = await getDatabaseHandle().executeSql(
      `select name, cron from pgboss.schedule order by name`,
    );
    expect(rows.map((r) => r.name).sort()).toEqual(SCHEDULES.map((s) => s.queue).sort());
  });

  it("expire an overdue checkout on Stripe and give its stock back, with no shopper action", async () => {
    const { shop, accountId } = await shopWithAccount();
    const product = await makeProduct(shop.id, { variants: [{ price: 2500, stock: 5 }] });
    const variant = product.variants[0]!;
    const open = await pendingCheckout(shop.id, variant.id);
    expect(await stockOf(variant.id)).toBe(3);

    // Not overdue yet: the sweep leaves it alone.
    await sweep(QUEUES.expireCheckouts);
    const [still] = await getDb()
      .select()
      .from(schema.orders)
      .where(eq(schema.orders.id, open.orderId));
    expect(still?.status).toBe("pending");

    // Its time runs out.
    await getDb()
      .update(schema.orders)
      .set({ sessionExpiresAt: new Date(Date.now() - 60_000) })
      .where(eq(schema.orders.id, open.orderId));
    const ran = await sweep(QUEUES.expireCheckouts);
    expect(ran).toMatchObject({ ran: 1, failed: 0 });
    const [closed] = await getDb()
      .select()
      .from(schema.orders)
      .where(eq(schema.orders.id, open.orderId));
    expect(closed?.status).toBe("expired");
    expect(await stockOf(variant.id)).toBe(5);
    const session = await getStripe().checkout.sessions.retrieve(
      open.sessionId,
      {},
      { stripeAccount: accountId },
    );
    expect(session.status).toBe("expired");
    // Once: a second sweep gives nothing back again.
    await sweep(QUEUES.expireCheckouts);
    expect(await stockOf(variant.id)).toBe(5);
  });

  it("reconcile: store and process the events whose webhook never arrived, once", async () => {
    const { shop, accountId } = await shopWithAccount();
    const product = await makeProduct(shop.id, { variants: [{ price: 1800, stock: 4 }] });
    const open = await pendingCheckout(shop.id, product.variants[0]!.id);
    // Stripe expires the session; its webhook is lost (this emulator has no endpoint).
    await getStripe().checkout.sessions.expire(open.sessionId, undefined, {
      stripeAccount: accountId,
    });
    const { data } = await getStripe().events.list(
      { type: "checkout.session.expired", limit: 10 },
      { stripeAccount: accountId },
    );
    const lost = data.find((e) => (e.data.object as { id: string }).id === open.sessionId)!;
    expect(lost).toBeTruthy();

    const first = await reconcileStripeEvents();
    expect(first.failures).toEqual([]);
    expect(first.recovered[accountId]).toBeGreaterThanOrEqual(1);
    const [stored] = await getDb()
      .select()
      .from(schema.stripeEvents)
      .where(eq(schema.stripeEvents.id, lost.id));
    expect(stored).toMatchObject({
      receivedVia: "reconciliation",
      source: "connect",
      account: accountId,
    });
    await runJobs();
    const [after] = await getDb()
      .select()
      .from(schema.stripeEvents)
      .where(eq(schema.stripeEvents.id, lost.id));
    expect(after?.outcome).toBe("processed");
    const [order] = await getDb()
      .select()
      .from(schema.orders)
      .where(eq(schema.orders.id, open.orderId));
    expect(order?.status).toBe("expired");
    expect(await stockOf(product.variants[0]!.id)).toBe(4);

    // Nothing new the second time.
    const second = await reconcileStripeEvents();
    expect(second.recovered[accountId]).toBeUndefined();
  });

  it("prune expired OAuth states, spent rate-limit windows and abandoned carts", async () => {
    const { shop, user } = await shopWithAccount();
    const long = new Date(Date.now() - 40 * 24 * 60 * 60 * 1000);
    await getDb()
      .insert(schema.oauthStates)
      .values([
        { stateHash: `old-${shop.id}`, userId: user.id, shopId: shop.id, expiresAt: long },
        {
          stateHash: `new-${shop.id}`,
          userId: user.id,
          shopId: shop.id,
          expiresAt: new Date(Date.now() + 600_000),
        },
      ]);
    await getDb()
      .insert(schema.rateLimits)
      .values([
        { key: `test:old:${shop.id}`, points: 3, expire: long },
        { key: `test:live:${shop.id}`, points: 3, expire: new Date(Date.now() + 600_000) },
      ]);
    const [oldCart] = await getDb()
      .insert(schema.carts)
      .values({ shopId: shop.id, tokenHash: `old-${shop.id}`, updatedAt: long, createdAt: long })
      .returning();
    const [newCart] = await getDb()
      .insert(schema.carts)
      .values({ shopId: shop.id, tokenHash: `new-${shop.id}` })
      .returning();

    const pruned = await pruneOldRows();
    expect(pruned.oauthStates).toBeGreaterThanOrEqual(1);
    expect(pruned.rateLimits).toBeGreaterThanOrEqual(1);
    expect(pruned.carts).toBeGreaterThanOrEqual(1);
    const states = await getDb()
      .select({ h: schema.oauthStates.stateHash })
      .from(schema.oauthStates)
      .where(eq(schema.oauthStates.shopId, shop.id));
    expect(states.map((s) => s.h)).toEqual([`new-${shop.id}`]);
    const carts = await getDb()
      .select({ id: schema.carts.id })
      .from(schema.carts)
      .where(eq(schema.carts.shopId, shop.id));
    expect(carts.map((c) => c.id)).toEqual([newCart!.id]);
    expect(oldCart).toBeTruthy();
    const limits = await getDb()
      .select({ key: schema.rateLimits.key })
      .from(schema.rateLimits)
      .where(eq(schema.rateLimits.key, `test:live:${shop.id}`));
    expect(limits).toHaveLength(1);
  });

  it("remind a merchant once before a Connect requirements deadline", async () => {
    const { shop, user } = await shopWithAccount();
    const deadline = new Date(Date.now() + 3 * 24 * 60 * 60 * 1000);
    await getDb()
      .update(schema.stripeAccounts)
      .set({ currentDeadline: deadline, currentlyDue: ["individual.verification.document"] })
      .where(eq(schema.stripeAccounts.shopId, shop.id));
    const first = await remindConnectDeadlines();
    expect(first.sent).toBeGreaterThanOrEqual(1);
    await remindConnectDeadlines();
    const mails = await getDb()
      .select()
      .from(schema.emailOutbox)
      .where(
        and(
          eq(schema.emailOutbox.shopId, shop.id),
          eq(schema.emailOutbox.kind, "connect_deadline"),
        ),
      );
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ to: user.email });
    expect(mails[0]!.subject).toMatch(/Action needed by/);
    expect(mails[0]!.text).toContain("individual verification document");
    expect(mails[0]!.text).toContain(`/dashboard/${shop.slug}/settings/payments`);
  });
});
