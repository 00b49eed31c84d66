import "server-only";
import { expireShopStorefronts } from "@/lib/cache-invalidation";
import { and, eq, gt, inArray, isNull, lte, or, sql } from "drizzle-orm";
import type { AccountSnapshot } from "@/lib/stripe/account";
import { getDb, type Executor } from "../client";
import { oauthStates, shops, stripeAccounts, type ConnectStatus } from "../schema";

/** What the payments page shows about a shop's Stripe account. */
export type ShopStripeAccount = {
  shopId: string;
  accountId: string | null;
  type: "standard" | "express";
  businessName: string | null;
  email: string | null;
  chargesEnabled: boolean;
  payoutsEnabled: boolean;
  detailsSubmitted: boolean;
  currentlyDue: string[];
  pastDue: string[];
  eventuallyDue: string[];
  pendingVerification: string[];
  currentDeadline: Date | null;
  disabledReason: string | null;
  feesPayer: string | null;
  syncedAt: Date | null;
  connectedAt: Date;
  disconnectedAt: Date | null;
  creationKey: string | null;
};

const accountColumns = {
  shopId: stripeAccounts.shopId,
  accountId: stripeAccounts.accountId,
  type: stripeAccounts.type,
  businessName: stripeAccounts.businessName,
  email: stripeAccounts.email,
  chargesEnabled: stripeAccounts.chargesEnabled,
  payoutsEnabled: stripeAccounts.payoutsEnabled,
  detailsSubmitted: stripeAccounts.detailsSubmitted,
  currentlyDue: stripeAccounts.currentlyDue,
  pastDue: stripeAccounts.pastDue,
  eventuallyDue: stripeAccounts.eventuallyDue,
  pendingVerification: stripeAccounts.pendingVerification,
  currentDeadline: stripeAccounts.currentDeadline,
  disabledReason: stripeAccounts.disabledReason,
  feesPayer: stripeAccounts.feesPayer,
  syncedAt: stripeAccounts.syncedAt,
  connectedAt: stripeAccounts.connectedAt,
  disconnectedAt: stripeAccounts.disconnectedAt,
  creationKey: stripeAccounts.creationKey,
};

export async function findShopStripeAccount(
  shopId: string,
  db: Executor = getDb(),
): Promise<ShopStripeAccount | null> {
  const [row] = await db
    .select(accountColumns)
    .from(stripeAccounts)
    .where(eq(stripeAccounts.shopId, shopId))
    .limit(1);
  return row ?? null;
}

/** A shop's connection as the dashboard and the banner need it. */
export async function findShopConnectStatus(shopId: string, db: Executor = getDb()) {
  const [row] = await db
    .select({ connectStatus: shops.connectStatus, suspendedAt: shops.suspendedAt })
    .from(shops)
    .where(eq(shops.id, shopId))
    .limit(1);
  return row ?? null;
}

function snapshotValues(s: AccountSnapshot) {
  return {
    accountId: s.accountId,
    type: s.type,
    businessName: s.businessName,
    email: s.email,
    chargesEnabled: s.chargesEnabled,
    payoutsEnabled: s.payoutsEnabled,
    detailsSubmitted: s.detailsSubmitted,
    currentlyDue: s.currentlyDue,
    pastDue: s.pastDue,
    eventuallyDue: s.eventuallyDue,
    pendingVerification: s.pendingVerification,
    currentDeadline: s.currentDeadline,
    disabledReason: s.disabledReason,
    feesPayer: s.feesPayer,
    accountCreatedAt: s.accountCreatedAt,
  };
}

/** True while a shop holds a live connection (anything but none or disconnected). */
const CONNECTED: ConnectStatus[] = [
  "onboarding",
  "under_review",
  "active",
  "restricted",
  "rejected",
];

export type ReserveResult =
  | { ok: true; creationKey: string; accountId: string | null }
  | { ok: false; reason: "already_connected" };

/**
 * Reserves the shop's one account slot for an account the platform creates. A second call while
 * creation is in flight gets the same key back (so Stripe replays the same account); a shop that
 * is already connected is refused.
 */
