// Test and demo factory: a real paid order, made on the Stripe emulator the way checkout does it
// (a Checkout Session on the shop's connected account with an application fee, then paid with
// 4242…), recorded in our database as a paid order with its items, timeline and stock taken.
import { randomUUID } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import type Stripe from "stripe";
import { getDb, type Db } from "@/db/client";
import { feeSnapshotOf, variantLabelOf } from "@/db/queries/orders-checkout";
import { getPlatformSettings, getShopFeeOverride, platformFeeConfig } from "@/db/queries/platform";
import {
  orderEvents,
  orderItems,
  orders,
  productVariants,
  products,
  shops,
  stripeAccounts,
  type ShippingAddress,
} from "@/db/schema";
import { computeApplicationFee, effectiveFeeConfig } from "@/lib/fees";
import { getStripe, stripeSettings } from "@/lib/stripe/client";
import { stripeFeesOfCharge } from "@/lib/stripe/charge-fees";
import { CHECKOUT_TTL_MS, checkoutSessionParams } from "@/lib/orders/session-params";

export type PaidOrderLine = { variantId: string; quantity: number };

export type CreatePaidOrderInput = {
  shopId: string;
  lines: PaidOrderLine[];
  email?: string;
  name?: string;
  address?: Partial<Omit<ShippingAddress, "name">>;
  /** Backdates the order in our database (the emulator's own timestamps stay current). */
  paidAt?: Date;
  db?: Db;
};

export function emulatorBaseUrl() {
  const api = stripeSettings().api;
  if (!api) throw new Error("createPaidOrder needs the Stripe emulator");
  return `${api.protocol}://${api.host}:${api.port}`;
}

