import "server-only";
import { count, eq, isNotNull, sql } from "drizzle-orm";
import { getDb } from "../client";
import { shops, users } from "../schema";

export async function adminCounts() {
  const db = getDb();
  const [[shopTotal], [active], [attention], [suspended], [userTotal], [admins]] =
    await Promise.all([
      db.select({ n: count() }).from(shops),
      db.select({ n: count() }).from(shops).where(eq(shops.connectStatus, "active")),
      db
        .select({ n: count() })
        .from(shops)
        .where(
          sql`${shops.suspendedAt} is not null or ${shops.connectStatus} in ('restricted', 'disconnected', 'rejected')`,
        ),
      db.select({ n: count() }).from(shops).where(isNotNull(shops.suspendedAt)),
      db.select({ n: count() }).from(users),
      db.select({ n: count() }).from(users).where(eq(users.role, "admin")),
    ]);
  return {
    shops: shopTotal?.n ?? 0,
    activeShops: active?.n ?? 0,
    needingAttention: attention?.n ?? 0,
    suspended: suspended?.n ?? 0,
    users: userTotal?.n ?? 0,
    admins: admins?.n ?? 0,
  };
}
