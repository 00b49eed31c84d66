import { describe, expect, it } from "vitest";
import { attachAccount } from "@/db/queries/connect";
import { periodRange } from "@/lib/analytics/period";
import { newExpressAccount, onboarded } from "@/lib/stripe/testing/accounts";
import { toAccountSnapshot } from "@/lib/stripe/account";
import { makeProduct, makeShop, makeUser } from "@/lib/testing/factories";
import { insertOrderRow } from "@/lib/testing/order-rows";
import { listShopsForAdmin } from "./admin";
import { platformAnalytics, shopAnalytics } from "./analytics";

const NOW = new Date("2026-05-20T12:00:00Z");
const at = (iso: string) => new Date(iso);

async function shop() {
  const user = await makeUser();
  return makeShop(user.id);
}

describe("analytics from paid orders", () => {
  it("sums revenue, orders, AOV, fees net of refunded fees, refunds and top products", async () => {
    const s = await shop();
    const beans = await makeProduct(s.id, { name: "Beans" });
    const mug = await makeProduct(s.id, { name: "Mug" });
    await insertOrderRow({
      shopId: s.id,
      paidAt: at("2026-05-20T09:00:00Z"),
      items: [
        { productId: beans.id, productName: "Beans", unitPrice: 1500, quantity: 2 },
        { productId: mug.id, productName: "Mug", unitPrice: 1200, quantity: 1 },
      ],
      applicationFee: 240,
      stripeFee: 150,
    }); // total 4200
    await insertOrderRow({
      shopId: s.id,
      paidAt: at("2026-05-18T23:59:59Z"),
      items: [{ productId: mug.id, productName: "Mug", unitPrice: 1200, quantity: 3 }],
      applicationFee: 210,
      stripeFee: 134,
      refundedAmount: 1200,
      applicationFeeRefunded: 70,
    }); // total 3600
    await insertOrderRow({
      shopId: s.id,
      paidAt: at("2026-05-14T00:00:00Z"), // first instant of the 7-day window
      items: [{ productId: beans.id, productName: "Beans", unitPrice: 1500, quantity: 1 }],
      applicationFee: 105,
    }); // total 1500
    // Not counted: before the window, pending, expired, another shop.
    await insertOrderRow({
      shopId: s.id,
      paidAt: at("2026-05-13T23:59:59Z"),
      items: [{ productId: mug.id, productName: "Mug", unitPrice: 99_999, quantity: 1 }],
      applicationFee: 500,
    });
    await insertOrderRow({ shopId: s.id, status: "pending", total: 5000, applicationFee: 10 });
    await insertOrderRow({
      shopId: s.id,
      status: "expired",
      paidAt: null,
      total: 5000,
      applicationFee: 10,
    });
    const other = await shop();
    await insertOrderRow({ shopId: other.id, paidAt: at("2026-05-19T10:00:00Z"), total: 800 });

    const week = await shopAnalytics(s.id, periodRange(7, NOW));
    expect(week.totals).toHaveLength(1);
    expect(week.totals[0]).toMatchObject({
      currency: "USD",
      revenue: 4200 + 3600 + 1500,
      orders: 3,
      averageOrderValue: 3100,
      refunds: 1200,
      applicationFees: 555,
      applicationFeesRefunded: 70,
      netApplicationFees: 485,
      stripeFees: 284,
    });
    expect(week.topProducts.map((p) => [p.name, p.units, p.revenue])).toEqual([
      ["Mug", 4, 4800],
      ["Beans", 3, 4500],
    ]);
    const byDay = Object.fromEntries(week.daily.map((d) => [d.day, d.amount]));
    expect(byDay).toEqual({ "2026-05-20": 4200, "2026-05-18": 3600, "2026-05-14": 1500 });

    // The 30-day window also takes the big order from the 13th.
    const month = await shopAnalytics(s.id, periodRange(30, NOW));
    expect(month.totals[0]?.revenue).toBe(9300 + 99_999);
    expect(month.totals[0]?.orders).toBe(4);
    expect(month.topProducts[0]?.name).toBe("Mug");
  });

  it("reports platform fee revenue, Stripe fees paid for Express-style shops, per shop GMV", async () => {
    const express = await shop();
    const standard = await shop();
    await attachAccount(
      express.id,
      toAccountSnapshot(onboarded(newExpressAccount("acct_1AnalyticsExpress0001"))),
      new Date(),
    );
    await attachAccount(
      standard.id,
      {
        ...toAccountSnapshot(onboarded(newExpressAccount("acct_1AnalyticsStandard001"))),
        type: "standard",
        feesPayer: "account",
      },
      new Date(),
    );
    const paidAt = new Date(Date.now() - 3600_000);
    await insertOrderRow({
      shopId: express.id,
      paidAt,
      total: 10_000,
      applicationFee: 530,
      applicationFeeRefunded: 265,
      refundedAmount: 5000,
      stripeFee: 0,
      platformStripeFee: 320,
    });
    await insertOrderRow({
      shopId: standard.id,
      paidAt,
      total: 2000,
      applicationFee: 130,
      stripeFee: 88,
      platformStripeFee: 0,
    });
    const range = periodRange(7);
    const platform = await platformAnalytics(range);
    const usd = platform.totals.find((t) => t.currency === "USD");
    expect(usd).toMatchObject({
      revenue: 12_000,
      orders: 2,
      applicationFees: 660,
      applicationFeesRefunded: 265,
      netApplicationFees: 395,
      stripeFees: 88, // paid by the shops themselves
      stripeFeesPaidByPlatform: 320, // only the Express-style shop's
    });

    const list = await listShopsForAdmin({ page: 1, sort: "gmv", range });
    const row = list.rows.find((r) => r.id === express.id);
    expect(row).toMatchObject({
      gmv: 10_000,
      feeRevenue: 265,
      paidOrders: 1,
      accountType: "express",
      chargesEnabled: true,
    });
    expect(list.rows[0]?.id).toBe(express.id);
  });
});
