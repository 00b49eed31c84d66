// Checkout against the real emulator (in-process) and the integration database: reservation,
// idempotency, finalisation exactly once, release, suspension and a concurrency stress test.
// Runs on PGlite by default and on PostgreSQL with DATABASE_URL set.
import { randomBytes } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import type Stripe from "stripe";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { startEmulator } from "@/emulator/server";
import { makeProduct, makeShop, makeUser } from "@/lib/testing/factories";

const emulator = await startEmulator({ port: 0, webhookRetry: { delaysMs: [], timeoutMs: 1000 } });
process.env.STRIPE_EMULATOR_URL = emulator.url;
afterAll(() => emulator.close());

const notified = vi.hoisted(() => ({ ids: [] as string[] }));
vi.mock("@/lib/orders/notifications", () => ({
  notifyOrderPaid: async (orderId: string) => {
    notified.ids.push(orderId);
  },
}));

// The server action reads the cart cookie and the host through next/headers.
const request = vi.hoisted(() => ({ cookies: new Map<string, string>() }));
vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) =>
      request.cookies.has(name) ? { name, value: request.cookies.get(name) } : undefined,
  }),
  headers: async () => new Headers({ host: "localhost:3000" }),
}));
vi.mock("next/navigation", () => ({
  redirect: (url: string) => {
    throw Object.assign(new Error("NEXT_REDIRECT"), { url });
  },
}));

const { getDb } = await import("@/db/client");
const schema = await import("@/db/schema");
const { addToCart } = await import("@/db/queries/carts");
const { suspendShop } = await import("@/db/queries/admin");
const { ensureDemoAccount } = await import("@/lib/stripe/demo-accounts");
const { getStripe } = await import("@/lib/stripe/client");
const { beginCheckout } = await import("./checkout");
const { expireOpenCheckouts, releaseOverdueCheckouts } = await import("./finalise");
const { checkoutReturnState } = await import("./return");
const { POST: connectWebhook } = await import("@/app/api/stripe/connect-webhook/route");
const { runJobs } = await import("@/lib/testing/jobs");
const { startCheckoutAction } = await import("@/app/s/[shop]/checkout/actions");
const { CART_COOKIE, hashCartToken } = await import("@/lib/storefront/cart-cookie");
const { GET: cancelRoute } = await import("@/app/s/[shop]/checkout/cancel/route");
const { NextRequest } = await import("next/server");
const { idleState } = await import("@/lib/actions");

const ORIGIN = "http://localhost:3000";

beforeEach(() => {
  notified.ids.length = 0;
  request.cookies.clear();
});

async function shopWithAccount(kind: "express" | "standard" = "express") {
  const user = await makeUser();
  const shop = await makeShop(user.id);
  const result = await ensureDemoAccount(
    { id: shop.id, slug: shop.slug, name: "Checkout Test Shop", country: "US" },
    kind,
    `owner-${shop.slug}@example.test`,
  );
  if (result.status !== "created") throw new Error(`no account: ${JSON.stringify(result)}`);
  const [row] = await getDb().select().from(schema.shops).where(eq(schema.shops.id, shop.id));
  expect(row?.connectStatus).toBe("active");
  return { shop, accountId: result.accountId };
}

function newCartToken() {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: hashCartToken(token) };
}

async function cartWith(shopId: string, lines: { variantId: string; quantity: number }[]) {
  const { token, tokenHash } = newCartToken();
  for (const line of lines) {
    const added = await addToCart(shopId, tokenHash, line.variantId, line.quantity);
    if (!added.ok) throw new Error(`could not add to cart: ${added.reason}`);
  }
  return { token, tokenHash };
}

async function stockOf(variantId: string) {
  const [row] = await getDb()
    .select({ stock: schema.productVariants.stock })
    .from(schema.productVariants)
    .where(eq(schema.productVariants.id, variantId));
  return row?.stock;
}

async function orderById(id: string) {
  const [row] = await getDb().select().from(schema.orders).where(eq(schema.orders.id, id));
  if (!row) throw new Error("order missing");
  return row;
}

async function checkout(shopId: string, tokenHash: string, mode?: "embedded" | "hosted") {
  return beginCheckout({
    shop: { id: shopId },
    tokenHash,
    origin: ORIGIN,
    modeOverride: mode ?? null,
    from: "request",
  });
}

