import "server-only";
import { and, asc, count, desc, eq, gt, isNull, sql } from "drizzle-orm";
import { getDb, type Tx } from "../client";
import { shopInvitations, shopMembers, shops, users, type ShopMemberRole } from "../schema";
import { isUuid } from "./ids";
import { recordAudit } from "./platform";

// Shop members and invitations. Every change to membership is audited in the same transaction,
// and every change that could leave a shop without an owner takes the shop row's lock first, so
// two owners leaving at once cannot both succeed.

type Actor = { id: string; email: string };

export async function listMembers(shopId: string) {
  return getDb()
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      role: shopMembers.role,
      joinedAt: shopMembers.createdAt,
    })
    .from(shopMembers)
    .innerJoin(users, eq(users.id, shopMembers.userId))
    .where(eq(shopMembers.shopId, shopId))
    .orderBy(asc(shopMembers.role), asc(users.name), asc(users.email));
}

export type MemberRow = Awaited<ReturnType<typeof listMembers>>[number];

/** Invitations still waiting for an answer (expired ones included, marked by their date). */
export async function listOpenInvitations(shopId: string) {
  return getDb()
    .select({
      id: shopInvitations.id,
      email: shopInvitations.email,
      role: shopInvitations.role,
      createdAt: shopInvitations.createdAt,
      expiresAt: shopInvitations.expiresAt,
      invitedByName: users.name,
    })
    .from(shopInvitations)
    .leftJoin(users, eq(users.id, shopInvitations.invitedBy))
    .where(
      and(
        eq(shopInvitations.shopId, shopId),
        isNull(shopInvitations.acceptedAt),
        isNull(shopInvitations.revokedAt),
      ),
    )
    .orderBy(desc(shopInvitations.createdAt));
}

export type InvitationRow = Awaited<ReturnType<typeof listOpenInvitations>>[number];

async function lockShop(tx: Tx, shopId: string) {
  await tx.select({ id: shops.id }).from(shops).where(eq(shops.id, shopId)).for("update");
}

async function ownerCount(tx: Tx, shopId: string) {
  const [row] = await tx
    .select({ n: count() })
    .from(shopMembers)
    .where(and(eq(shopMembers.shopId, shopId), eq(shopMembers.role, "owner")));
  return row?.n ?? 0;
}

export type InviteResult =
  { ok: true; id: string; replaced: boolean } | { ok: false; reason: "already_member" };

/**
 * A new invitation for `email`. An open invitation to the same address is revoked and replaced
 * (a resend gets a fresh link and a fresh expiry; the old link stops working).
 */
export async function createInvitation(input: {
  shopId: string;
  email: string;
  role: ShopMemberRole;
  expiresAt: Date;
  actor: Actor;
}): Promise<InviteResult> {
  const email = input.email.trim().toLowerCase();
  return getDb().transaction(async (tx) => {
    await lockShop(tx, input.shopId);
    const [member] = await tx
      .select({ id: users.id })
      .from(shopMembers)
      .innerJoin(users, eq(users.id, shopMembers.userId))
      .where(and(eq(shopMembers.shopId, input.shopId), eq(sql`lower(${users.email})`, email)))
      .limit(1);
    if (member) return { ok: false, reason: "already_member" } as const;
    const revoked = await tx
      .update(shopInvitations)
      .set({ revokedAt: new Date() })
      .where(
        and(
          eq(shopInvitations.shopId, input.shopId),
          eq(sql`lower(${shopInvitations.email})`, email),
          isNull(shopInvitations.acceptedAt),
          isNull(shopInvitations.revokedAt),
        ),
      )
      .returning({ id: shopInvitations.id });
    const [row] = await tx
      .insert(shopInvitations)
      .values({
        shopId: input.shopId,
        email,
        role: input.role,
        invitedBy: input.actor.id,
        expiresAt: input.expiresAt,
      })
      .returning({ id: shopInvitations.id });
    await recordAudit(
      {
        actor: input.actor,
        action: "shop.member_invited",
        shopId: input.shopId,
        target: { type: "invitation", id: row!.id },
        after: { email, role: input.role, expiresAt: input.expiresAt.toISOString() },
        before: revoked.length > 0 ? { replacedInvitations: revoked.map((r) => r.id) } : null,
      },
      tx,
    );
    return { ok: true, id: row!.id, replaced: revoked.length > 0 } as const;
  });
}