export async function reserveAccountCreation(
  shopId: string,
  creationKey: string,
): Promise<ReserveResult> {
  return getDb().transaction(async (tx) => {
    const [shop] = await tx
      .select({ connectStatus: shops.connectStatus })
      .from(shops)
      .where(eq(shops.id, shopId))
      .for("update");
    const existing = await findShopStripeAccount(shopId, tx);
    if (existing && existing.accountId === null && existing.creationKey) {
      return { ok: true, creationKey: existing.creationKey, accountId: null } as const;
    }
    if (shop && CONNECTED.includes(shop.connectStatus) && existing?.accountId) {
      return { ok: false, reason: "already_connected" } as const;
    }
    await tx.delete(stripeAccounts).where(eq(stripeAccounts.shopId, shopId));
    await tx.insert(stripeAccounts).values({ shopId, type: "express", creationKey });
    return { ok: true, creationKey, accountId: null } as const;
  });
}

/** Stores a freshly created or connected account as the shop's one account. */
export async function attachAccount(
  shopId: string,
  snapshot: AccountSnapshot,
  syncedAt: Date,
  db: Executor = getDb(),
) {
  const values = {
    ...snapshotValues(snapshot),
    syncedAt,
    disconnectedAt: null,
    updatedAt: new Date(),
  };
  await db.transaction(async (tx) => {
    await tx
      .insert(stripeAccounts)
      .values({ shopId, ...values, connectedAt: new Date() })
      .onConflictDoUpdate({
        target: stripeAccounts.shopId,
        set: { ...values, creationKey: null, connectedAt: new Date() },
      });
    await tx.update(shops).set({ connectStatus: snapshot.status }).where(eq(shops.id, shopId));
  });
  expireShopStorefronts([shopId]);
}

/**
 * Applies a newer view of an account to every shop that holds it. Snapshots older than what is
 * stored (`observedAt` < `synced_at`) change nothing: out-of-order events never move a status
 * backwards. Disconnected shops stay disconnected. Returns the number of shops updated.
 */
export async function applyAccountSnapshot(
  snapshot: AccountSnapshot,
  observedAt: Date,
  opts: { force?: boolean; shopId?: string } = {},
  db: Executor = getDb(),
): Promise<number> {
  return db
    .transaction(async (tx) => {
      const conditions = [
        eq(stripeAccounts.accountId, snapshot.accountId),
        isNull(stripeAccounts.disconnectedAt),
      ];
      if (opts.shopId) conditions.push(eq(stripeAccounts.shopId, opts.shopId));
      if (!opts.force)
        conditions.push(
          or(isNull(stripeAccounts.syncedAt), lte(stripeAccounts.syncedAt, observedAt))!,
        );
      const updated = await tx
        .update(stripeAccounts)
        .set({
          ...snapshotValues(snapshot),
          // A direct read is current: never let the stored time go backwards either.
          syncedAt: sql`greatest(${stripeAccounts.syncedAt}, ${observedAt.toISOString()}::timestamptz)`,
          updatedAt: new Date(),
        })
        .where(and(...conditions))
        .returning({ shopId: stripeAccounts.shopId });
      const ids = updated.map((r) => r.shopId);
      if (ids.length > 0)
        await tx
          .update(shops)
          .set({ connectStatus: snapshot.status })
          .where(inArray(shops.id, ids));
      return ids;
    })
    .then((ids) => {
      // Checkout opens or closes on the storefront with the status.
      expireShopStorefronts(ids);
      return ids.length;
    });
}

/**
 * The account revoked the platform's access: every shop holding it (connected before the event)
 * is marked disconnected, which closes its checkout. Returns the number of shops changed.
 */