/** POST to the emulator's control API (form-encoded). */
export async function emulatorControl<T = unknown>(
  path: string,
  body: Record<string, string> = {},
) {
  const response = await fetch(`${emulatorBaseUrl()}/_emulator/${path.replace(/^\//, "")}`, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      authorization: `Bearer ${stripeSettings().secretKey}`,
    },
    body: new URLSearchParams(body),
  });
  const json = (await response.json()) as T;
  if (!response.ok) throw new Error(`emulator ${path}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

export async function createPaidOrder(input: CreatePaidOrderInput) {
  const db = input.db ?? getDb();
  const stripe = getStripe();
  const [shop] = await db
    .select({
      id: shops.id,
      slug: shops.slug,
      country: shops.country,
      currency: shops.currency,
      accountId: stripeAccounts.accountId,
    })
    .from(shops)
    .innerJoin(stripeAccounts, eq(stripeAccounts.shopId, shops.id))
    .where(eq(shops.id, input.shopId))
    .limit(1);
  if (!shop?.accountId) throw new Error("createPaidOrder: the shop has no connected account");
  const account = shop.accountId;
  if (input.lines.length === 0) throw new Error("createPaidOrder: no lines");

  const rows = await db
    .select({ variant: productVariants, product: products })
    .from(productVariants)
    .innerJoin(products, eq(products.id, productVariants.productId))
    .where(
      and(
        eq(productVariants.shopId, input.shopId),
        inArray(
          productVariants.id,
          input.lines.map((l) => l.variantId),
        ),
      ),
    );
  const lines = input.lines.map((line) => {
    const row = rows.find((r) => r.variant.id === line.variantId);
    if (!row) throw new Error(`createPaidOrder: unknown variant ${line.variantId}`);
    return { ...line, ...row };
  });
  const subtotal = lines.reduce((sum, l) => sum + l.variant.price * l.quantity, 0);
  const settings = await getPlatformSettings(db);
  const feeConfig = effectiveFeeConfig(
    platformFeeConfig(settings),
    await getShopFeeOverride(input.shopId, db),
  );
  const applicationFee = computeApplicationFee({ subtotal, charge: subtotal, config: feeConfig });
  const orderId = randomUUID();
  // The same session checkout makes for a pending order (lib/orders/session-params).
  const sessionOrder = {
    id: orderId,
    shopId: input.shopId,
    currency: shop.currency,
    applicationFee,
    checkoutMode: settings.checkoutMode,
    sessionExpiresAt: new Date(Date.now() + CHECKOUT_TTL_MS),
    cartId: null,
    cartVersion: null,
  };
  const items = lines.map((l) => ({
    productName: l.product.name,
    variantLabel: variantLabelOf(l.variant.optionValues),
    unitPrice: l.variant.price,
    quantity: l.quantity,
  }));
  const session = await stripe.checkout.sessions.create(
    checkoutSessionParams({
      order: sessionOrder,
      items,
      shop: { slug: shop.slug, country: shop.country },
      origin: "http://localhost",
    }),
    { stripeAccount: account, idempotencyKey: `test-order:${orderId}` },
  );
  const name = input.name ?? "Test Shopper";
  const address = {
    line1: input.address?.line1 ?? "510 Townsend St",
    line2: input.address?.line2 ?? null,
    city: input.address?.city ?? "San Francisco",
    state: input.address?.state ?? "CA",
    postalCode: input.address?.postalCode ?? "94103",
    country: input.address?.country ?? "US",
  };
  const email = input.email ?? "shopper@example.com";
  await emulatorControl(`checkout/sessions/${session.id}/pay`, {
    card: "4242424242424242",
    email,
    name,
    "shipping[name]": name,
    "shipping[address][line1]": address.line1,
    ...(address.line2 ? { "shipping[address][line2]": address.line2 } : {}),
    "shipping[address][city]": address.city,
    "shipping[address][state]": address.state,
    "shipping[address][postal_code]": address.postalCode,
    "shipping[address][country]": address.country,
  });
  const paid = await stripe.checkout.sessions.retrieve(
    session.id,
    { expand: ["payment_intent.latest_charge.balance_transaction"] },
    { stripeAccount: account },
  );
  const pi = paid.payment_intent as Stripe.PaymentIntent | null;
  const charge = pi?.latest_charge as Stripe.Charge | null;
  if (!pi || !charge || charge.status !== "succeeded") {
    throw new Error(`createPaidOrder: session ${session.id} was not paid`);
  }
  const fees = await stripeFeesOfCharge(charge);

  const paidAt = input.paidAt ?? new Date();
  const createdAt = new Date(paidAt.getTime() - 2 * 60_000);
  await db.transaction(async (tx) => {
    await tx.insert(orders).values({
      id: orderId,
      shopId: input.shopId,
      status: "paid",
      currency: shop.currency,
      subtotal,
      shippingAmount: 0,
      total: charge.amount,
      applicationFee,
      feeSnapshot: feeSnapshotOf(feeConfig),
      stripeFee: fees.shop,
      platformStripeFee: fees.platform,
      checkoutMode: settings.checkoutMode,
      stripeAccountId: account,
      checkoutSessionId: session.id,
      paymentIntentId: pi.id,
      chargeId: charge.id,
      email,
      customerName: name,
      shippingAddress: { name, ...address },
      paidAt,
      createdAt,
      updatedAt: paidAt,
    });
    for (const l of lines) {
      const reserved = l.product.trackStock ? l.quantity : 0;
      if (reserved > 0) {
        // Conditional decrement, as checkout reserves: never below zero.
        const [ok] = await tx
          .update(productVariants)
          .set({ stock: sql`${productVariants.stock} - ${reserved}` })
          .where(
            and(eq(productVariants.id, l.variant.id), sql`${productVariants.stock} >= ${reserved}`),
          )
          .returning({ id: productVariants.id });
        if (!ok) throw new Error(`createPaidOrder: not enough stock for ${l.product.name}`);
      }
      await tx.insert(orderItems).values({
        orderId,
        shopId: input.shopId,
        productId: l.product.id,
        variantId: l.variant.id,
        productName: l.product.name,
        variantLabel: variantLabelOf(l.variant.optionValues),
        sku: l.variant.sku,
        unitPrice: l.variant.price,
        quantity: l.quantity,
        reservedStock: reserved,
      });
    }
    await tx.insert(orderEvents).values([
      {
        orderId,
        shopId: input.shopId,
        type: "created",
        message: "Checkout started",
        data: { checkoutSessionId: session.id },
        createdAt,
      },
      {
        orderId,
        shopId: input.shopId,
        type: "paid",
        message: "Payment succeeded",
        data: { paymentIntentId: pi.id, chargeId: charge.id },
        createdAt: paidAt,
      },
    ]);
  });
  const [order] = await db.select().from(orders).where(eq(orders.id, orderId)).limit(1);
  return { order: order!, session, paymentIntent: pi, charge };
}
