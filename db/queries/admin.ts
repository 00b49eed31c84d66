import "server-only";
import {
  and,
  asc,
  count,
  desc,
  eq,
  ilike,
  isNotNull,
  isNull,
  or,
  sql,
  type SQL,
} from "drizzle-orm";
import { getDb, type Executor, type Tx } from "../client";
import {
  auditLog,
  orders,
  platformSettings,
  shopFeeOverrides,
  shopMembers,
  shops,
  stripeAccounts,
  users,
  type UserRole,
} from "../schema";
import type { PeriodRange } from "@/lib/analytics/period";
import { shopPeriodMoneyColumns } from "./analytics";
import { recordAudit, type AuditEntry } from "./platform";

export const ADMIN_PAGE_SIZE = 25;

function likePattern(q: string) {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

// ── users ─────────────────────────────────────────────────────────────────────

export async function listUsersForAdmin(opts: { q?: string; page: number }) {
  const where = opts.q
    ? or(ilike(users.email, likePattern(opts.q)), ilike(users.name, likePattern(opts.q)))
    : undefined;
  const db = getDb();
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: users.id,
        email: users.email,
        name: users.name,
        role: users.role,
        lockedAt: users.lockedAt,
        createdAt: users.createdAt,
        shopCount: sql<number>`(select count(*)::int from ${shopMembers} where ${shopMembers.userId} = ${users.id})`,
      })
      .from(users)
      .where(where)
      .orderBy(desc(users.createdAt), asc(users.email))
      .limit(ADMIN_PAGE_SIZE)
      .offset((opts.page - 1) * ADMIN_PAGE_SIZE),
    db.select({ n: count() }).from(users).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

type Actor = { id: string; email: string };

/**
 * One audited change of one row, in one transaction: `lock` reads the row FOR UPDATE (undefined
 * when it does not exist), `apply` writes the change and returns the audit entry, or null when
 * the row is already as asked (nothing written, nothing audited). False for a missing row.
 */
async function auditedChange<Row>(
  lock: (tx: Tx) => Promise<Row | undefined>,
  apply: (tx: Tx, before: Row) => Promise<AuditEntry | null>,
) {
  return getDb().transaction(async (tx) => {
    const before = await lock(tx);
    if (!before) return false;
    const entry = await apply(tx, before);
    if (entry) await recordAudit(entry, tx);
    return true;
  });
}

function lockUser(tx: Tx, userId: string) {
  return tx
    .select({ role: users.role, lockedAt: users.lockedAt })
    .from(users)
    .where(eq(users.id, userId))
    .for("update")
    .then(([row]) => row);
}

/** Changes a user's role; returns false when the user does not exist. Audited. */
export async function changeUserRole(actor: Actor, userId: string, role: UserRole) {
  return auditedChange(
    (tx) => lockUser(tx, userId),
    async (tx, before) => {
      if (before.role === role) return null;
      await tx.update(users).set({ role }).where(eq(users.id, userId));
      return {
        actor,
        action: "user.role_changed",
        target: { type: "user", id: userId },
        before: { role: before.role },
        after: { role },
      };
    },
  );
}

/** Locks (or unlocks) a user out; returns false when the user does not exist. Audited. */
export async function setUserLocked(actor: Actor, userId: string, locked: boolean) {
  return auditedChange(
    (tx) => lockUser(tx, userId),
    async (tx, before) => {
      if (Boolean(before.lockedAt) === locked) return null;
      await tx
        .update(users)
        .set({ lockedAt: locked ? new Date() : null })
        .where(eq(users.id, userId));
      return {
        actor,
        action: locked ? "user.locked" : "user.unlocked",
        target: { type: "user", id: userId },
        before: { locked: Boolean(before.lockedAt) },
        after: { locked },
      };
    },
  );
}

// ── shops ─────────────────────────────────────────────────────────────────────

export type AdminShopSort = "newest" | "name" | "status" | "gmv";