export async function revokeInvitation(shopId: string, invitationId: string, actor: Actor) {
  if (!isUuid(invitationId)) return null;
  return getDb().transaction(async (tx) => {
    const [row] = await tx
      .update(shopInvitations)
      .set({ revokedAt: new Date() })
      .where(
        and(
          eq(shopInvitations.id, invitationId),
          eq(shopInvitations.shopId, shopId),
          isNull(shopInvitations.acceptedAt),
          isNull(shopInvitations.revokedAt),
        ),
      )
      .returning({ id: shopInvitations.id, email: shopInvitations.email });
    if (!row) return null;
    await recordAudit(
      {
        actor,
        action: "shop.invitation_revoked",
        shopId,
        target: { type: "invitation", id: row.id },
        before: { email: row.email },
      },
      tx,
    );
    return row;
  });
}

/** An invitation with what its page shows (shop, inviter), whatever its state. */
export async function findInvitation(invitationId: string) {
  if (!isUuid(invitationId)) return null;
  const [row] = await getDb()
    .select({
      id: shopInvitations.id,
      shopId: shopInvitations.shopId,
      shopName: shops.name,
      shopSlug: shops.slug,
      email: shopInvitations.email,
      role: shopInvitations.role,
      expiresAt: shopInvitations.expiresAt,
      acceptedAt: shopInvitations.acceptedAt,
      acceptedBy: shopInvitations.acceptedBy,
      revokedAt: shopInvitations.revokedAt,
      invitedByName: users.name,
    })
    .from(shopInvitations)
    .innerJoin(shops, eq(shops.id, shopInvitations.shopId))
    .leftJoin(users, eq(users.id, shopInvitations.invitedBy))
    .where(eq(shopInvitations.id, invitationId))
    .limit(1);
  return row ?? null;
}

export type AcceptResult =
  | { ok: true; shopSlug: string; role: ShopMemberRole; alreadyMember: boolean }
  | { ok: false; reason: "not_found" | "used" | "revoked" | "expired" | "wrong_email" };

/**
 * Joins the shop with the invitation's role, once: the invitation row is locked, checked (open,
 * not expired, addressed to this user's e-mail) and marked accepted in one transaction.
 */
export async function acceptInvitation(
  invitationId: string,
  user: { id: string; email: string },
  now = new Date(),
): Promise<AcceptResult> {
  if (!isUuid(invitationId)) return { ok: false, reason: "not_found" };
  return getDb().transaction(async (tx): Promise<AcceptResult> => {
    const [inv] = await tx
      .select()
      .from(shopInvitations)
      .where(eq(shopInvitations.id, invitationId))
      .limit(1)
      .for("update");
    if (!inv) return { ok: false, reason: "not_found" };
    if (inv.acceptedAt) return { ok: false, reason: "used" };
    if (inv.revokedAt) return { ok: false, reason: "revoked" };
    if (inv.expiresAt <= now) return { ok: false, reason: "expired" };
    if (inv.email.toLowerCase() !== user.email.trim().toLowerCase()) {
      return { ok: false, reason: "wrong_email" };
    }
    const inserted = await tx
      .insert(shopMembers)
      .values({ shopId: inv.shopId, userId: user.id, role: inv.role })
      .onConflictDoNothing()
      .returning({ role: shopMembers.role });
    await tx
      .update(shopInvitations)
      .set({ acceptedAt: now, acceptedBy: user.id })
      .where(eq(shopInvitations.id, inv.id));
    await recordAudit(
      {
        actor: user,
        action: "shop.member_joined",
        shopId: inv.shopId,
        target: { type: "user", id: user.id },
        after: { role: inv.role, invitation: inv.id, alreadyMember: inserted.length === 0 },
      },
      tx,
    );
    const [shop] = await tx
      .select({ slug: shops.slug })
      .from(shops)
      .where(eq(shops.id, inv.shopId));
    return {
      ok: true,
      shopSlug: shop!.slug,
      role: inv.role,
      alreadyMember: inserted.length === 0,
    };
  });
}