async function pay(sessionId: string, card = "4242424242424242") {
  const response = await fetch(`${emulator.url}/_emulator/checkout/sessions/${sessionId}/pay`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      card,
      email: "shopper@example.test",
      name: "Sam Shopper",
      "shipping[name]": "Sam Shopper",
      "shipping[address][line1]": "1 Harbour Road",
      "shipping[address][city]": "Portland",
      "shipping[address][postal_code]": "04101",
      "shipping[address][country]": "US",
    }),
  });
  return response;
}

/** The emulator's own event of this type for the session (as Stripe would deliver it). */
async function eventFor(type: string, accountId: string, sessionId: string) {
  const list = await getStripe().events.list({ type, limit: 100 }, { stripeAccount: accountId });
  const event = list.data.find(
    (e) => (e.data.object as { id?: string }).id === sessionId && e.type === type,
  );
  if (!event) throw new Error(`no ${type} event for ${sessionId}`);
  return { ...event, account: accountId } as Stripe.Event;
}

/** How often the order's e-mails job ran (other tests' jobs may run in the same worker pass). */
const notifiedFor = (orderId: string) => notified.ids.filter((id) => id === orderId).length;

/** A signed delivery to the Connect endpoint, then the worker's run (the route only enqueues). */
async function deliver(event: unknown) {
  const payload = JSON.stringify(event);
  const header = getStripe().webhooks.generateTestHeaderString({
    payload,
    secret: "whsec_emulator_connect",
  });
  const response = await connectWebhook(
    new Request("http://localhost/api/stripe/connect-webhook", {
      method: "POST",
      headers: { "content-type": "application/json", "stripe-signature": header },
      body: payload,
    }),
  );
  await runJobs();
  return response;
}

async function paidOrdersOfCart(cartOrderId: string) {
  const order = await orderById(cartOrderId);
  return getDb()
    .select()
    .from(schema.orders)
    .where(and(eq(schema.orders.cartId, order.cartId!), eq(schema.orders.status, "paid")));
}

