// closePendingCheckout against the emulator, which answers like Stripe: expiring a session that
// is no longer open is a StripeInvalidRequestError with no code, so the app must re-read the
// session and act on its status (expired → release, paid → finalise) instead of throwing.
// Runs on PGlite by default and on PostgreSQL with DATABASE_URL set.
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it, vi } from "vitest";
import { startEmulator } from "@/emulator/server";
import { makeProduct, makeShop, makeUser } from "@/lib/testing/factories";

const emulator = await startEmulator({ port: 0, webhookRetry: { delaysMs: [], timeoutMs: 1000 } });
process.env.STRIPE_EMULATOR_URL = emulator.url;
afterAll(() => emulator.close());

vi.mock("@/lib/orders/notifications", () => ({ notifyOrderPaid: async () => undefined }));

const { getDb } = await import("@/db/client");
const schema = await import("@/db/schema");
const { addToCart } = await import("@/db/queries/carts");
const { ensureDemoAccount } = await import("@/lib/stripe/demo-accounts");
const { getStripe } = await import("@/lib/stripe/client");
const { hashCartToken } = await import("@/lib/storefront/cart-cookie");
const { beginCheckout } = await import("./checkout");
const { closePendingCheckout } = await import("./finalise");

async function pendingCheckout(stock = 5, quantity = 2) {
  const user = await makeUser();
  const shop = await makeShop(user.id);
  const account = await ensureDemoAccount(
    { id: shop.id, slug: shop.slug, name: "Close Test Shop", country: "US" },
    "express",
    `owner-${shop.slug}@example.test`,
  );
  if (account.status !== "created") throw new Error(`no account: ${JSON.stringify(account)}`);
  const product = await makeProduct(shop.id, { variants: [{ price: 2500, stock }] });
  const variant = product.variants[0]!;
  const tokenHash = hashCartToken(randomBytes(32).toString("base64url"));
  const added = await addToCart(shop.id, tokenHash, variant.id, quantity);
  if (!added.ok) throw new Error(added.reason);
  const result = await beginCheckout({
    shop: { id: shop.id },
    tokenHash,
    origin: "http://localhost:3000",
    modeOverride: "hosted",
    from: "request",
  });
  if (!result.ok) throw new Error(result.message);
  return { accountId: account.accountId, variantId: variant.id, ...result };
}

async function orderById(id: string) {
  const [row] = await getDb().select().from(schema.orders).where(eq(schema.orders.id, id));
  if (!row) throw new Error("order missing");
  return row;
}

async function stockOf(variantId: string) {
  const [row] = await getDb()
    .select({ stock: schema.productVariants.stock })
    .from(schema.productVariants)
    .where(eq(schema.productVariants.id, variantId));
  return row?.stock;
}

describe("closePendingCheckout when Stripe refuses to expire the session", () => {
  it("a session already expired on Stripe: the reservation is released", async () => {
    const c = await pendingCheckout(5, 2);
    expect(await stockOf(c.variantId)).toBe(3);
    // Expired on Stripe's side (by the merchant, or another instance) before our webhook arrived.
    await getStripe().checkout.sessions.expire(c.sessionId, undefined, {
      stripeAccount: c.accountId,
    });
    const order = await orderById(c.orderId);
    expect(order.status).toBe("pending");

    expect(await closePendingCheckout(order, "cancelled")).toBe("released");
    expect((await orderById(c.orderId)).status).toBe("expired");
    expect(await stockOf(c.variantId)).toBe(5);
  });

  it("a session the shopper already paid: the order is finalised, the stock stays sold", async () => {
    const c = await pendingCheckout(5, 2);
    const paid = await fetch(`${emulator.url}/_emulator/checkout/sessions/${c.sessionId}/pay`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ card: "4242424242424242", email: "shopper@example.test" }),
    });
    expect(paid.status).toBe(200);
    const order = await orderById(c.orderId);
    expect(order.status).toBe("pending");

    expect(await closePendingCheckout(order, "overdue")).toBe("paid");
    expect((await orderById(c.orderId)).status).toBe("paid");
    expect(await stockOf(c.variantId)).toBe(3);
  });

  it("an open session is expired and released as before", async () => {
    const c = await pendingCheckout(4, 1);
    expect(await closePendingCheckout(await orderById(c.orderId), "cart_changed")).toBe("released");
    const session = await getStripe().checkout.sessions.retrieve(c.sessionId, undefined, {
      stripeAccount: c.accountId,
    });
    expect(session.status).toBe("expired");
    expect(await stockOf(c.variantId)).toBe(4);
  });
});