/**
 * Runs `change` on a member with the shop row locked, unless it would leave the shop without an
 * owner: `newRole` null removes the member, otherwise the member's role becomes `newRole`
 * (nothing to do when it already is).
 */
async function ownerSafeChange(
  shopId: string,
  userId: string,
  newRole: ShopMemberRole | null,
  change: (tx: Tx, member: { role: ShopMemberRole }) => Promise<void>,
): Promise<MembershipChange> {
  if (!isUuid(userId)) return { ok: false, reason: "not_member" };
  return getDb().transaction(async (tx): Promise<MembershipChange> => {
    await lockShop(tx, shopId);
    const [member] = await tx
      .select({ role: shopMembers.role })
      .from(shopMembers)
      .where(and(eq(shopMembers.shopId, shopId), eq(shopMembers.userId, userId)));
    if (!member) return { ok: false, reason: "not_member" };
    if (member.role === newRole) return { ok: true, before: member.role };
    if (member.role === "owner" && (await ownerCount(tx, shopId)) <= 1) {
      return { ok: false, reason: "last_owner" };
    }
    await change(tx, member);
    return { ok: true, before: member.role };
  });
}

export type MembershipChange =
  { ok: true; before: ShopMemberRole } | { ok: false; reason: "not_member" | "last_owner" };

export async function changeMemberRole(
  shopId: string,
  userId: string,
  role: ShopMemberRole,
  actor: Actor,
): Promise<MembershipChange> {
  return ownerSafeChange(shopId, userId, role, async (tx, member) => {
    await tx
      .update(shopMembers)
      .set({ role })
      .where(and(eq(shopMembers.shopId, shopId), eq(shopMembers.userId, userId)));
    await recordAudit(
      {
        actor,
        action: "shop.member_role_changed",
        shopId,
        target: { type: "user", id: userId },
        before: { role: member.role },
        after: { role },
      },
      tx,
    );
  });
}

/** Removes a member (or lets one leave, when `userId` is the actor). Never the last owner. */
export async function removeMember(
  shopId: string,
  userId: string,
  actor: Actor,
): Promise<MembershipChange> {
  return ownerSafeChange(shopId, userId, null, async (tx, member) => {
    await tx
      .delete(shopMembers)
      .where(and(eq(shopMembers.shopId, shopId), eq(shopMembers.userId, userId)));
    await recordAudit(
      {
        actor,
        action: userId === actor.id ? "shop.member_left" : "shop.member_removed",
        shopId,
        target: { type: "user", id: userId },
        before: { role: member.role },
      },
      tx,
    );
  });
}

export async function setStaffRefundLimit(shopId: string, limit: number, actor: Actor) {
  return getDb().transaction(async (tx) => {
    const [before] = await tx
      .select({ limit: shops.staffRefundLimit })
      .from(shops)
      .where(eq(shops.id, shopId))
      .for("update");
    if (!before) return false;
    await tx.update(shops).set({ staffRefundLimit: limit }).where(eq(shops.id, shopId));
    await recordAudit(
      {
        actor,
        action: "shop.staff_refund_limit_changed",
        shopId,
        target: { type: "shop", id: shopId },
        before: { limit: before.limit },
        after: { limit },
      },
      tx,
    );
    return true;
  });
}

/** Open invitations of a shop that have not expired (for counts and rate checks). */
export async function countLiveInvitations(shopId: string, now = new Date()) {
  const [row] = await getDb()
    .select({ n: count() })
    .from(shopInvitations)
    .where(
      and(
        eq(shopInvitations.shopId, shopId),
        isNull(shopInvitations.acceptedAt),
        isNull(shopInvitations.revokedAt),
        gt(shopInvitations.expiresAt, now),
      ),
    );
  return row?.n ?? 0;
}

/** Adds a member directly (seed data and tests; people join through invitations). */
export async function addMember(shopId: string, userId: string, role: ShopMemberRole) {
  await getDb().insert(shopMembers).values({ shopId, userId, role }).onConflictDoNothing();
}
