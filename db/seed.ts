import "server-only";
import { eq, isNotNull, sql } from "drizzle-orm";
import { hashPassword } from "@/lib/auth/password";
import { emulatorIsRunning, ensureDemoAccount } from "@/lib/stripe/demo-accounts";
import type { Db } from "./client";
import { createUser, normaliseEmail } from "./queries/users";
import { seedDemoCatalog } from "./seed-catalog";
import { seedDemoOrders } from "./seed-orders";
import { shopMembers, shops, stripeAccounts, users } from "./schema";

export const DEMO_LOGINS = {
  admin: { email: "admin@bazaar.test", password: "admin-demo-password", name: "Ada Admin" },
  merchant: {
    email: "merchant@bazaar.test",
    password: "merchant-demo-password",
    name: "Kai Merchant",
  },
  standard: {
    email: "standard@bazaar.test",
    password: "standard-demo-password",
    name: "Sam Standard",
  },
  newcomer: {
    email: "new@bazaar.test",
    password: "new-demo-password",
    name: "Nora Newcomer",
  },
} as const;

export const DEMO_SHOPS = [
  {
    slug: "kai-coffee",
    name: "Kai's Coffee Roasters",
    currency: "USD",
    country: "US",
    owner: "merchant",
    // An active Express-style account created by the platform (the storefront/checkout demos use it).
    stripe: "express",
  },
  {
    slug: "harbor-books",
    name: "Harbor Books",
    currency: "USD",
    country: "US",
    owner: "standard",
    // The merchant's own Standard account, as if connected by OAuth.
    stripe: "standard",
  },
  {
    slug: "fern-and-clay",
    name: "Fern & Clay",
    currency: "USD",
    country: "US",
    owner: "newcomer",
    // Not connected yet: shows the two ways to connect.
    stripe: null,
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
    standard: await ensureUser(db, DEMO_LOGINS.standard, "merchant"),
    newcomer: await ensureUser(db, DEMO_LOGINS.newcomer, "merchant"),
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

/**
 * Connects the demo shops to accounts in the local emulator (run after seedDemo, with the
 * emulator up). Idempotent across restarts; skipped with real Stripe or without the emulator.
 */
export async function seedDemoStripeAccounts(db: Db) {
  const results: string[] = [];
  for (const shop of DEMO_SHOPS) {
    if (!shop.stripe) continue;
    const [row] = await db
      .select({ id: shops.id, slug: shops.slug, name: shops.name, country: shops.country })
      .from(shops)
      .where(eq(shops.slug, shop.slug))
      .limit(1);
    if (!row) continue;
    const result = await ensureDemoAccount(row, shop.stripe, DEMO_LOGINS[shop.owner].email);
    results.push(
      `${shop.slug}: ${result.status === "skipped" ? `skipped (${result.reason})` : `${result.status} ${result.accountId}`}`,
    );
  }
  // Demo orders are real payments on the demo accounts: only once those exist.
  const ready = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(stripeAccounts)
    .where(isNotNull(stripeAccounts.accountId));
  if ((ready[0]?.n ?? 0) > 0 && (await emulatorIsRunning())) {
    for (const line of await seedDemoOrders(db)) results.push(line);
  }
  return results;
}
