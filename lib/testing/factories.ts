// Test data builders for integration tests.
import { randomBytes } from "node:crypto";
import { createShopForUser } from "@/db/queries/shops";
import { createUser } from "@/db/queries/users";
import { hashPassword } from "@/lib/auth/password";

export function uniqueEmail(prefix = "user") {
  return `${prefix}-${randomBytes(5).toString("hex")}@example.test`;
}

export function uniqueSlug(prefix = "shop") {
  return `${prefix}-${randomBytes(4).toString("hex")}`;
}

export async function makeUser(
  opts: { email?: string; password?: string; role?: "merchant" | "admin" } = {},
) {
  const password = opts.password ?? "correct horse battery";
  const user = await createUser({
    email: opts.email ?? uniqueEmail(),
    name: "Test User",
    passwordHash: await hashPassword(password),
    role: opts.role,
  });
  if (!user) throw new Error("user already exists");
  return { ...user, password };
}

export async function makeShop(userId: string, opts: { slug?: string; currency?: string } = {}) {
  const result = await createShopForUser(userId, {
    name: "Test Shop",
    slug: opts.slug ?? uniqueSlug(),
    currency: opts.currency ?? "USD",
    country: "US",
  });
  if (!result.ok) throw new Error("slug taken");
  return result.shop;
}
