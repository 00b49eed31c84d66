"use server";

import { refresh } from "next/cache";
import { z } from "zod";
import {
  changeMemberRole,
  removeMember,
  revokeInvitation,
  setStaffRefundLimit,
  type MembershipChange,
} from "@/db/queries/members";
import { recordId, redirectTo, shopAction } from "@/lib/action-pipeline";
import { SHOP_ROLES } from "@/lib/auth/permissions";
import { emailSchema } from "@/lib/auth/validation";
import { AppError } from "@/lib/errors";
import { INVITATION_TTL_DAYS, inviteMember } from "@/lib/members/invitations";
import { formatMoney, parseMoney } from "@/lib/money";

const permission = "members.manage";
const MEMBER_GONE = "This person is no longer a member of the shop.";
const LAST_OWNER =
  "A shop needs at least one owner. Make someone else an owner first, then try again.";
const role = z.enum(SHOP_ROLES, { message: "Choose Owner or Staff." });
const memberRef = z.object({ userId: recordId(MEMBER_GONE) });

function settled(result: MembershipChange) {
  if (result.ok) return;
  throw result.reason === "last_owner"
    ? AppError.conflict(LAST_OWNER)
    : AppError.notFound(MEMBER_GONE);
}

export const inviteMemberAction = shopAction(
  { schema: z.object({ email: emailSchema, role }), permission },
  async function inviteMemberAction({ shop, user, input }) {
    const result = await inviteMember({ shop, actor: user, email: input.email, role: input.role });
    if (!result.ok) {
      throw AppError.conflict("", { email: "This person is already a member of the shop." });
    }
    refresh();
    return {
      status: "success",
      message: `${result.replaced ? "A new invitation was sent" : "Invitation sent"} to ${input.email}. The link works once, for ${INVITATION_TTL_DAYS} days.`,
    };
  },
);

export const revokeInvitationAction = shopAction(
  {
    schema: z.object({
      invitationId: recordId("This invitation was already answered or withdrawn."),
    }),
    permission,
  },
  async function revokeInvitationAction({ shop, user, input }) {
    const revoked = await revokeInvitation(shop.id, input.invitationId, user);
    if (!revoked) throw AppError.notFound("This invitation was already answered or withdrawn.");
    // The row goes away with its button: the page says what happened.
    return redirectTo(`/dashboard/${shop.slug}/settings/members?notice=withdrawn`);
  },
);

export const changeMemberRoleAction = shopAction(
  { schema: memberRef.extend({ role }), permission },
  async function changeMemberRoleAction({ shop, user, input }) {
    settled(await changeMemberRole(shop.id, input.userId, input.role, user));
    refresh();
    return { status: "success", message: `Role changed to ${input.role}.` };
  },
);

export const removeMemberAction = shopAction(
  { schema: memberRef, permission },
  async function removeMemberAction({ shop, user, input }) {
    settled(await removeMember(shop.id, input.userId, user));
    if (input.userId === user.id) return redirectTo("/dashboard?notice=left");
    return redirectTo(`/dashboard/${shop.slug}/settings/members?notice=removed`);
  },
);

/** Any member may leave a shop, except its last owner. */
export const leaveShopAction = shopAction(
  {
    schema: z.object({
      confirm: z.literal("leave", { message: "Confirm that you want to leave." }),
    }),
    permission: "shop.view",
  },
  async function leaveShopAction({ shop, user }) {
    settled(await removeMember(shop.id, user.id, user));
    return redirectTo("/dashboard?notice=left");
  },
);

export const setStaffRefundLimitAction = shopAction(
  { schema: z.object({ staffRefundLimit: z.string().max(30) }), permission },
  async function setStaffRefundLimitAction({ shop, user, input }) {
    const money = parseMoney(input.staffRefundLimit, shop.currency);
    if (!money.ok) throw AppError.invalid({ staffRefundLimit: money.error });
    if (money.minor > 100_000_000) {
      throw AppError.invalid({ staffRefundLimit: "That is more than any order could need." });
    }
    await setStaffRefundLimit(shop.id, money.minor, user);
    refresh();
    return {
      status: "success",
      message: `Staff can now refund up to ${formatMoney(money.minor, shop.currency)} per order.`,
    };
  },
);
