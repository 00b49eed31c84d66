import "server-only";
import { eq, sql } from "drizzle-orm";
import { getDb, type Executor } from "../client";
import { isUuid } from "./ids";
import { users, type UserRole } from "../schema";

export type SessionUser = {
  id: string;
  email: string;
  name: string;
  role: UserRole;
  lockedAt: Date | null;
  /** Sessions carry the version they were issued under; an older one is signed out. */
  sessionVersion: number;
};

const sessionUserColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  lockedAt: users.lockedAt,
  sessionVersion: users.sessionVersion,
};

export function normaliseEmail(email: string) {
  return email.trim().toLowerCase();
}

export async function findUserForSignIn(email: string) {
  const [row] = await getDb()
    .select({ ...sessionUserColumns, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(sql`lower(${users.email})`, normaliseEmail(email)))
    .limit(1);
  return row ?? null;
}

export async function findUserById(id: string): Promise<SessionUser | null> {
  // A token's id is only ever ours, but a forged or stale one must not reach the uuid cast.
  if (!isUuid(id)) return null;
  const [row] = await getDb()
    .select(sessionUserColumns)
    .from(users)
    .where(eq(users.id, id))
    .limit(1);
  return row ?? null;
}

export async function emailIsTaken(email: string, db: Executor = getDb()) {
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(sql`lower(${users.email})`, normaliseEmail(email)))
    .limit(1);
  return row !== undefined;
}

/** Creates a user; returns null when the e-mail is already registered (unique index). */
export async function createUser(
  input: { email: string; name: string; passwordHash: string; role?: UserRole },
  db: Executor = getDb(),
): Promise<SessionUser | null> {
  const rows = await db
    .insert(users)
    .values({
      email: normaliseEmail(input.email),
      name: input.name.trim(),
      passwordHash: input.passwordHash,
      role: input.role ?? "merchant",
    })
    .onConflictDoNothing()
    .returning(sessionUserColumns);
  return rows[0] ?? null;
}

export async function setUserRole(email: string, role: UserRole) {
  const rows = await getDb()
    .update(users)
    .set({ role })
    .where(eq(sql`lower(${users.email})`, normaliseEmail(email)))
    .returning(sessionUserColumns);
  return rows[0] ?? null;
}

/** A new password also ends every session signed in with the old one. */
export async function setUserPassword(email: string, passwordHash: string) {
  await getDb()
    .update(users)
    .set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(sql`lower(${users.email})`, normaliseEmail(email)));
}

/** Signs the user out everywhere: every session issued before now stops working. */
export async function endUserSessions(userId: string) {
  await getDb()
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, userId));
}
