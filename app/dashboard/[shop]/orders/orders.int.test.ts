// Orders against the real emulator (started in-process): refunds, fulfilment, webhooks, e-mail,
// tenancy. Every order is made by createPaidOrder: a real Checkout Session paid with 4242.
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type Stripe from "stripe";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { startEmulator } from "@/emulator/server";
import type { SessionUser } from "@/db/queries/users";
import { idleState } from "@/lib/actions";
import { makeMember, makeProduct, makeShop, makeUser } from "@/lib/testing/factories";
import { NO_SUCH_SHOP } from "@/lib/action-pipeline";
import { session } from "@/lib/testing/session";

const emulator = await startEmulator({ port: 0, webhookRetry: { delaysMs: [], timeoutMs: 1000 } });
process.env.STRIPE_EMULATOR_URL = emulator.url;
afterAll(() => emulator.close());

vi.mock("next/cache", () => ({ refresh: vi.fn(), updateTag: vi.fn(), revalidateTag: vi.fn() }));

const { fulfilOrderAction, refundOrderAction } = await import("./actions");
const { GET: exportCsv } = await import("./export/route");
const { POST: connectRoute } = await import("@/app/api/stripe/connect-webhook/route");
const { deliverAndRun, runJobs } = await import("@/lib/testing/jobs");
/** A delivery, then the worker's run (the route only stores the event and enqueues its job). */
const connectWebhook = (r: Request) => deliverAndRun(connectRoute, r);
const { getDb } = await import("@/db/client");
const schema = await import("@/db/schema");
const { createPaidOrder } = await import("@/lib/testing/orders");
const { ensureDemoAccount } = await import("@/lib/stripe/demo-accounts");
const { getStripe } = await import("@/lib/stripe/client");
const { getOrderForShop, listOrdersForShop } = await import("@/db/queries/orders");
const { notifyOrderPaid } = await import("@/lib/orders/notifications");
const { queueEmail } = await import("@/lib/email/outbox");
const { handleChargeRefunded } = await import("@/lib/stripe/webhooks/charge.refunded");
const { verifyOrderToken } = await import("@/lib/orders/links");
const { authSecret } = await import("@/lib/auth/secret");

const db = () => getDb();
const stripe = () => getStripe();

function form(values: Record<string, string>) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(values)) fd.set(k, v);
  return fd;
}

async function merchant(kind: "express" | "standard" = "express") {
  const user = await makeUser();
  const shop = await makeShop(user.id);
  const result = await ensureDemoAccount(
    { id: shop.id, slug: shop.slug, name: shop.name, country: "US" },
    kind,
    user.email,
  );
  if (result.status === "skipped") throw new Error(`no account: ${result.reason}`);
  const product = await makeProduct(shop.id, {
    name: "Kochere",
    variants: [{ price: 1800, stock: 10 }],
  });
  const untracked = await makeProduct(shop.id, {
    name: "Gift card",
    trackStock: false,
    variants: [{ price: 2500, stock: 0 }],
  });
  const sessionUser = {
    id: user.id,
    email: user.email,
    name: user.name,
    role: "merchant",
  } as SessionUser;
  return {
    user: sessionUser,
    shop,
    variant: product.variants[0]!,
    untracked: untracked.variants[0]!,
  };
}

async function setPolicy(policy: "pro_rata" | "keep") {
  await db().update(schema.platformSettings).set({ feeRefundPolicy: policy });
}

async function reload(orderId: string) {
  const [o] = await db().select().from(schema.orders).where(eq(schema.orders.id, orderId));
  return o!;
}

async function stock(variantId: string) {
  const [v] = await db()
    .select({ stock: schema.productVariants.stock })
    .from(schema.productVariants)
    .where(eq(schema.productVariants.id, variantId));
  return v!.stock;
}

async function appFee(chargeId: string) {
  const fees = await stripe().applicationFees.list({ charge: chargeId });
  return fees.data[0]!;
}

function refundForm(
  shop: string,
  orderId: string,
  amount: string,
  extra: Record<string, string> = {},
) {
  return form({ shop, orderId, amount, reason: "", requestId: randomUUID(), ...extra });
}

