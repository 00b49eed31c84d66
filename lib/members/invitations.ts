import "server-only";
import { createInvitation } from "@/db/queries/members";
import { appUrl } from "@/lib/app-url";
import { authSecret } from "@/lib/auth/secret";
import type { ShopRole } from "@/lib/auth/permissions";
import { queueEmail } from "@/lib/email/outbox";
import { invitationEmail } from "@/lib/email/templates";
import { signId, verifySignedId } from "@/lib/signed-id";

/** How long an invitation link works. */
export const INVITATION_TTL_DAYS = 7;
const PURPOSE = "bazaar-shop-invitation:v1:";

export function invitationToken(invitationId: string) {
  return signId(PURPOSE, invitationId, authSecret());
}

/** The invitation id a link was signed for, or null (malformed or forged: an unknown invitation). */
export function invitationIdFromToken(token: unknown) {
  return verifySignedId(PURPOSE, token, authSecret());
}

export function invitationPath(invitationId: string) {
  return `/invitations/${encodeURIComponent(invitationToken(invitationId))}`;
}

/**
 * Invites `email` to the shop and sends the link through the e-mail outbox (once per
 * invitation). A second invitation to the same address replaces the first.
 */
export async function inviteMember(input: {
  shop: { id: string; name: string };
  actor: { id: string; email: string; name: string };
  email: string;
  role: ShopRole;
  now?: Date;
}) {
  const expiresAt = new Date(
    (input.now ?? new Date()).getTime() + INVITATION_TTL_DAYS * 24 * 60 * 60 * 1000,
  );
  const created = await createInvitation({
    shopId: input.shop.id,
    email: input.email,
    role: input.role,
    expiresAt,
    actor: { id: input.actor.id, email: input.actor.email },
  });
  if (!created.ok) return created;
  const content = invitationEmail(
    { shopName: input.shop.name, inviterName: input.actor.name, role: input.role, expiresAt },
    appUrl(invitationPath(created.id)).toString(),
  );
  await queueEmail({
    dedupeKey: `shop-invitation:${created.id}`,
    kind: "shop_invitation",
    to: input.email.trim().toLowerCase(),
    subject: content.subject,
    text: content.text,
    html: content.html,
    shopId: input.shop.id,
  });
  return created;
}

/** Whether an invitation's link has stopped working by date. */
export function invitationExpired(expiresAt: Date, now = new Date()) {
  return expiresAt.getTime() <= now.getTime();
}
