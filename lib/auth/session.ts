import "server-only";
import { notFound, redirect } from "next/navigation";
import { connection } from "next/server";
import { findShopForMember } from "@/db/queries/shops";
import { findUserById, type SessionUser } from "@/db/queries/users";
import { auth } from "./index";
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

/** For pages: the shop with the caller's membership, or a 404 for everyone else. */
export async function requireShopMember(slug: string) {
  const user = await requireUser();
  const shop = await findShopForMember(slug, user.id);
  if (!shop) notFound();
  return { user, shop };
}

/** For server actions: same check, returned instead of thrown. */
export async function loadShopForAction(slug: unknown) {
  if (typeof slug !== "string" || slug.length > 64) return null;
  const user = await getCurrentUser();
  if (!user) return null;
  const shop = await findShopForMember(slug, user.id);
  return shop ? { user, shop } : null;
}

export async function requireAdmin(): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user || user.role !== "admin") notFound();
  return user;
}

/** For admin server actions: the admin, or null (the action then refuses). */
export async function loadAdminForAction() {
  const user = await getCurrentUser();
  return user?.role === "admin" ? user : null;
}