export async function listShopsForAdmin(opts: {
  q?: string;
  page: number;
  sort: AdminShopSort;
  filter?: "suspended" | "attention" | "all";
  range: PeriodRange;
}) {
  const money = shopPeriodMoneyColumns(opts.range, shops.id);
  const owner = sql<string>`(select u.email from ${shopMembers} m join ${users} u on u.id = m.user_id where m.shop_id = ${shops.id} and m.role = 'owner' order by m.created_at limit 1)`;
  const conditions: SQL[] = [];
  if (opts.q) {
    const like = likePattern(opts.q);
    conditions.push(
      or(ilike(shops.name, like), ilike(shops.slug, like), sql`${owner} ilike ${like}`)!,
    );
  }
  if (opts.filter === "suspended") conditions.push(isNotNull(shops.suspendedAt));
  if (opts.filter === "attention") {
    conditions.push(
      or(
        isNotNull(shops.suspendedAt),
        sql`${shops.connectStatus} in ('restricted', 'disconnected', 'rejected')`,
      )!,
    );
  }
  const where = conditions.length ? and(...conditions) : undefined;
  const order =
    opts.sort === "name"
      ? [asc(shops.name)]
      : opts.sort === "status"
        ? [asc(shops.connectStatus), asc(shops.name)]
        : opts.sort === "gmv"
          ? [desc(money.gmv), asc(shops.name)]
          : [desc(shops.createdAt)];
  const db = getDb();
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: shops.id,
        slug: shops.slug,
        name: shops.name,
        currency: shops.currency,
        connectStatus: shops.connectStatus,
        suspendedAt: shops.suspendedAt,
        createdAt: shops.createdAt,
        ownerEmail: owner,
        accountId: stripeAccounts.accountId,
        accountType: stripeAccounts.type,
        feesPayer: stripeAccounts.feesPayer,
        chargesEnabled: stripeAccounts.chargesEnabled,
        payoutsEnabled: stripeAccounts.payoutsEnabled,
        currentlyDue: stripeAccounts.currentlyDue,
        pastDue: stripeAccounts.pastDue,
        currentDeadline: stripeAccounts.currentDeadline,
        gmv: money.gmv,
        feeRevenue: money.feeRevenue,
        paidOrders: money.paidOrders,
      })
      .from(shops)
      .leftJoin(stripeAccounts, eq(stripeAccounts.shopId, shops.id))
      .where(where)
      .orderBy(...order)
      .limit(ADMIN_PAGE_SIZE)
      .offset((opts.page - 1) * ADMIN_PAGE_SIZE),
    db.select({ n: count() }).from(shops).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

export async function getShopForAdmin(shopId: string) {
  const db = getDb();
  const [shop] = await db.select().from(shops).where(eq(shops.id, shopId)).limit(1);
  if (!shop) return null;
  const [members, [override]] = await Promise.all([
    db
      .select({ id: users.id, email: users.email, name: users.name, role: shopMembers.role })
      .from(shopMembers)
      .innerJoin(users, eq(users.id, shopMembers.userId))
      .where(eq(shopMembers.shopId, shopId))
      .orderBy(asc(shopMembers.createdAt)),
    db.select().from(shopFeeOverrides).where(eq(shopFeeOverrides.shopId, shopId)).limit(1),
  ]);
  return { shop, members, feeOverride: override ?? null };
}

function lockShop(tx: Tx, shopId: string) {
  return tx
    .select({ suspendedAt: shops.suspendedAt, reason: shops.suspensionReason })
    .from(shops)
    .where(eq(shops.id, shopId))
    .for("update")
    .then(([row]) => row);
}

/** Suspends a shop with a reason. Returns false for an unknown shop. Audited. */
export async function suspendShop(actor: Actor, shopId: string, reason: string) {
  return auditedChange(
    (tx) => lockShop(tx, shopId),
    async (tx, before) => {
      await tx
        .update(shops)
        .set({ suspendedAt: new Date(), suspensionReason: reason })
        .where(eq(shops.id, shopId));
      return {
        actor,
        action: "shop.suspended",
        shopId,
        target: { type: "shop", id: shopId },
        before: { suspended: Boolean(before.suspendedAt), reason: before.reason },
        after: { suspended: true, reason },
      };
    },
  );
}

export async function reinstateShop(actor: Actor, shopId: string) {
  return auditedChange(
    (tx) => lockShop(tx, shopId),
    async (tx, before) => {
      if (!before.suspendedAt) return null;
      await tx
        .update(shops)
        .set({ suspendedAt: null, suspensionReason: null })
        .where(eq(shops.id, shopId));
      return {
        actor,
        action: "shop.reinstated",
        shopId,
        target: { type: "shop", id: shopId },
        before: { suspended: true, reason: before.reason },
        after: { suspended: false },
      };
    },
  );
}

// ── fees ──────────────────────────────────────────────────────────────────────

export type PlatformSettingsInput = {
  feePercentBps: number;
  feeFixed: number;
  feeMin: number | null;
  feeMax: number | null;
  feeRefundPolicy: "pro_rata" | "keep";
  checkoutMode: "embedded" | "hosted";
};

