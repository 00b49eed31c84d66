"use server";

import { z } from "zod";
import { acceptInvitation } from "@/db/queries/members";
import { redirectTo, userAction } from "@/lib/action-pipeline";
import { AppError } from "@/lib/errors";
import { invitationIdFromToken } from "@/lib/members/invitations";

const REFUSED = {
  not_found: "This invitation link is not valid. Ask the shop's owner for a new one.",
  used: "This invitation was already used.",
  revoked: "This invitation was withdrawn. Ask the shop's owner for a new one.",
  expired: "This invitation has expired. Ask the shop's owner for a new one.",
  wrong_email:
    "This invitation was sent to another e-mail address. Sign in with that address to accept it.",
} as const;

/** The invitee (signed in with the invited e-mail address) joins the shop, once. */
export const acceptInvitationAction = userAction(
  { schema: z.object({ token: z.string().max(200) }) },
  async function acceptInvitationAction({ user, input }) {
    const id = invitationIdFromToken(input.token);
    if (!id) throw AppError.notFound(REFUSED.not_found);
    const result = await acceptInvitation(id, user);
    if (!result.ok) {
      throw result.reason === "not_found"
        ? AppError.notFound(REFUSED.not_found)
        : result.reason === "wrong_email"
          ? AppError.forbidden(REFUSED.wrong_email)
          : AppError.conflict(REFUSED[result.reason]);
    }
    return redirectTo(`/dashboard/${result.shopSlug}?notice=joined`);
  },
);