function signed(event: unknown) {
  const payload = JSON.stringify(event);
  const header = getStripe().webhooks.generateTestHeaderString({
    payload,
    secret: "whsec_emulator_connect",
  });
  return new Request("http://localhost/api/stripe/connect-webhook", {
    method: "POST",
    headers: { "content-type": "application/json", "stripe-signature": header },
    body: payload,
  });
}

async function latestEvent(type: string, account: string, chargeId: string) {
  const events = await stripe().events.list({ type, limit: 20 }, { stripeAccount: account });
  const match = events.data.find((e) => {
    const obj = e.data.object as { id?: string; charge?: string };
    return obj.id === chargeId || obj.charge === chargeId;
  });
  if (!match) throw new Error(`no ${type} event for ${chargeId}`);
  return match;
}

beforeEach(async () => {
  session.user = null;
  await setPolicy("pro_rata");
});

describe("createPaidOrder (test factory)", () => {
  it("records a paid order that matches the emulator's charge and takes stock", async () => {
    const m = await merchant();
    const { order, charge } = await createPaidOrder({
      shopId: m.shop.id,
      lines: [{ variantId: m.variant.id, quantity: 2 }],
      email: "ana@example.com",
    });
    expect(order).toMatchObject({
      status: "paid",
      total: 3600,
      subtotal: 3600,
      email: "ana@example.com",
    });
    // 5% + 30 of 36.00
    expect(order.applicationFee).toBe(210);
    const remote = await stripe().charges.retrieve(
      order.chargeId!,
      {},
      { stripeAccount: order.stripeAccountId },
    );
    expect(remote.amount).toBe(3600);
    expect(charge.application_fee_amount).toBe(210);
    // Stripe's fee as the connected account's balance transaction shows it (an Express account's
    // fees are paid by the platform, so it can be 0): the transaction's fee minus the platform's.
    const txn = await stripe().balanceTransactions.retrieve(
      remote.balance_transaction as string,
      {},
      { stripeAccount: order.stripeAccountId },
    );
    expect(order.stripeFee).toBe(txn.fee - 210);
    expect(txn.net).toBe(3600 - 210 - order.stripeFee!);
    // The platform paid Stripe's fee (2.9% + 30 of 36.00): it is on the platform's balance.
    expect(order.stripeFee).toBe(0);
    expect(order.platformStripeFee).toBe(Math.round(3600 * 0.029) + 30);
    const platformFees = await stripe().balanceTransactions.list({
      source: order.chargeId!,
      type: "stripe_fee",
    });
    expect(platformFees.data.map((t) => -t.amount)).toEqual([order.platformStripeFee]);
    expect(await stock(m.variant.id)).toBe(8);
  });
});

describe("createPaidOrder on a Standard account", () => {
  it("records the Stripe fee the account pays itself", async () => {
    const m = await merchant("standard");
    const { order } = await createPaidOrder({
      shopId: m.shop.id,
      lines: [{ variantId: m.variant.id, quantity: 1 }],
    });
    const charge = await stripe().charges.retrieve(
      order.chargeId!,
      { expand: ["balance_transaction"] },
      { stripeAccount: order.stripeAccountId },
    );
    const txn = charge.balance_transaction as Stripe.BalanceTransaction;
    const stripeFee = txn.fee_details.filter((d) => d.type === "stripe_fee");
    expect(stripeFee.length).toBe(1);
    expect(order.stripeFee).toBe(stripeFee[0]!.amount);
    expect(order.stripeFee).toBeGreaterThan(0);
    expect(txn.net).toBe(order.total - order.applicationFee - order.stripeFee!);
  });
});

