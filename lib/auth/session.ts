import "server-only";
import { notFound, redirect } from "next/navigation";
import { connection } from "next/server";
import { findShopForMember } from "@/db/queries/shops";
import { findUserById, type SessionUser } from "@/db/queries/users";
import { auth } from "./index";
import { can, notPermittedMessage, type ShopPermission, type ShopRole } from "./permissions";
import { sessionIsCurrent } from "./session-version";

/**
 * The signed-in user, re-read from the database on every call so that a locked account, a
 * removed admin role or a sign-out elsewhere takes effect at once, whatever the JWT still says.
 */
export async function getCurrentUser(): Promise<SessionUser | null> {
  // Request-time only: Auth.js draws random values, which must not run while prerendering.
  await connection();
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  const user = await findUserById(id);
  if (!user || !sessionIsCurrent(user, session.user.sessionVersion ?? 0)) return null;
  return user;
}

export async function requireUser(): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  return user;
}

export type MemberShop = NonNullable<Awaited<ReturnType<typeof findShopForMember>>>;
export type Membership = { shop: MemberShop; role: ShopRole };

/** The shop named by `slug` with the user's membership in it, or null (no such shop, or not a member). */
export async function loadMembership(slug: unknown, userId: string): Promise<Membership | null> {
  if (typeof slug !== "string" || slug.length > 64) return null;
  const shop = await findShopForMember(slug, userId);
  return shop ? { shop, role: shop.memberRole } : null;
}

/** For pages: the shop with the caller's membership, or a 404 for everyone else. */
export async function requireShopMember(slug: string) {
  const user = await requireUser();
  const member = await loadMembership(slug, user.id);
  if (!member) notFound();
  return { user, ...member };
}

/**
 * For pages and route handlers that need a permission: the membership and whether the role may
 * (pages show `refusal` instead of their content; the server actions refuse on their own).
 */
export async function requireShopPermission(slug: string, permission: ShopPermission) {
  const ctx = await requireShopMember(slug);
  const allowed = can(ctx.role, permission);
  return { ...ctx, allowed, refusal: allowed ? null : notPermittedMessage(ctx.role) };
}

export async function requireAdmin(): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user || user.role !== "admin") notFound();
  return user;
}

/**
 * For route handlers under /dashboard/{shop}: the caller's membership when the role has the
 * permission; otherwise the response to send (404 for strangers, 403 for a member whose role
 * may not).
 */
export async function shopRouteAccess(slug: string, permission: ShopPermission) {
  const user = await getCurrentUser();
  const member = user ? await loadMembership(slug, user.id) : null;
  if (!user || !member) {
    return { ok: false as const, response: new Response("Not found", { status: 404 }) };
  }
  if (!can(member.role, permission)) {
    return {
      ok: false as const,
      response: new Response(notPermittedMessage(member.role), { status: 403 }),
    };
  }
  return { ok: true as const, user, ...member };
}