export async function updatePlatformSettings(actor: Actor, input: PlatformSettingsInput) {
  await getDb().transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(platformSettings)
      .where(eq(platformSettings.id, 1))
      .for("update");
    await tx
      .insert(platformSettings)
      .values({ id: 1, ...input, updatedAt: new Date(), updatedBy: actor.id })
      .onConflictDoUpdate({
        target: platformSettings.id,
        set: { ...input, updatedAt: new Date(), updatedBy: actor.id },
      });
    const pick = (s: PlatformSettingsInput | undefined) =>
      s && {
        feePercentBps: s.feePercentBps,
        feeFixed: s.feeFixed,
        feeMin: s.feeMin,
        feeMax: s.feeMax,
        feeRefundPolicy: s.feeRefundPolicy,
        checkoutMode: s.checkoutMode,
      };
    await recordAudit(
      {
        actor,
        action: "platform.settings_changed",
        target: { type: "platform", id: "settings" },
        before: pick(before),
        after: pick(input),
      },
      tx,
    );
  });
}

export type FeeOverrideInput = {
  feePercentBps: number | null;
  feeFixed: number | null;
  feeMin: number | null;
  feeMax: number | null;
};

/** Sets (or, when every field is null, removes) a shop's fee override. Audited. */
export async function setShopFeeOverride(actor: Actor, shopId: string, input: FeeOverrideInput) {
  return getDb().transaction(async (tx: Executor) => {
    const [shop] = await tx
      .select({ id: shops.id })
      .from(shops)
      .where(eq(shops.id, shopId))
      .limit(1);
    if (!shop) return false;
    const [before] = await tx
      .select()
      .from(shopFeeOverrides)
      .where(eq(shopFeeOverrides.shopId, shopId))
      .limit(1);
    const empty = Object.values(input).every((v) => v === null);
    if (empty) {
      await tx.delete(shopFeeOverrides).where(eq(shopFeeOverrides.shopId, shopId));
    } else {
      await tx
        .insert(shopFeeOverrides)
        .values({ shopId, ...input, updatedAt: new Date() })
        .onConflictDoUpdate({
          target: shopFeeOverrides.shopId,
          set: { ...input, updatedAt: new Date() },
        });
    }
    const pick = (o: FeeOverrideInput | undefined | null) =>
      o
        ? {
            feePercentBps: o.feePercentBps,
            feeFixed: o.feeFixed,
            feeMin: o.feeMin,
            feeMax: o.feeMax,
          }
        : null;
    await recordAudit(
      {
        actor,
        action: empty ? "shop.fee_override_removed" : "shop.fee_override_set",
        shopId,
        target: { type: "shop", id: shopId },
        before: pick(before),
        after: empty ? null : pick(input),
      },
      tx,
    );
    return true;
  });
}

// ── audit log ─────────────────────────────────────────────────────────────────

export async function listAuditLog(opts: {
  page: number;
  action?: string;
  actor?: string;
  shopId?: string;
}) {
  const conditions: SQL[] = [];
  if (opts.action) conditions.push(ilike(auditLog.action, likePattern(opts.action)));
  if (opts.actor) conditions.push(ilike(auditLog.actorEmail, likePattern(opts.actor)));
  if (opts.shopId) conditions.push(eq(auditLog.shopId, opts.shopId));
  const where = conditions.length ? and(...conditions) : undefined;
  const db = getDb();
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: auditLog.id,
        actorEmail: auditLog.actorEmail,
        action: auditLog.action,
        shopId: auditLog.shopId,
        shopName: shops.name,
        targetType: auditLog.targetType,
        targetId: auditLog.targetId,
        before: auditLog.before,
        after: auditLog.after,
        createdAt: auditLog.createdAt,
      })
      .from(auditLog)
      .leftJoin(shops, eq(shops.id, auditLog.shopId))
      .where(where)
      .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
      .limit(ADMIN_PAGE_SIZE)
      .offset((opts.page - 1) * ADMIN_PAGE_SIZE),
    db.select({ n: count() }).from(auditLog).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

export async function countAdmins() {
  const [row] = await getDb()
    .select({ n: count() })
    .from(users)
    .where(and(eq(users.role, "admin"), isNull(users.lockedAt)));
  return row?.n ?? 0;
}

/** A shop's latest orders for the admin shop page (any status). */
export async function recentOrdersForShop(shopId: string, limit = 10) {
  return getDb()
    .select({
      id: orders.id,
      number: orders.number,
      status: orders.status,
      currency: orders.currency,
      total: orders.total,
      applicationFee: orders.applicationFee,
      applicationFeeRefunded: orders.applicationFeeRefunded,
      refundedAmount: orders.refundedAmount,
      email: orders.email,
      createdAt: orders.createdAt,
      paidAt: orders.paidAt,
    })
    .from(orders)
    .where(eq(orders.shopId, shopId))
    .orderBy(desc(orders.createdAt))
    .limit(limit);
}
