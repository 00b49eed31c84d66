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

type VariantSpec = {
  optionValues?: string[];
  price: number;
  compareAtPrice?: number | null;
  stock?: number;
  sku?: string | null;
};

/** Inserts a product with its variants (one default variant unless given) straight into the db. */
export async function makeProduct(
  shopId: string,
  opts: {
    name?: string;
    slug?: string;
    status?: "draft" | "active" | "archived";
    description?: string;
    options?: { name: string; values: string[] }[];
    trackStock?: boolean;
    variants?: VariantSpec[];
    createdAt?: Date;
  } = {},
) {
  const { getDb } = await import("@/db/client");
  const { products, productVariants } = await import("@/db/schema");
  const db = getDb();
  const name = opts.name ?? "Test Product";
  const [product] = await db
    .insert(products)
    .values({
      shopId,
      name,
      slug: opts.slug ?? uniqueSlug("product"),
      status: opts.status ?? "active",
      description: opts.description ?? "",
      options: opts.options ?? [],
      trackStock: opts.trackStock ?? true,
      ...(opts.createdAt ? { createdAt: opts.createdAt, updatedAt: opts.createdAt } : {}),
    })
    .returning();
  if (!product) throw new Error("product not created");
  const specs = opts.variants ?? [{ price: 1000, stock: 10 }];
  const variants = await db
    .insert(productVariants)
    .values(
      specs.map((v, i) => ({
        shopId,
        productId: product.id,
        optionValues: v.optionValues ?? [],
        price: v.price,
        compareAtPrice: v.compareAtPrice ?? null,
        stock: v.stock ?? 10,
        sku: v.sku ?? null,
        position: i,
      })),
    )
    .returning();
  return { ...product, variants };
}

/** Lets a shop take orders in tests (Connect `active`, not suspended). */
export async function activateShop(shopId: string) {
  const { getDb } = await import("@/db/client");
  const { shops } = await import("@/db/schema");
  const { eq } = await import("drizzle-orm");
  await getDb().update(shops).set({ connectStatus: "active" }).where(eq(shops.id, shopId));
}

/** A user who is a member of the shop with `role` (as if they had accepted an invitation). */
export async function makeMember(shopId: string, role: "owner" | "staff" = "staff") {
  const { addMember } = await import("@/db/queries/members");
  const user = await makeUser();
  await addMember(shopId, user.id, role);
  return user;
}