describe("refunds", () => {
  it("refunds part of an order, returns the fee pro rata, restocks and audits", async () => {
    const m = await merchant();
    const { order } = await createPaidOrder({
      shopId: m.shop.id,
      lines: [{ variantId: m.variant.id, quantity: 2 }],
    });
    const [item] = (await getOrderForShop(m.shop.id, order.id))!.items;
    session.user = m.user;
    const state = await refundOrderAction(
      idleState,
      refundForm(m.shop.slug, order.id, "18.00", { [`restock_${item!.id}`]: "1" }),
    );
    expect(state).toMatchObject({ status: "success" });
    const after = await reload(order.id);
    expect(after.refundedAmount).toBe(1800);
    expect(after.applicationFeeRefunded).toBe(105); // half of 210
    expect(await stock(m.variant.id)).toBe(9);
    const fee = await appFee(order.chargeId!);
    expect(fee.amount_refunded).toBe(105);
    const remote = await stripe().charges.retrieve(
      order.chargeId!,
      {},
      { stripeAccount: order.stripeAccountId },
    );
    expect(remote.amount_refunded).toBe(1800);
    const refunds = await db()
      .select()
      .from(schema.orderRefunds)
      .where(eq(schema.orderRefunds.orderId, order.id));
    expect(refunds).toHaveLength(1);
    expect(refunds[0]).toMatchObject({
      status: "succeeded",
      amount: 1800,
      restockedUnits: 1,
      createdBy: m.user.id,
    });
    const audit = await db()
      .select()
      .from(schema.auditLog)
      .where(
        and(eq(schema.auditLog.action, "order.refund"), eq(schema.auditLog.targetId, order.id)),
      );
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actorEmail).toBe(m.user.email);

    // Restocking more than what is left of the line is refused, and nothing changes.
    const tooMany = await refundOrderAction(
      idleState,
      refundForm(m.shop.slug, order.id, "1.00", { [`restock_${item!.id}`]: "2" }),
    );
    expect(tooMany.status).toBe("error");
    expect(tooMany.fieldErrors?.[`restock_${item!.id}`]).toMatch(/at most 1/i);
    expect((await reload(order.id)).refundedAmount).toBe(1800);

    // The rest, with "restock all": full refund, all fee returned, the last unit back.
    const rest = await refundOrderAction(
      idleState,
      refundForm(m.shop.slug, order.id, "18.00", { restockAll: "on" }),
    );
    expect(rest).toMatchObject({ status: "success" });
    const full = await reload(order.id);
    expect(full.refundedAmount).toBe(3600);
    expect(full.applicationFeeRefunded).toBe(210);
    expect((await appFee(order.chargeId!)).amount_refunded).toBe(210);
    expect(await stock(m.variant.id)).toBe(10);
  });

  it("staff refund up to the shop's limit per order (all refunds count); owners refund the rest", async () => {
    const m = await merchant();
    const staff = await makeMember(m.shop.id, "staff");
    const { order } = await createPaidOrder({
      shopId: m.shop.id,
      lines: [{ variantId: m.variant.id, quantity: 3 }],
    });
    // The default limit is 50.00; the order is 54.00.
    session.user = staff;
    const first = await refundOrderAction(idleState, refundForm(m.shop.slug, order.id, "30"));
    expect(first).toMatchObject({ status: "success" });
    const second = await refundOrderAction(idleState, refundForm(m.shop.slug, order.id, "20.01"));
    expect(second).toMatchObject({
      status: "error",
      code: "forbidden",
      message: expect.stringContaining("up to $50.00"),
    });
    expect((await reload(order.id)).refundedAmount).toBe(3000);
    expect(
      await refundOrderAction(idleState, refundForm(m.shop.slug, order.id, "20")),
    ).toMatchObject({ status: "success" });
    session.user = m.user;
    expect(
      await refundOrderAction(idleState, refundForm(m.shop.slug, order.id, "4")),
    ).toMatchObject({ status: "success" });
    expect((await reload(order.id)).refundedAmount).toBe(5400);
  });

  it("refuses an over-refund and bad amounts without calling Stripe", async () => {
    const m = await merchant();
    const { order } = await createPaidOrder({
      shopId: m.shop.id,
      lines: [{ variantId: m.variant.id, quantity: 1 }],
    });
    session.user = m.user;
    for (const [amount, pattern] of [
      ["18.01", /more than what remains/],
      ["0", /greater than zero/],
      ["abc", /Enter a number/],
      ["1.234", /decimal/],
    ] as const) {
      const state = await refundOrderAction(idleState, refundForm(m.shop.slug, order.id, amount));
      expect(state.status).toBe("error");
      expect(state.fieldErrors?.amount).toMatch(pattern);
    }
    expect((await reload(order.id)).refundedAmount).toBe(0);
    const remote = await stripe().charges.retrieve(
      order.chargeId!,
      {},
      { stripeAccount: order.stripeAccountId },
    );
    expect(remote.amount_refunded).toBe(0);
    expect(
      await db()
        .select()
        .from(schema.orderRefunds)
        .where(eq(schema.orderRefunds.orderId, order.id)),
    ).toHaveLength(0);
  });

  it("keeps the application fee when the platform's policy is keep; untracked items cannot be restocked", async () => {
    const m = await merchant();
    await setPolicy("keep");
    const { order } = await createPaidOrder({
      shopId: m.shop.id,
      lines: [{ variantId: m.untracked.id, quantity: 1 }],
    });
    const [item] = (await getOrderForShop(m.shop.id, order.id))!.items;
    session.user = m.user;
    const refused = await refundOrderAction(
      idleState,
      refundForm(m.shop.slug, order.id, "25.00", { [`restock_${item!.id}`]: "1" }),
    );
    expect(refused.fieldErrors?.[`restock_${item!.id}`]).toMatch(/not tracked/);
    const ok = await refundOrderAction(idleState, refundForm(m.shop.slug, order.id, "25.00"));
    expect(ok.status).toBe("success");
    const after = await reload(order.id);
    expect(after).toMatchObject({ refundedAmount: 2500, applicationFeeRefunded: 0 });
    expect((await appFee(order.chargeId!)).amount_refunded).toBe(0);
  });

  it("two refunds at once never exceed the total", async () => {
    const m = await merchant();
    const { order } = await createPaidOrder({
      shopId: m.shop.id,
      lines: [{ variantId: m.variant.id, quantity: 2 }],
    });
    session.user = m.user;
    const results = await Promise.all([
      refundOrderAction(idleState, refundForm(m.shop.slug, order.id, "25.00")),
      refundOrderAction(idleState, refundForm(m.shop.slug, order.id, "25.00")),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(["error", "success"]);
    const after = await reload(order.id);
    expect(after.refundedAmount).toBe(2500);
    const remote = await stripe().charges.retrieve(
      order.chargeId!,
      {},
      { stripeAccount: order.stripeAccountId },
    );
    expect(remote.amount_refunded).toBe(2500);
  });

  it("shows Stripe's refusal and records nothing as succeeded", async () => {
    const m = await merchant();
    const { order } = await createPaidOrder({
      shopId: m.shop.id,
      lines: [{ variantId: m.variant.id, quantity: 1 }],
    });
    // The merchant disconnected on Stripe's side: Stripe refuses calls on the account.
    const off = await fetch(
      `${emulator.url}/_emulator/accounts/${order.stripeAccountId}/deauthorize`,
      { method: "POST" },
    );
    expect(off.ok).toBe(true);
    session.user = m.user;
    const state = await refundOrderAction(idleState, refundForm(m.shop.slug, order.id, "5.00"));
    expect(state.status).toBe("error");
    expect(state.message).toMatch(/^Stripe refused the refund: /);
    const after = await reload(order.id);
    expect(after).toMatchObject({ refundedAmount: 0, applicationFeeRefunded: 0 });
    const rows = await db()
      .select()
      .from(schema.orderRefunds)
      .where(eq(schema.orderRefunds.orderId, order.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: "failed", stripeRefundId: null });
    expect(rows[0]!.failureMessage).toBeTruthy();
    // A failed attempt does not hold the amount: what remains is still the whole order.
    const detail = (await getOrderForShop(m.shop.id, order.id))!;
    expect(detail.events.some((e) => e.type === "refund_failed")).toBe(true);
  });

  it("the same form submitted twice refunds once", async () => {
    const m = await merchant();
    const { order } = await createPaidOrder({
      shopId: m.shop.id,
      lines: [{ variantId: m.variant.id, quantity: 2 }],
    });
    session.user = m.user;
    const fd = refundForm(m.shop.slug, order.id, "5.00");
    const first = await refundOrderAction(idleState, fd);
    const second = await refundOrderAction(idleState, fd);
    expect(first.status).toBe("success");
    expect(second).toMatchObject({
      status: "error",
      message: "This refund was already submitted.",
    });
    expect((await reload(order.id)).refundedAmount).toBe(500);
  });
});

describe("charge.refunded and charge.dispute.created", () => {
  it("does not double count a Bazaar refund and records an outside refund once", async () => {
    const m = await merchant();
    const { order } = await createPaidOrder({
      shopId: m.shop.id,
      lines: [{ variantId: m.variant.id, quantity: 2 }],
    });
    session.user = m.user;
    expect(
      (await refundOrderAction(idleState, refundForm(m.shop.slug, order.id, "10.00"))).status,
    ).toBe("success");
    const ours = await latestEvent("charge.refunded", order.stripeAccountId, order.chargeId!);
    expect((await connectWebhook(signed(ours))).status).toBe(200);
    expect(await handleChargeRefunded(ours)).toBe("ignored");
    expect((await reload(order.id)).refundedAmount).toBe(1000);

    // A refund made in the Stripe Dashboard (no Bazaar metadata).
    await stripe().refunds.create(
      { charge: order.chargeId!, amount: 600, refund_application_fee: true },
      { stripeAccount: order.stripeAccountId },
    );
    const events = await stripe().events.list(
      { type: "charge.refunded", limit: 5 },
      { stripeAccount: order.stripeAccountId },
    );
    const outside = events.data.find(
      (e) => (e.data.object as Stripe.Charge).amount_refunded === 1600,
    )!;
    const first = await connectWebhook(signed(outside));
    expect(first.status).toBe(200);
    const again = await connectWebhook(signed(outside));
    expect(await again.json()).toMatchObject({ duplicate: true });
    expect(await handleChargeRefunded(outside)).toBe("ignored"); // the handler itself is idempotent
    const after = await reload(order.id);
    expect(after.refundedAmount).toBe(1600);
    expect(after.applicationFeeRefunded).toBe((await appFee(order.chargeId!)).amount_refunded);
    const rows = await db()
      .select()
      .from(schema.orderRefunds)
      .where(eq(schema.orderRefunds.orderId, order.id));
    expect(rows).toHaveLength(2);
    expect(rows.find((r) => r.createdBy === null)).toMatchObject({
      amount: 600,
      status: "succeeded",
    });
  });

  it("a dispute flags the order and its timeline, once", async () => {
    const m = await merchant();
    const { order } = await createPaidOrder({
      shopId: m.shop.id,
      lines: [{ variantId: m.variant.id, quantity: 1 }],
    });
    const response = await fetch(`${emulator.url}/_emulator/charges/${order.chargeId}/dispute`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "reason=product_not_received",
    });
    expect(response.ok).toBe(true);
    const event = await latestEvent(
      "charge.dispute.created",
      order.stripeAccountId,
      order.chargeId!,
    );
    expect((await connectWebhook(signed(event))).status).toBe(200);
    const after = await reload(order.id);
    expect(after.disputeId).toMatch(/^du_/);
    expect(after).toMatchObject({ disputeReason: "product_not_received" });
    const { items } = await listOrdersForShop(m.shop.id, {
      filter: "disputed",
      search: "",
      page: 1,
      perPage: 10,
    });
    expect(items.map((i) => i.id)).toEqual([order.id]);
    const detail = (await getOrderForShop(m.shop.id, order.id))!;
    expect(detail.events.filter((e) => e.type === "disputed")).toHaveLength(1);
  });
});