describe("checkout", () => {
  it("reserves stock and opens a session on the connected account with the order's amounts", async () => {
    const { shop, accountId } = await shopWithAccount();
    const product = await makeProduct(shop.id, {
      name: "Field Jacket",
      options: [{ name: "Size", values: ["S", "M"] }],
      variants: [
        { optionValues: ["S"], price: 12000, stock: 3 },
        { optionValues: ["M"], price: 12500, stock: 3 },
      ],
    });
    const [s, m] = product.variants;
    const { tokenHash } = await cartWith(shop.id, [
      { variantId: s!.id, quantity: 2 },
      { variantId: m!.id, quantity: 1 },
    ]);
    const result = await checkout(shop.id, tokenHash, "hosted");
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.url).toContain("/c/pay/");
    expect(await stockOf(s!.id)).toBe(1);
    expect(await stockOf(m!.id)).toBe(2);

    const order = await orderById(result.orderId);
    expect(order).toMatchObject({
      status: "pending",
      subtotal: 36500,
      total: 36500,
      // 5% + 30 of 365.00 (the seeded platform default)
      applicationFee: 1855,
      checkoutSessionId: result.sessionId,
      stripeAccountId: accountId,
      checkoutMode: "hosted",
    });
    expect(order.feeSnapshot).toEqual({ percentBps: 500, fixed: 30, min: null, max: null });

    // The session lives on the shop's account, not the platform's.
    const session = await getStripe().checkout.sessions.retrieve(
      result.sessionId,
      { expand: ["line_items"] },
      { stripeAccount: accountId },
    );
    expect(session.amount_total).toBe(36500);
    expect(session.client_reference_id).toBe(order.id);
    expect(session.metadata).toEqual({ order_id: order.id, shop_id: shop.id });
    expect(session.line_items?.data.map((li) => [li.description, li.quantity])).toEqual(
      expect.arrayContaining([
        ["Field Jacket — S", 2],
        ["Field Jacket — M", 1],
      ]),
    );
    expect(session.expires_at - session.created).toBeGreaterThanOrEqual(30 * 60);
    await expect(getStripe().checkout.sessions.retrieve(result.sessionId)).rejects.toThrow();
  });

  it("refuses an empty cart, a shop that cannot take payments and a suspended shop", async () => {
    const { shop } = await shopWithAccount();
    const product = await makeProduct(shop.id, { variants: [{ price: 1000, stock: 5 }] });
    expect(await checkout(shop.id, newCartToken().tokenHash)).toMatchObject({
      ok: false,
      reason: "empty",
      message: "Your cart is empty.",
    });
    const { tokenHash } = await cartWith(shop.id, [
      { variantId: product.variants[0]!.id, quantity: 1 },
    ]);
    await getDb()
      .update(schema.shops)
      .set({ connectStatus: "restricted" })
      .where(eq(schema.shops.id, shop.id));
    expect(await checkout(shop.id, tokenHash)).toMatchObject({
      ok: false,
      message: "This shop is not accepting orders right now.",
    });
    await getDb()
      .update(schema.shops)
      .set({ connectStatus: "active", suspendedAt: new Date() })
      .where(eq(schema.shops.id, shop.id));
    expect(await checkout(shop.id, tokenHash)).toMatchObject({ ok: false, reason: "closed" });
    expect(await stockOf(product.variants[0]!.id)).toBe(5);
    const orders = await getDb()
      .select()
      .from(schema.orders)
      .where(eq(schema.orders.shopId, shop.id));
    expect(orders).toHaveLength(0);
  });

  it("a double submit makes one session and one reservation; a changed cart closes the old one", async () => {
    const { shop, accountId } = await shopWithAccount();
    const product = await makeProduct(shop.id, { variants: [{ price: 2500, stock: 10 }] });
    const variant = product.variants[0]!;
    const { tokenHash } = await cartWith(shop.id, [{ variantId: variant.id, quantity: 2 }]);

    const [a, b] = await Promise.all([
      checkout(shop.id, tokenHash, "embedded"),
      checkout(shop.id, tokenHash, "embedded"),
    ]);
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    expect(a.sessionId).toBe(b.sessionId);
    expect(a.clientSecret).toBeTruthy();
    expect(await stockOf(variant.id)).toBe(8);
    const again = await checkout(shop.id, tokenHash, "embedded");
    expect(again).toMatchObject({ ok: true, sessionId: a.sessionId, reused: true });
    expect(await stockOf(variant.id)).toBe(8);
    const sessions = await getStripe().checkout.sessions.list({}, { stripeAccount: accountId });
    expect(sessions.data).toHaveLength(1);

    // The cart changes: the old session is expired on Stripe, its stock returned, a new one made.
    await addToCart(shop.id, tokenHash, variant.id, 1);
    const changed = await checkout(shop.id, tokenHash, "embedded");
    expect(changed.ok).toBe(true);
    if (!changed.ok) return;
    expect(changed.sessionId).not.toBe(a.sessionId);
    const old = await getStripe().checkout.sessions.retrieve(
      a.sessionId,
      {},
      { stripeAccount: accountId },
    );
    expect(old.status).toBe("expired");
    expect((await orderById(a.orderId)).status).toBe("expired");
    expect(await stockOf(variant.id)).toBe(7);
  });

  it("a reused reservation that needs a new session gets one expiring at least 30 minutes out", async () => {
    const { shop, accountId } = await shopWithAccount();
    const product = await makeProduct(shop.id, { variants: [{ price: 2000, stock: 5 }] });
    const { tokenHash } = await cartWith(shop.id, [
      { variantId: product.variants[0]!.id, quantity: 1 },
    ]);
    const first = await checkout(shop.id, tokenHash, "hosted");
    if (!first.ok) throw new Error(first.message);
    // The reservation is still reusable (more than 5 minutes left) but holds no session yet,
    // as when its first session could not be attached: a new one must be created.
    const tenMinutes = new Date(Date.now() + 10 * 60 * 1000);
    await getDb()
      .update(schema.orders)
      .set({ checkoutSessionId: null, sessionExpiresAt: tenMinutes })
      .where(eq(schema.orders.id, first.orderId));
    const again = await checkout(shop.id, tokenHash, "hosted");
    if (!again.ok) throw new Error(again.message);
    expect(again).toMatchObject({ orderId: first.orderId, reused: true });
    const session = await getStripe().checkout.sessions.retrieve(
      again.sessionId,
      {},
      { stripeAccount: accountId },
    );
    const now = Math.floor(Date.now() / 1000);
    expect(session.expires_at - now).toBeGreaterThanOrEqual(30 * 60 - 5);
    const order = await orderById(first.orderId);
    expect(Math.floor(order.sessionExpiresAt!.getTime() / 1000)).toBe(session.expires_at);
  });

  it("refuses a cart over Stripe's maximum charge before reserving anything (no overflow)", async () => {
    const { shop } = await shopWithAccount();
    const product = await makeProduct(shop.id, { variants: [{ price: 99_999_999, stock: 50 }] });
    const variant = product.variants[0]!;
    for (const quantity of [2, 22]) {
      const { tokenHash } = await cartWith(shop.id, [{ variantId: variant.id, quantity }]);
      const result = await checkout(shop.id, tokenHash, "hosted");
      expect(result).toMatchObject({ ok: false, reason: "too_large" });
      expect(result.ok ? "" : result.message).toContain("$999,999.99");
    }
    expect(await stockOf(variant.id)).toBe(50);
    const pending = await getDb()
      .select()
      .from(schema.orders)
      .where(eq(schema.orders.shopId, shop.id));
    expect(pending).toHaveLength(0);
  });

  it("a tampered price or quantity in the form changes nothing: the cart comes from the cookie", async () => {
    const { shop, accountId } = await shopWithAccount();
    const product = await makeProduct(shop.id, { variants: [{ price: 4000, stock: 10 }] });
    const { token } = await cartWith(shop.id, [
      { variantId: product.variants[0]!.id, quantity: 1 },
    ]);
    request.cookies.set(CART_COOKIE, token);
    request.cookies.set("bazaar_checkout_mode", "hosted");
    const fd = new FormData();
    fd.set("shop", shop.slug);
    fd.set("price", "1");
    fd.set("unitPrice", "1");
    fd.set("quantity", "50");
    fd.set("total", "1");
    fd.set("variantId", product.variants[0]!.id);
    let url = "";
    try {
      await startCheckoutAction(idleState, fd);
    } catch (error) {
      url = (error as { url?: string }).url ?? "";
    }
    expect(url).toMatch(/\/c\/pay\/cs_/);
    const sessionId = url.split("/c/pay/")[1]!;
    const session = await getStripe().checkout.sessions.retrieve(
      sessionId,
      { expand: ["line_items"] },
      { stripeAccount: accountId },
    );
    expect(session.amount_total).toBe(4000);
    expect(session.line_items?.data[0]?.quantity).toBe(1);
    expect(await stockOf(product.variants[0]!.id)).toBe(9);

    // Without the cookie there is no cart, whatever the form says.
    request.cookies.clear();
    const state = await startCheckoutAction(idleState, fd);
    expect(state).toMatchObject({ status: "error", message: "Your cart is empty." });
  });

  it("a duplicate checkout.session.completed makes one paid order", async () => {
    // Standard-style: the shop pays Stripe's fee itself, so the order records it.
    const { shop, accountId } = await shopWithAccount("standard");
    const product = await makeProduct(shop.id, { variants: [{ price: 3000, stock: 4 }] });
    const variant = product.variants[0]!;
    const { tokenHash } = await cartWith(shop.id, [{ variantId: variant.id, quantity: 2 }]);
    const result = await checkout(shop.id, tokenHash, "hosted");
    if (!result.ok) throw new Error(result.message);
    expect((await pay(result.sessionId)).ok).toBe(true);
    const event = await eventFor("checkout.session.completed", accountId, result.sessionId);

    expect((await deliver(event)).status).toBe(200);
    expect((await deliver(event)).status).toBe(200); // same event id again
    // The same session under another event id (a replay from the dashboard, say).
    const twin = { ...event, id: `${event.id}_twin` };
    expect((await deliver(twin)).status).toBe(200);
    // The inbox tells the first delivery (it paid the order) from the twin (nothing left to do).
    const outcomes = await getDb()
      .select({ id: schema.stripeEvents.id, outcome: schema.stripeEvents.outcome })
      .from(schema.stripeEvents)
      .where(inArray(schema.stripeEvents.id, [event.id, twin.id]));
    expect(Object.fromEntries(outcomes.map((o) => [o.id, o.outcome]))).toEqual({
      [event.id]: "processed",
      [twin.id]: "already_handled",
    });

    const paid = await paidOrdersOfCart(result.orderId);
    expect(paid).toHaveLength(1);
    const order = paid[0]!;
    expect(order).toMatchObject({
      id: result.orderId,
      status: "paid",
      total: 6000,
      applicationFee: 330,
      email: "shopper@example.test",
      customerName: "Sam Shopper",
    });
    expect(order.paymentIntentId).toMatch(/^pi_/);
    expect(order.chargeId).toMatch(/^ch_/);
    // 2.9% + 30 of 60.00, from the charge's balance transaction.
    expect(order.stripeFee).toBe(204);
    expect(order.shippingAddress).toMatchObject({ line1: "1 Harbour Road", country: "US" });
    expect(order.paidAt).toBeInstanceOf(Date);
    expect(notifiedFor(order.id)).toBe(1);
    const events = await getDb()
      .select()
      .from(schema.orderEvents)
      .where(and(eq(schema.orderEvents.orderId, order.id), eq(schema.orderEvents.type, "paid")));
    expect(events).toHaveLength(1);
    // The sale keeps the reservation; the cart is emptied.
    expect(await stockOf(variant.id)).toBe(2);
    const items = await getDb()
      .select()
      .from(schema.cartItems)
      .where(eq(schema.cartItems.cartId, order.cartId!));
    expect(items).toHaveLength(0);
  });

  it("a refund event that overtakes the payment fails, and the replay applies it once the order is paid", async () => {
    const { shop, accountId } = await shopWithAccount("standard");
    const product = await makeProduct(shop.id, { variants: [{ price: 2500, stock: 3 }] });
    const { tokenHash } = await cartWith(shop.id, [
      { variantId: product.variants[0]!.id, quantity: 1 },
    ]);
    const result = await checkout(shop.id, tokenHash, "hosted");
    if (!result.ok) throw new Error(result.message);
    expect((await pay(result.sessionId)).ok).toBe(true);
    const session = await getStripe().checkout.sessions.retrieve(
      result.sessionId,
      {},
      { stripeAccount: accountId },
    );
    const paymentIntent = session.payment_intent as string;
    // A refund made on Stripe's side before Bazaar has processed the payment.
    await getStripe().refunds.create(
      { payment_intent: paymentIntent, amount: 1000 },
      { stripeAccount: accountId },
    );
    const refunded = (
      await getStripe().events.list(
        { type: "charge.refunded", limit: 100 },
        { stripeAccount: accountId },
      )
    ).data.find((e) => (e.data.object as Stripe.Charge).payment_intent === paymentIntent);
    if (!refunded) throw new Error("no charge.refunded event");
    const refundEvent = { ...refunded, account: accountId } as Stripe.Event;

    // Stored at once; the worker's run fails on purpose and the job waits for its retry.
    expect((await deliver(refundEvent)).status).toBe(200);
    const [stored] = await getDb()
      .select()
      .from(schema.stripeEvents)
      .where(eq(schema.stripeEvents.id, refundEvent.id));
    expect(stored).toMatchObject({ outcome: "failed" });
    expect(stored?.error).toMatch(/not recorded as paid yet/);
    expect((await orderById(result.orderId)).status).toBe("pending");

    // The cause goes away (the payment is recorded); the replay applies the refund, once.
    const completed = await eventFor("checkout.session.completed", accountId, result.sessionId);
    expect((await deliver(completed)).status).toBe(200);
    expect((await orderById(result.orderId)).refundedAmount).toBe(0);
    const { processStoredEvent } = await import("@/lib/stripe/webhooks");
    expect(await processStoredEvent(refundEvent.id, { force: true })).toMatchObject({
      outcome: "processed",
    });
    await processStoredEvent(refundEvent.id, { force: true });
    const order = await orderById(result.orderId);
    expect(order).toMatchObject({ status: "paid", refundedAmount: 1000 });
    const rows = await getDb()
      .select()
      .from(schema.orderRefunds)
      .where(eq(schema.orderRefunds.orderId, order.id));
    expect(rows).toHaveLength(1);
  });

  it("ignores a completed event from another connected account", async () => {
    const { shop, accountId } = await shopWithAccount();
    const other = await shopWithAccount();
    const product = await makeProduct(shop.id, { variants: [{ price: 3000, stock: 4 }] });
    const { tokenHash } = await cartWith(shop.id, [
      { variantId: product.variants[0]!.id, quantity: 1 },
    ]);
    const result = await checkout(shop.id, tokenHash, "hosted");
    if (!result.ok) throw new Error(result.message);
    await pay(result.sessionId);
    const event = await eventFor("checkout.session.completed", accountId, result.sessionId);
    const forged = { ...event, id: `${event.id}_forged`, account: other.accountId };
    expect((await deliver(forged)).status).toBe(200);
    expect((await orderById(result.orderId)).status).toBe("pending");
    expect(notifiedFor(result.orderId)).toBe(0);
  });

  it("the return page says 'confirming' while a completed session's payment is not confirmed, then shows the order", async () => {
    const { shop } = await shopWithAccount();
    const product = await makeProduct(shop.id, { variants: [{ price: 1800, stock: 2 }] });
    const { tokenHash } = await cartWith(shop.id, [
      { variantId: product.variants[0]!.id, quantity: 1 },
    ]);
    const result = await checkout(shop.id, tokenHash, "embedded");
    if (!result.ok) throw new Error(result.message);
    await pay(result.sessionId);

    // Stripe reports the session complete with the payment still processing (as for an
    // asynchronous payment method, which the emulator does not settle that way by itself).
    const sessions = getStripe().checkout.sessions;
    const realRetrieve = sessions.retrieve.bind(sessions);
    const spy = vi.spyOn(sessions, "retrieve").mockImplementation((async (
      ...args: Parameters<typeof realRetrieve>
    ) => ({
      ...(await realRetrieve(...args)),
      payment_status: "unpaid",
    })) as never);
    try {
      const waiting = await checkoutReturnState(shop.id, result.sessionId);
      expect(waiting.state).toBe("confirming");
      expect((await orderById(result.orderId)).status).toBe("pending");
    } finally {
      spy.mockRestore();
    }
    // Once Stripe confirms the payment, the same page finalises and shows the order.
    const done = await checkoutReturnState(shop.id, result.sessionId);
    expect(done.state).toBe("paid");
    expect((await orderById(result.orderId)).status).toBe("paid");
  });

  it("the webhook and the return page racing make one paid order", async () => {
    const { shop, accountId } = await shopWithAccount();
    const product = await makeProduct(shop.id, { variants: [{ price: 1500, stock: 3 }] });
    const { tokenHash } = await cartWith(shop.id, [
      { variantId: product.variants[0]!.id, quantity: 1 },
    ]);
    const result = await checkout(shop.id, tokenHash, "embedded");
    if (!result.ok) throw new Error(result.message);

    // Before payment the return page says so and changes nothing.
    expect((await checkoutReturnState(shop.id, result.sessionId)).state).toBe("open");
    // Another shop's return page does not see this session.
    const other = await shopWithAccount();
    expect((await checkoutReturnState(other.shop.id, result.sessionId)).state).toBe("not_found");

    await pay(result.sessionId);
    const event = await eventFor("checkout.session.completed", accountId, result.sessionId);
    const [response, page1, page2] = await Promise.all([
      deliver(event),
      checkoutReturnState(shop.id, result.sessionId),
      checkoutReturnState(shop.id, result.sessionId),
    ]);
    expect(response.status).toBe(200);
    expect(page1.state).toBe("paid");
    expect(page2.state).toBe("paid");
    expect(await paidOrdersOfCart(result.orderId)).toHaveLength(1);
    expect(notifiedFor(result.orderId)).toBe(1);
    const paidEvents = await getDb()
      .select()
      .from(schema.orderEvents)
      .where(
        and(eq(schema.orderEvents.orderId, result.orderId), eq(schema.orderEvents.type, "paid")),
      );
    expect(paidEvents).toHaveLength(1);
    expect(await stockOf(product.variants[0]!.id)).toBe(2);
  });

  it("an expired session gives the stock back exactly once", async () => {
    const { shop, accountId } = await shopWithAccount();
    const product = await makeProduct(shop.id, { variants: [{ price: 2000, stock: 5 }] });
    const variant = product.variants[0]!;
    const { tokenHash } = await cartWith(shop.id, [{ variantId: variant.id, quantity: 3 }]);
    const result = await checkout(shop.id, tokenHash, "hosted");
    if (!result.ok) throw new Error(result.message);
    expect(await stockOf(variant.id)).toBe(2);

    await getStripe().checkout.sessions.expire(result.sessionId, undefined, {
      stripeAccount: accountId,
    });
    const event = await eventFor("checkout.session.expired", accountId, result.sessionId);
    expect((await deliver(event)).status).toBe(200);
    expect(await stockOf(variant.id)).toBe(5);
    expect((await orderById(result.orderId)).status).toBe("expired");
    // Again, and under another event id: nothing more comes back.
    await deliver(event);
    await deliver({ ...event, id: `${event.id}_again` });
    expect(await stockOf(variant.id)).toBe(5);
    expect((await checkoutReturnState(shop.id, result.sessionId)).state).toBe("expired");
  });

  it("suspending a shop expires its open sessions and releases their stock", async () => {
    const { shop, accountId } = await shopWithAccount();
    const product = await makeProduct(shop.id, { variants: [{ price: 2000, stock: 5 }] });
    const variant = product.variants[0]!;
    const one = await cartWith(shop.id, [{ variantId: variant.id, quantity: 1 }]);
    const two = await cartWith(shop.id, [{ variantId: variant.id, quantity: 2 }]);
    const a = await checkout(shop.id, one.tokenHash, "hosted");
    const b = await checkout(shop.id, two.tokenHash, "embedded");
    if (!a.ok || !b.ok) throw new Error("checkout failed");
    expect(await stockOf(variant.id)).toBe(2);

    const admin = await makeUser({ role: "admin" });
    expect(await suspendShop({ id: admin.id, email: admin.email }, shop.id, "Fraud review")).toBe(
      true,
    );
    expect(await expireOpenCheckouts(shop.id)).toEqual({ released: 2, failed: [] });
    expect(await stockOf(variant.id)).toBe(5);
    for (const id of [a.sessionId, b.sessionId]) {
      const s = await getStripe().checkout.sessions.retrieve(id, {}, { stripeAccount: accountId });
      expect(s.status).toBe("expired");
    }
    expect(await checkout(shop.id, one.tokenHash)).toMatchObject({ ok: false, reason: "closed" });
  });

  it("cancelling from checkout returns the stock; a failed Stripe call reserves nothing", async () => {
    const { shop } = await shopWithAccount();
    // Below Stripe's minimum charge: the session is refused and the reservation undone.
    const cheap = await makeProduct(shop.id, { variants: [{ price: 10, stock: 5 }] });
    const { tokenHash } = await cartWith(shop.id, [
      { variantId: cheap.variants[0]!.id, quantity: 1 },
    ]);
    const result = await checkout(shop.id, tokenHash, "hosted");
    expect(result).toMatchObject({ ok: false, reason: "stripe" });
    if (result.ok) return;
    expect(result.message).toMatch(/below the minimum/);
    expect(await stockOf(cheap.variants[0]!.id)).toBe(5);
    const orders = await getDb()
      .select()
      .from(schema.orders)
      .where(eq(schema.orders.shopId, shop.id));
    expect(orders.map((o) => o.status)).toEqual(["expired"]);
  });

  it("the cancel link closes this browser's checkout only, then returns to the cart", async () => {
    const { shop, accountId } = await shopWithAccount();
    const product = await makeProduct(shop.id, { variants: [{ price: 2000, stock: 5 }] });
    const variant = product.variants[0]!;
    const { token, tokenHash } = await cartWith(shop.id, [{ variantId: variant.id, quantity: 2 }]);
    const result = await checkout(shop.id, tokenHash, "hosted");
    if (!result.ok) throw new Error(result.message);
    const cancel = (orderId: string) =>
      cancelRoute(new NextRequest(`${ORIGIN}/s/${shop.slug}/checkout/cancel?order=${orderId}`), {
        params: Promise.resolve({ shop: shop.slug }),
      });

    // Someone else's browser (another cart cookie) cannot cancel it.
    request.cookies.set(CART_COOKIE, newCartToken().token);
    let response = await cancel(result.orderId);
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`${ORIGIN}/s/${shop.slug}/cart`);
    expect((await orderById(result.orderId)).status).toBe("pending");
    expect(await stockOf(variant.id)).toBe(3);

    request.cookies.set(CART_COOKIE, token);
    response = await cancel(result.orderId);
    expect(response.headers.get("location")).toBe(`${ORIGIN}/s/${shop.slug}/cart`);
    expect((await orderById(result.orderId)).status).toBe("expired");
    expect(await stockOf(variant.id)).toBe(5);
    const session = await getStripe().checkout.sessions.retrieve(
      result.sessionId,
      {},
      { stripeAccount: accountId },
    );
    expect(session.status).toBe("expired");
    // The cart is intact, and checking out again opens a new session.
    const again = await checkout(shop.id, tokenHash, "hosted");
    expect(again).toMatchObject({ ok: true, reused: false });
  });

  it("follows the platform's checkout mode; an overdue checkout is released when the cart is next used", async () => {
    const { shop, accountId } = await shopWithAccount();
    const product = await makeProduct(shop.id, { variants: [{ price: 2000, stock: 5 }] });
    const variant = product.variants[0]!;
    const { tokenHash } = await cartWith(shop.id, [{ variantId: variant.id, quantity: 1 }]);
    const embedded = await checkout(shop.id, tokenHash);
    expect(embedded).toMatchObject({ ok: true, mode: "embedded", url: null });

    await getDb().update(schema.platformSettings).set({ checkoutMode: "hosted" });
    try {
      // The open embedded checkout no longer matches the mode: it is closed and a hosted one made.
      const hosted = await checkout(shop.id, tokenHash);
      expect(hosted).toMatchObject({ ok: true, mode: "hosted", clientSecret: null });
      if (!hosted.ok || !embedded.ok) return;
      expect((await orderById(embedded.orderId)).status).toBe("expired");
      expect(await stockOf(variant.id)).toBe(4);

      // Its time runs out without a webhook: the next use of the cart gives the stock back.
      await getDb()
        .update(schema.orders)
        .set({ sessionExpiresAt: new Date(Date.now() - 1000) })
        .where(eq(schema.orders.id, hosted.orderId));
      const order = await orderById(hosted.orderId);
      expect(await releaseOverdueCheckouts(order.cartId!)).toBe(1);
      expect((await orderById(hosted.orderId)).status).toBe("expired");
      expect(await stockOf(variant.id)).toBe(5);
      const session = await getStripe().checkout.sessions.retrieve(
        hosted.sessionId,
        {},
        { stripeAccount: accountId },
      );
      expect(session.status).toBe("expired");
    } finally {
      await getDb().update(schema.platformSettings).set({ checkoutMode: "embedded" });
    }
  });

  it("20 simultaneous checkouts for 5 in stock: exactly 5 reservations, 15 sold out", async () => {
    const { shop } = await shopWithAccount();
    const product = await makeProduct(shop.id, {
      name: "Limited Print",
      variants: [{ price: 5000, stock: 5 }],
    });
    const variant = product.variants[0]!;
    const carts = [];
    for (let i = 0; i < 20; i++) {
      carts.push(await cartWith(shop.id, [{ variantId: variant.id, quantity: 1 }]));
    }
    const results = await Promise.all(carts.map((c) => checkout(shop.id, c.tokenHash, "hosted")));
    const ok = results.filter((r) => r.ok);
    const soldOut = results.filter((r) => !r.ok && r.reason === "sold_out");
    expect(ok).toHaveLength(5);
    expect(soldOut).toHaveLength(15);
    for (const r of soldOut) {
      if (!r.ok)
        expect(r.message).toBe(
          "Sorry, Limited Print just sold out. Remove it from your cart to continue.",
        );
    }
    expect(await stockOf(variant.id)).toBe(0);
    const pending = await getDb()
      .select()
      .from(schema.orders)
      .where(and(eq(schema.orders.shopId, shop.id), eq(schema.orders.status, "pending")));
    expect(pending).toHaveLength(5);
    const reserved = await getDb()
      .select()
      .from(schema.orderItems)
      .where(eq(schema.orderItems.variantId, variant.id));
    expect(reserved.reduce((n, i) => n + i.reservedStock, 0)).toBe(5);
    expect(new Set(ok.map((r) => (r.ok ? r.sessionId : ""))).size).toBe(5);
  });
});
