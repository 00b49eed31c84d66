import "server-only";
import { isShopSlug, isUuid } from "./ids";
import { and, asc, eq } from "drizzle-orm";
import { getDb } from "../client";
import { shopMembers, shops, type ConnectStatus } from "../schema";

export type ShopSummary = {
  id: string;
  slug: string;
  name: string;
  currency: string;
  country: string;
  connectStatus: ConnectStatus;
  suspendedAt: Date | null;
  suspensionReason: string | null;
  staffRefundLimit: number;
  createdAt: Date;
};

const summaryColumns = {
  id: shops.id,
  slug: shops.slug,
  name: shops.name,
  currency: shops.currency,
  country: shops.country,
  connectStatus: shops.connectStatus,
  suspendedAt: shops.suspendedAt,
  suspensionReason: shops.suspensionReason,
  staffRefundLimit: shops.staffRefundLimit,
  createdAt: shops.createdAt,
};

export type CreateShopResult =
  { ok: true; shop: ShopSummary } | { ok: false; reason: "slug_taken" };

/** Creates a shop and makes the user its owner, atomically. */
export async function createShopForUser(
  userId: string,
  input: { name: string; slug: string; currency: string; country: string },
): Promise<CreateShopResult> {
  return getDb().transaction(async (tx) => {
    const [shop] = await tx
      .insert(shops)
      .values({
        name: input.name.trim(),
        slug: input.slug,
        currency: input.currency.toUpperCase(),
        country: input.country.toUpperCase(),
      })
      .onConflictDoNothing()
      .returning(summaryColumns);
    if (!shop) return { ok: false, reason: "slug_taken" } as const;
    await tx.insert(shopMembers).values({ shopId: shop.id, userId, role: "owner" });
    return { ok: true, shop } as const;
  });
}

export async function slugIsTaken(slug: string) {
  const [row] = await getDb()
    .select({ id: shops.id })
    .from(shops)
    .where(eq(shops.slug, slug))
    .limit(1);
  return row !== undefined;
}

export async function listShopsForUser(userId: string) {
  return getDb()
    .select({ ...summaryColumns, memberRole: shopMembers.role })
    .from(shopMembers)
    .innerJoin(shops, eq(shops.id, shopMembers.shopId))
    .where(eq(shopMembers.userId, userId))
    .orderBy(asc(shops.createdAt), asc(shops.name));
}

/** The shop with the caller's membership, or null when the user is not a member. */
export async function findShopForMember(slug: string, userId: string) {
  if (!isShopSlug(slug) || !isUuid(userId)) return null;
  const [row] = await getDb()
    .select({ ...summaryColumns, memberRole: shopMembers.role })
    .from(shops)
    .innerJoin(shopMembers, and(eq(shopMembers.shopId, shops.id), eq(shopMembers.userId, userId)))
    .where(eq(shops.slug, slug))
    .limit(1);
  return row ?? null;
}

/** Public facts about a shop for its storefront. */
export async function findPublicShop(slug: string) {
  if (!isShopSlug(slug)) return null;
  const [row] = await getDb()
    .select({
      id: shops.id,
      slug: shops.slug,
      name: shops.name,
      currency: shops.currency,
      connectStatus: shops.connectStatus,
      suspendedAt: shops.suspendedAt,
    })
    .from(shops)
    .where(eq(shops.slug, slug))
    .limit(1);
  return row ?? null;
}

/** Internal lookups by id (OAuth callback after the state bound the shop to the caller). */
export async function findShopById(id: string) {
  const [row] = await getDb().select(summaryColumns).from(shops).where(eq(shops.id, id)).limit(1);
  return row ?? null;
}

/** A shop by id, only when `userId` is a member of it. */
export async function findShopByIdForMember(id: string, userId: string) {
  const [row] = await getDb()
    .select(summaryColumns)
    .from(shops)
    .innerJoin(shopMembers, and(eq(shopMembers.shopId, shops.id), eq(shopMembers.userId, userId)))
    .where(eq(shops.id, id))
    .limit(1);
  return row ?? null;
}