describe("fulfilment and e-mail", () => {
  it("validates the tracking number, fulfils once and queues the shipping notice", async () => {
    const m = await merchant();
    const { order } = await createPaidOrder({
      shopId: m.shop.id,
      lines: [{ variantId: m.variant.id, quantity: 1 }],
      email: "bo@example.com",
    });
    session.user = m.user;
    const bad = await fulfilOrderAction(
      idleState,
      form({ shop: m.shop.slug, orderId: order.id, carrier: "UPS", trackingNumber: "1Z<script>" }),
    );
    expect(bad.fieldErrors?.trackingNumber).toMatch(/letters, digits/);
    const noCarrier = await fulfilOrderAction(
      idleState,
      form({ shop: m.shop.slug, orderId: order.id, carrier: "Pigeon", trackingNumber: "1Z999" }),
    );
    expect(noCarrier.fieldErrors?.carrier).toBeTruthy();
    expect((await reload(order.id)).fulfillmentStatus).toBe("unfulfilled");

    const ok = await fulfilOrderAction(
      idleState,
      form({
        shop: m.shop.slug,
        orderId: order.id,
        carrier: "UPS",
        trackingNumber: " 1z 999 aa1 ",
      }),
    );
    expect(ok.status).toBe("success");
    expect(await reload(order.id)).toMatchObject({
      fulfillmentStatus: "fulfilled",
      carrier: "UPS",
      trackingNumber: "1Z999AA1",
    });
    const twice = await fulfilOrderAction(
      idleState,
      form({ shop: m.shop.slug, orderId: order.id, carrier: "UPS", trackingNumber: "1Z999AA2" }),
    );
    expect(twice).toMatchObject({ status: "error", message: "This order is already fulfilled." });
    // The shipping notice is a job committed with the fulfilment; the worker writes and sends it.
    await runJobs();
    const mails = await db()
      .select()
      .from(schema.emailOutbox)
      .where(eq(schema.emailOutbox.orderId, order.id));
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({
      kind: "shipping_notice",
      to: "bo@example.com",
      status: "logged",
    });
    expect(mails[0]!.text).toContain("1Z999AA1");
    const link = /(\/s\/[^\s]+\/orders\/([^\s]+))/.exec(mails[0]!.text);
    expect(verifyOrderToken(decodeURIComponent(link![2]!), authSecret())).toBe(order.id);
  });

  it("notifyOrderPaid queues the confirmation and the merchant notice once each", async () => {
    const m = await merchant();
    const { order } = await createPaidOrder({
      shopId: m.shop.id,
      lines: [{ variantId: m.variant.id, quantity: 1 }],
      email: "cy@example.com",
    });
    await notifyOrderPaid(order.id);
    await notifyOrderPaid(order.id);
    await runJobs();
    const mails = await db()
      .select()
      .from(schema.emailOutbox)
      .where(eq(schema.emailOutbox.orderId, order.id));
    expect(mails.map((x) => [x.kind, x.to]).sort()).toEqual([
      ["new_order", m.user.email],
      ["order_confirmation", "cy@example.com"],
    ]);
    expect(mails.every((x) => x.status === "logged")).toBe(true);
    const again = await queueEmail({
      dedupeKey: `order_confirmation:${order.id}`,
      kind: "x",
      to: "z@example.com",
      subject: "s",
      text: "t",
    });
    expect(again.created).toBe(false);
    expect(
      await db().select().from(schema.emailOutbox).where(eq(schema.emailOutbox.orderId, order.id)),
    ).toHaveLength(2);
  });
});

