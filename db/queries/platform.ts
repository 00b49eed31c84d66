import "server-only";
import { eq } from "drizzle-orm";
import type { FeeConfig } from "@/lib/fees";
import { getDb, type Executor } from "../client";
import { auditLog, platformSettings, shopFeeOverrides } from "../schema";

export async function getPlatformSettings(db: Executor = getDb()) {
  const [row] = await db.select().from(platformSettings).where(eq(platformSettings.id, 1)).limit(1);
  if (row) return row;
  // The migration inserts the row; recreate it if someone removed it by hand.
  const [created] = await db
    .insert(platformSettings)
    .values({ id: 1 })
    .onConflictDoNothing()
    .returning();
  return created ?? (await db.select().from(platformSettings).limit(1))[0]!;
}

export function platformFeeConfig(settings: {
  feePercentBps: number;
  feeFixed: number;
  feeMin: number | null;
  feeMax: number | null;
}): FeeConfig {
  return {
    percentBps: settings.feePercentBps,
    fixed: settings.feeFixed,
    min: settings.feeMin,
    max: settings.feeMax,
  };
}

/** The shop's override, with null meaning "inherit" for each field; null when none is set. */
export async function getShopFeeOverride(shopId: string, db: Executor = getDb()) {
  const [row] = await db
    .select()
    .from(shopFeeOverrides)
    .where(eq(shopFeeOverrides.shopId, shopId))
    .limit(1);
  if (!row) return null;
  const override: Partial<FeeConfig> = {};
  if (row.feePercentBps !== null) override.percentBps = row.feePercentBps;
  if (row.feeFixed !== null) override.fixed = row.feeFixed;
  if (row.feeMin !== null) override.min = row.feeMin;
  if (row.feeMax !== null) override.max = row.feeMax;
  return override;
}

export type AuditEntry = {
  actor: { id: string; email: string } | null;
  action: string;
  shopId?: string | null;
  target?: { type: string; id: string };
  before?: unknown;
  after?: unknown;
};

/** Appends to the audit log (there is no update or delete path). Pass the transaction if any. */
export async function recordAudit(entry: AuditEntry, db: Executor = getDb()) {
  await db.insert(auditLog).values({
    actorId: entry.actor?.id ?? null,
    actorEmail: entry.actor?.email ?? null,
    action: entry.action,
    shopId: entry.shopId ?? null,
    targetType: entry.target?.type ?? null,
    targetId: entry.target?.id ?? null,
    before: entry.before ?? null,
    after: entry.after ?? null,
  });
}
