// Inserts order rows straight into the database, for tests of what reads orders (analytics,
// reconciliation, admin pages). Checkout builds real orders; these only mimic its results.
import { randomBytes } from "node:crypto";
import { getDb } from "@/db/client";
import { orderItems, orders, type OrderStatus } from "@/db/schema";

export type OrderRowItem = {
  productId?: string | null;
  productName: string;
  unitPrice: number;
  quantity: number;
};

export type OrderRowInput = {
  shopId: string;
  status?: OrderStatus;
  currency?: string;
  /** Defaults to the sum of the items (or 1000 without items). */
  total?: number;
  applicationFee?: number;
  stripeFee?: number | null;
  platformStripeFee?: number | null;
  refundedAmount?: number;
  applicationFeeRefunded?: number;
  paidAt?: Date | null;
  createdAt?: Date;
  stripeAccountId?: string;
  chargeId?: string | null;
  paymentIntentId?: string | null;
  email?: string | null;
  items?: OrderRowItem[];
};

export async function insertOrderRow(input: OrderRowInput) {
  const items = input.items ?? [];
  const subtotal = items.length
    ? items.reduce((s, i) => s + i.unitPrice * i.quantity, 0)
    : (input.total ?? 1000);
  const total = input.total ?? subtotal;
  const status = input.status ?? "paid";
  const paidAt =
    input.paidAt === undefined ? (status === "paid" ? new Date() : null) : input.paidAt;
  const [order] = await getDb()
    .insert(orders)
    .values({
      shopId: input.shopId,
      status,
      currency: (input.currency ?? "USD").toUpperCase(),
      subtotal,
      total,
      applicationFee: input.applicationFee ?? 0,
      feeSnapshot: { percentBps: 500, fixed: 30, min: null, max: null },
      stripeFee: input.stripeFee ?? null,
      platformStripeFee: input.platformStripeFee ?? null,
      refundedAmount: input.refundedAmount ?? 0,
      applicationFeeRefunded: input.applicationFeeRefunded ?? 0,
      checkoutMode: "hosted",
      stripeAccountId: input.stripeAccountId ?? "acct_test_fixture",
      checkoutSessionId: `cs_test_${randomBytes(8).toString("hex")}`,
      chargeId:
        input.chargeId === undefined ? `ch_test_${randomBytes(8).toString("hex")}` : input.chargeId,
      paymentIntentId: input.paymentIntentId ?? null,
      email: input.email ?? "shopper@example.test",
      paidAt,
      createdAt: input.createdAt ?? paidAt ?? new Date(),
    })
    .returning();
  if (!order) throw new Error("order not inserted");
  if (items.length) {
    await getDb()
      .insert(orderItems)
      .values(
        items.map((i) => ({
          orderId: order.id,
          shopId: input.shopId,
          productId: i.productId ?? null,
          productName: i.productName,
          unitPrice: i.unitPrice,
          quantity: i.quantity,
        })),
      );
  }
  return order;
}
