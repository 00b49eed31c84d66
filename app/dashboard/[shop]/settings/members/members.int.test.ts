// Staff invitations and membership, through the actions as a browser calls them: invite by
// e-mail (a signed, single-use, expiring link sent through the outbox), accept, change roles,
// remove, leave; the last owner stays; every change is audited.
import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db/client";
import { listMembers } from "@/db/queries/members";
import { findShopForMember } from "@/db/queries/shops";
import { auditLog, emailOutbox, shopInvitations } from "@/db/schema";
import { idleState } from "@/lib/actions";
import { invitationToken } from "@/lib/members/invitations";
import { makeMember, makeShop, makeUser } from "@/lib/testing/factories";
import { session } from "@/lib/testing/session";

vi.mock("next/cache", () => ({ refresh: () => {}, updateTag: () => {}, revalidateTag: () => {} }));
vi.mock("next/navigation", () => ({
  redirect: (url: string) => {
    throw Object.assign(new Error("NEXT_REDIRECT"), { digest: "NEXT_REDIRECT", url });
  },
}));

const members = await import("./actions");
const { acceptInvitationAction } = await import("@/app/invitations/[token]/actions");

function form(fields: Record<string, string>) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  return fd;
}

async function redirected(promise: Promise<unknown>) {
  const error = (await promise.then(
    (state) => ({ state }),
    (e: { url?: string }) => e,
  )) as { url?: string; state?: unknown };
  if (!error.url) throw new Error(`expected a redirect, got ${JSON.stringify(error.state)}`);
  return error.url;
}

async function ownerWithShop() {
  const owner = await makeUser();
  const shop = await makeShop(owner.id);
  session.user = owner;
  return { owner, shop };
}

async function auditActions(shopId: string) {
  const rows = await getDb()
    .select({ action: auditLog.action })
    .from(auditLog)
    .where(eq(auditLog.shopId, shopId));
  return rows.map((r) => r.action);
}

async function linkTo(shopId: string, email: string) {
  const [inv] = await getDb()
    .select()
    .from(shopInvitations)
    .where(and(eq(shopInvitations.shopId, shopId), eq(shopInvitations.email, email)))
    .orderBy(shopInvitations.createdAt);
  return { invitation: inv!, token: invitationToken(inv!.id) };
}

beforeEach(() => {
  session.user = null;
});

describe("invitations", () => {
  it("an owner invites by e-mail; the invitee signs in with that address and joins as staff, once", async () => {
    const { shop } = await ownerWithShop();
    const invitee = await makeUser();
    const sent = await members.inviteMemberAction(
      idleState,
      form({ shop: shop.slug, email: invitee.email.toUpperCase(), role: "staff" }),
    );
    expect(sent).toMatchObject({ status: "success" });
    const { token, invitation } = await linkTo(shop.id, invitee.email);
    // The link goes out through the outbox, once, signed.
    const mail = await getDb()
      .select()
      .from(emailOutbox)
      .where(eq(emailOutbox.dedupeKey, `shop-invitation:${invitation.id}`));
    expect(mail).toHaveLength(1);
    expect(mail[0]!.to).toBe(invitee.email);
    expect(mail[0]!.text).toContain(`/invitations/${encodeURIComponent(token)}`);
    expect(mail[0]!.html).toContain("Accept the invitation");

    // Someone else signed in cannot use it; nor can a forged token.
    session.user = await makeUser();
    expect(await acceptInvitationAction(idleState, form({ token }))).toMatchObject({
      code: "forbidden",
    });
    session.user = invitee;
    const forged = `${invitation.id}.${"A".repeat(43)}`;
    expect(await acceptInvitationAction(idleState, form({ token: forged }))).toMatchObject({
      code: "not_found",
    });

    const url = await redirected(acceptInvitationAction(idleState, form({ token })));
    expect(url).toBe(`/dashboard/${shop.slug}?notice=joined`);
    expect(await findShopForMember(shop.slug, invitee.id)).toMatchObject({ memberRole: "staff" });
    expect(await acceptInvitationAction(idleState, form({ token }))).toMatchObject({
      code: "conflict",
      message: "This invitation was already used.",
    });
    expect(await auditActions(shop.id)).toEqual(
      expect.arrayContaining(["shop.member_invited", "shop.member_joined"]),
    );
  });

  it("refuses expired and withdrawn invitations; a resend replaces the old link", async () => {
    const { shop } = await ownerWithShop();
    const invitee = await makeUser();
    await members.inviteMemberAction(
      idleState,
      form({ shop: shop.slug, email: invitee.email, role: "staff" }),
    );
    const first = await linkTo(shop.id, invitee.email);
    const again = await members.inviteMemberAction(
      idleState,
      form({ shop: shop.slug, email: invitee.email, role: "owner" }),
    );
    expect(again.message).toMatch(/A new invitation was sent/);
    session.user = invitee;
    expect(await acceptInvitationAction(idleState, form({ token: first.token }))).toMatchObject({
      message: expect.stringMatching(/withdrawn/),
    });
    const [second] = await getDb()
      .select()
      .from(shopInvitations)
      .where(and(eq(shopInvitations.shopId, shop.id), eq(shopInvitations.role, "owner")));
    await getDb()
      .update(shopInvitations)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(shopInvitations.id, second!.id));
    expect(
      await acceptInvitationAction(idleState, form({ token: invitationToken(second!.id) })),
    ).toMatchObject({ message: expect.stringMatching(/expired/) });
    expect(await findShopForMember(shop.slug, invitee.id)).toBeNull();
  });

  it("refuses inviting an existing member and bad input, next to the field", async () => {
    const { shop, owner } = await ownerWithShop();
    expect(
      await members.inviteMemberAction(
        idleState,
        form({ shop: shop.slug, email: owner.email, role: "staff" }),
      ),
    ).toMatchObject({ fieldErrors: { email: "This person is already a member of the shop." } });
    expect(
      await members.inviteMemberAction(
        idleState,
        form({ shop: shop.slug, email: "not-an-address", role: "boss" }),
      ),
    ).toMatchObject({
      code: "invalid",
      fieldErrors: { email: expect.any(String), role: "Choose Owner or Staff." },
    });
  });

  it("an owner withdraws a pending invitation", async () => {
    const { shop } = await ownerWithShop();
    await members.inviteMemberAction(
      idleState,
      form({ shop: shop.slug, email: "later@example.test", role: "staff" }),
    );
    const { invitation } = await linkTo(shop.id, "later@example.test");
    const state = members.revokeInvitationAction(
      idleState,
      form({ shop: shop.slug, invitationId: invitation.id }),
    );
    expect(await redirected(state)).toBe(
      `/dashboard/${shop.slug}/settings/members?notice=withdrawn`,
    );
    expect(await auditActions(shop.id)).toContain("shop.invitation_revoked");
  });
});