describe("tenancy", () => {
  it("merchant B cannot read, fulfil, refund or export merchant A's orders", async () => {
    const a = await merchant();
    const b = await merchant();
    const { order } = await createPaidOrder({
      shopId: a.shop.id,
      lines: [{ variantId: a.variant.id, quantity: 1 }],
      email: "secret@example.com",
    });
    expect(await getOrderForShop(b.shop.id, order.id)).toBeNull();
    session.user = b.user;
    // B names A's shop: not a member.
    const viaA = await refundOrderAction(idleState, refundForm(a.shop.slug, order.id, "1.00"));
    expect(viaA).toMatchObject({ code: "forbidden", message: NO_SUCH_SHOP });
    // B names its own shop with A's order id: not found.
    const viaB = await refundOrderAction(idleState, refundForm(b.shop.slug, order.id, "1.00"));
    expect(viaB.message).toMatch(/does not exist/);
    const fulfil = await fulfilOrderAction(
      idleState,
      form({ shop: b.shop.slug, orderId: order.id, carrier: "UPS", trackingNumber: "1Z999" }),
    );
    expect(fulfil.message).toMatch(/does not exist/);
    const csvA = await exportCsv(
      new Request(`http://localhost/dashboard/${a.shop.slug}/orders/export`),
      {
        params: Promise.resolve({ shop: a.shop.slug }),
      },
    );
    expect(csvA.status).toBe(404);
    const csvB = await exportCsv(
      new Request(`http://localhost/dashboard/${b.shop.slug}/orders/export`),
      {
        params: Promise.resolve({ shop: b.shop.slug }),
      },
    );
    expect(csvB.status).toBe(200);
    expect(await csvB.text()).not.toContain("secret@example.com");
    const after = await reload(order.id);
    expect(after).toMatchObject({ refundedAmount: 0, fulfillmentStatus: "unfulfilled" });

    session.user = a.user;
    const csv = await exportCsv(
      new Request(`http://localhost/dashboard/${a.shop.slug}/orders/export?q=%23${order.number}`),
      { params: Promise.resolve({ shop: a.shop.slug }) },
    );
    const text = await csv.text();
    expect(text).toContain("secret@example.com");
    expect(text.split("\r\n").filter(Boolean)).toHaveLength(2);
  });
});
