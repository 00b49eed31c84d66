import "server-only";
import { eq } from "drizzle-orm";
import { hashPassword } from "@/lib/auth/password";
import type { Db } from "./client";
import { createUser, normaliseEmail } from "./queries/users";
import { seedDemoCatalog } from "./seed-catalog";
import { shopMembers, shops, users } from "./schema";

export const DEMO_LOGINS = {
  admin: { email: "admin@bazaar.test", password: "admin-demo-password", name: "Ada Admin" },
  merchant: {
    email: "merchant@bazaar.test",
    password: "merchant-demo-password",
    name: "Kai Merchant",
  },
} as const;

export const DEMO_SHOPS = [
  {
    slug: "kai-coffee",
    name: "Kai's Coffee Roasters",
    currency: "USD",
    country: "US",
    owner: "merchant",
  },
] as const;

async function ensureUser(
  db: Db,
  login: { email: string; password: string; name: string },
  role: "admin" | "merchant",
) {
  const [existing] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, normaliseEmail(login.email)))
    .limit(1);
  if (existing) return existing.id;
  const created = await createUser(
    {
      email: login.email,
      name: login.name,
      passwordHash: await hashPassword(login.password),
      role,
    },
    db,
  );
  if (!created) throw new Error(`could not create ${login.email}`);
  return created.id;
}

/** Idempotent: running it twice leaves one copy of everything. */
export async function seedDemo(db: Db) {
  const ids = {
    admin: await ensureUser(db, DEMO_LOGINS.admin, "admin"),
    merchant: await ensureUser(db, DEMO_LOGINS.merchant, "merchant"),
  };
  for (const shop of DEMO_SHOPS) {
    await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(shops)
        .values({
          slug: shop.slug,
          name: shop.name,
          currency: shop.currency,
          country: shop.country,
        })
        .onConflictDoNothing()
        .returning({ id: shops.id });
      if (row)
        await tx
          .insert(shopMembers)
          .values({ shopId: row.id, userId: ids[shop.owner], role: "owner" });
    });
    const [saved] = await db
      .select({ id: shops.id })
      .from(shops)
      .where(eq(shops.slug, shop.slug))
      .limit(1);
    if (saved) await seedDemoCatalog(db, saved.id);
  }
  return ids;
}