export async function markAccountDisconnected(
  accountId: string,
  eventCreated: Date,
  db: Executor = getDb(),
): Promise<number> {
  return db
    .transaction(async (tx) => {
      const updated = await tx
        .update(stripeAccounts)
        .set({ disconnectedAt: new Date(), updatedAt: new Date() })
        .where(
          and(
            eq(stripeAccounts.accountId, accountId),
            isNull(stripeAccounts.disconnectedAt),
            // A deauthorization from before a reconnection must not cut the new connection.
            sql`date_trunc('second', ${stripeAccounts.connectedAt}) <= ${eventCreated.toISOString()}::timestamptz`,
          ),
        )
        .returning({ shopId: stripeAccounts.shopId });
      const ids = updated.map((r) => r.shopId);
      if (ids.length > 0)
        await tx.update(shops).set({ connectStatus: "disconnected" }).where(inArray(shops.id, ids));
      return ids;
    })
    .then((ids) => {
      expireShopStorefronts(ids);
      return ids.length;
    });
}

/** Disconnects one shop (the merchant's own action). */
export async function disconnectShop(shopId: string, db: Executor = getDb()) {
  await db.transaction(async (tx) => {
    await tx
      .update(stripeAccounts)
      .set({ disconnectedAt: new Date(), updatedAt: new Date() })
      .where(eq(stripeAccounts.shopId, shopId));
    await tx.update(shops).set({ connectStatus: "disconnected" }).where(eq(shops.id, shopId));
  });
  expireShopStorefronts([shopId]);
}

/** Unlinks a platform-created account from the shop: the shop is back to not connected. */
export async function unlinkShopAccount(shopId: string, db: Executor = getDb()) {
  await db.transaction(async (tx) => {
    await tx.delete(stripeAccounts).where(eq(stripeAccounts.shopId, shopId));
    await tx.update(shops).set({ connectStatus: "not_connected" }).where(eq(shops.id, shopId));
  });
  expireShopStorefronts([shopId]);
}

export async function shopIdsForAccount(accountId: string, db: Executor = getDb()) {
  const rows = await db
    .select({ shopId: stripeAccounts.shopId })
    .from(stripeAccounts)
    .where(and(eq(stripeAccounts.accountId, accountId), isNull(stripeAccounts.disconnectedAt)));
  return rows.map((r) => r.shopId);
}

// ── OAuth state ─────────────────────────────────────────────────────────────

export async function saveOAuthState(input: {
  stateHash: string;
  userId: string;
  shopId: string;
  expiresAt: Date;
}) {
  await getDb().insert(oauthStates).values(input);
}

export type ConsumeStateResult =
  | { ok: true; shopId: string }
  | { ok: false; reason: "unknown" | "used" | "expired" | "foreign"; shopId?: string };

/**
 * Uses a state exactly once. It must exist, be unused, unexpired and belong to `userId`.
 * A foreign user's attempt does not burn the owner's state.
 */
export async function consumeOAuthState(
  stateHash: string,
  userId: string,
  now: Date,
): Promise<ConsumeStateResult> {
  return getDb().transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(oauthStates)
      .where(eq(oauthStates.stateHash, stateHash))
      .for("update");
    if (!row) return { ok: false, reason: "unknown" } as const;
    if (row.userId !== userId) return { ok: false, reason: "foreign" } as const;
    if (row.usedAt) return { ok: false, reason: "used", shopId: row.shopId } as const;
    if (row.expiresAt <= now) return { ok: false, reason: "expired", shopId: row.shopId } as const;
    const [claimed] = await tx
      .update(oauthStates)
      .set({ usedAt: now })
      .where(and(eq(oauthStates.stateHash, stateHash), isNull(oauthStates.usedAt)))
      .returning({ shopId: oauthStates.shopId });
    if (!claimed) return { ok: false, reason: "used", shopId: row.shopId } as const;
    return { ok: true, shopId: claimed.shopId } as const;
  });
}

/** Old states are useless after they expire; keep the table small. */
export async function purgeExpiredOAuthStates(now: Date) {
  await getDb()
    .delete(oauthStates)
    .where(lte(oauthStates.expiresAt, new Date(now.getTime() - 24 * 3600_000)));
}

export async function countLiveOAuthStates(shopId: string, now: Date) {
  const rows = await getDb()
    .select({ n: sql<number>`count(*)::int` })
    .from(oauthStates)
    .where(
      and(
        eq(oauthStates.shopId, shopId),
        gt(oauthStates.expiresAt, now),
        isNull(oauthStates.usedAt),
      ),
    );
  return rows[0]?.n ?? 0;
}