describe("members", () => {
  it("changes roles and removes members; the last owner can neither leave nor be demoted", async () => {
    const { shop, owner } = await ownerWithShop();
    const staff = await makeMember(shop.id, "staff");
    expect(
      await members.changeMemberRoleAction(
        idleState,
        form({ shop: shop.slug, userId: owner.id, role: "staff" }),
      ),
    ).toMatchObject({ code: "conflict", message: expect.stringMatching(/at least one owner/) });
    expect(
      await members.removeMemberAction(idleState, form({ shop: shop.slug, userId: owner.id })),
    ).toMatchObject({ code: "conflict" });
    session.user = owner;
    expect(
      await members.changeMemberRoleAction(
        idleState,
        form({ shop: shop.slug, userId: staff.id, role: "owner" }),
      ),
    ).toMatchObject({ status: "success" });
    // Two owners now: the first may step down to staff.
    expect(
      await members.changeMemberRoleAction(
        idleState,
        form({ shop: shop.slug, userId: owner.id, role: "staff" }),
      ),
    ).toMatchObject({ status: "success" });
    // …and is now refused what staff may not do, at once.
    expect(
      await members.removeMemberAction(idleState, form({ shop: shop.slug, userId: staff.id })),
    ).toMatchObject({ code: "forbidden" });
    session.user = staff;
    expect(
      await redirected(
        members.removeMemberAction(idleState, form({ shop: shop.slug, userId: owner.id })),
      ),
    ).toBe(`/dashboard/${shop.slug}/settings/members?notice=removed`);
    expect((await listMembers(shop.id)).map((m) => m.userId)).toEqual([staff.id]);
    expect(await auditActions(shop.id)).toEqual(
      expect.arrayContaining(["shop.member_role_changed", "shop.member_removed"]),
    );
  });

  it("two owners leaving at once: one of them stays", async () => {
    const { shop, owner } = await ownerWithShop();
    const other = await makeMember(shop.id, "owner");
    const { removeMember } = await import("@/db/queries/members");
    const results = await Promise.all([
      removeMember(shop.id, owner.id, owner),
      removeMember(shop.id, other.id, other),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.reason === "last_owner")).toHaveLength(1);
    expect(await listMembers(shop.id)).toHaveLength(1);
  });

  it("staff may leave; the owner sets the staff refund limit", async () => {
    const { shop, owner } = await ownerWithShop();
    const staff = await makeMember(shop.id, "staff");
    const saved = await members.setStaffRefundLimitAction(
      idleState,
      form({ shop: shop.slug, staffRefundLimit: "25.50" }),
    );
    expect(saved).toMatchObject({ status: "success", message: expect.stringContaining("$25.50") });
    expect((await findShopForMember(shop.slug, owner.id))?.staffRefundLimit).toBe(2550);
    expect(
      await members.setStaffRefundLimitAction(
        idleState,
        form({ shop: shop.slug, staffRefundLimit: "-3" }),
      ),
    ).toMatchObject({ code: "invalid", fieldErrors: { staffRefundLimit: expect.any(String) } });
    session.user = staff;
    const url = await redirected(
      members.leaveShopAction(idleState, form({ shop: shop.slug, confirm: "leave" })),
    );
    expect(url).toBe("/dashboard?notice=left");
    expect(await findShopForMember(shop.slug, staff.id)).toBeNull();
    expect(await auditActions(shop.id)).toEqual(
      expect.arrayContaining(["shop.member_left", "shop.staff_refund_limit_changed"]),
    );
  });
});
