import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditLog } from "@/db/schema";
import { computeApplicationFee, effectiveFeeConfig } from "@/lib/fees";
import { makeShop, makeUser } from "@/lib/testing/factories";
import {
  getPlatformSettings,
  getShopFeeOverride,
  platformFeeConfig,
  recordAudit,
} from "./platform";
import { shopFeeOverrides } from "../schema";

describe("platform settings", () => {
  it("start at the seeded default of 5% + 30, embedded checkout, pro-rata fee refunds", async () => {
    const settings = await getPlatformSettings();
    expect(settings).toMatchObject({
      feePercentBps: 500,
      feeFixed: 30,
      feeMin: null,
      feeMax: null,
      feeRefundPolicy: "pro_rata",
      checkoutMode: "embedded",
    });
  });

  it("combine with a shop override field by field", async () => {
    const user = await makeUser();
    const shop = await makeShop(user.id);
    expect(await getShopFeeOverride(shop.id)).toBeNull();
    await getDb().insert(shopFeeOverrides).values({ shopId: shop.id, feePercentBps: 250 });
    const override = await getShopFeeOverride(shop.id);
    expect(override).toEqual({ percentBps: 250 });
    const config = effectiveFeeConfig(platformFeeConfig(await getPlatformSettings()), override);
    expect(computeApplicationFee({ subtotal: 10_000, config })).toBe(280);
  });
});

describe("audit log", () => {
  it("appends entries and refuses updates and deletes at the database", async () => {
    const user = await makeUser({ role: "admin" });
    await recordAudit({
      actor: { id: user.id, email: user.email },
      action: "fees.update",
      before: { percentBps: 500 },
      after: { percentBps: 400 },
    });
    const rows = await getDb().select().from(auditLog).where(eq(auditLog.actorId, user.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: "fees.update",
      actorEmail: user.email,
      after: { percentBps: 400 },
    });

    await expect(getDb().execute(sql`update audit_log set action = 'x'`)).rejects.toThrow();
    await expect(getDb().execute(sql`delete from audit_log`)).rejects.toThrow();
    expect(await getDb().select().from(auditLog).where(eq(auditLog.actorId, user.id))).toHaveLength(
      1,
    );
  });
});
