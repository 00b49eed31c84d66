// Storefront fixtures for the e2e suite and the benchmark: a shop that takes orders, with
// variants, stock limits, a sale, a sold-out size, a draft, a collection and a content page.
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { createUser, normaliseEmail } from "@/db/queries/users";
import {
  collectionProducts,
  collections,
  contentPages,
  productVariants,
  products,
  shopMembers,
  shops,
  storefrontDesigns,
  users,
} from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";

export const FIXTURE = {
  merchant: { email: "storefront-e2e@bazaar.test", password: "storefront-e2e-password" },
  shop: { slug: "e2e-market", name: "E2E Market" },
};

async function ensureMerchant(db: Db) {
  const email = normaliseEmail(FIXTURE.merchant.email);
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  if (existing) return existing.id;
  const user = await createUser(
    {
      email,
      name: "Fixture Merchant",
      passwordHash: await hashPassword(FIXTURE.merchant.password),
      role: "merchant",
    },
    db,
  );
  if (!user) throw new Error("fixture merchant not created");
  return user.id;
}

type Spec = {
  slug: string;
  name: string;
  status?: "active" | "draft";
  description?: string;
  options?: { name: string; values: string[] }[];
  variants: { optionValues?: string[]; price: number; compareAtPrice?: number; stock: number }[];
};

const BASE_PRODUCTS: Spec[] = [
  {
    slug: "canvas-tote",
    name: "Canvas Tote",
    description: "A sturdy **waxed canvas** tote.\n\n- Leather handles\n- Inside pocket",
    variants: [{ price: 2400, compareAtPrice: 3000, stock: 50 }],
  },
  {
    slug: "field-jacket",
    name: "Field Jacket",
    description: "Water-resistant cotton, cut for layering.",
    options: [{ name: "Size", values: ["S", "M", "L"] }],
    variants: [
      { optionValues: ["S"], price: 12000, stock: 2 },
      { optionValues: ["M"], price: 12000, stock: 0 },
      { optionValues: ["L"], price: 12500, stock: 5 },
    ],
  },
  {
    slug: "enamel-mug",
    name: "Enamel Mug",
    description: "Camp-ready and dishwasher safe.",
    variants: [{ price: 1800, stock: 30 }],
  },
  {
    slug: "secret-prototype",
    name: "Secret Prototype",
    status: "draft",
    variants: [{ price: 99900, stock: 1 }],
  },
];

/** Idempotent. `extraProducts` adds generated active products (the benchmark uses 1,000). */
export async function seedStorefrontFixtures(db: Db, opts: { extraProducts?: number } = {}) {
  const ownerId = await ensureMerchant(db);
  await db
    .insert(shops)
    .values({
      slug: FIXTURE.shop.slug,
      name: FIXTURE.shop.name,
      currency: "USD",
      country: "US",
      connectStatus: "active",
    })
    .onConflictDoNothing();
  const [shop] = await db.select().from(shops).where(eq(shops.slug, FIXTURE.shop.slug));
  if (!shop) throw new Error("fixture shop missing");
  await db.insert(shopMembers).values({ shopId: shop.id, userId: ownerId }).onConflictDoNothing();

  const specs = [...BASE_PRODUCTS];
  for (let i = 1; i <= (opts.extraProducts ?? 0); i++) {
    specs.push({
      slug: `item-${i}`,
      name: `Catalogue Item ${String(i).padStart(4, "0")}`,
      description: `Item number ${i} of the large catalogue.`,
      options: i % 3 === 0 ? [{ name: "Colour", values: ["Sand", "Ink"] }] : [],
      variants:
        i % 3 === 0
          ? [
              { optionValues: ["Sand"], price: 1000 + i, stock: i % 7 },
              { optionValues: ["Ink"], price: 1200 + i, stock: 3 },
            ]
          : [
              {
                price: 1000 + i * 3,
                compareAtPrice: i % 5 === 0 ? 2000 + i * 3 : undefined,
                stock: i % 11,
              },
            ],
    });
  }

  const [collection] = await db
    .insert(collections)
    .values({
      shopId: shop.id,
      slug: "everyday",
      name: "Everyday",
      description: "Things we use every day.",
    })
    .onConflictDoNothing()
    .returning();
  const everyday =
    collection ??
    (
      await db
        .select()
        .from(collections)
        .where(and(eq(collections.shopId, shop.id), eq(collections.slug, "everyday")))
    )[0];

  let position = 0;
  for (const spec of specs) {
    const [product] = await db
      .insert(products)
      .values({
        shopId: shop.id,
        slug: spec.slug,
        name: spec.name,
        description: spec.description ?? "",
        status: spec.status ?? "active",
        options: spec.options ?? [],
      })
      .onConflictDoNothing()
      .returning();
    if (!product) continue; // already seeded
    await db.insert(productVariants).values(
      spec.variants.map((v, i) => ({
        shopId: shop.id,
        productId: product.id,
        optionValues: v.optionValues ?? [],
        price: v.price,
        compareAtPrice: v.compareAtPrice ?? null,
        stock: v.stock,
        position: i,
      })),
    );
    if (everyday && spec.status !== "draft")
      await db
        .insert(collectionProducts)
        .values({
          collectionId: everyday.id,
          productId: product.id,
          shopId: shop.id,
          position: position++,
        })
        .onConflictDoNothing();
  }

  await db
    .insert(storefrontDesigns)
    .values({
      shopId: shop.id,
      brandColor: "#14532d",
      accentColor: "#b91c1c",
      fontPairing: "classic",
      cornerStyle: "rounded",
      heroHeadline: "Goods for the long haul",
      heroText: "Made to be used, repaired and used again.",
      heroCtaLabel: "Shop everyday",
      heroCtaHref: `/s/${FIXTURE.shop.slug}/collections/everyday`,
      featuredCollectionId: everyday?.id ?? null,
      announcement: "Free shipping on orders over $50",
      footerLinks: [{ label: "Instagram", href: "https://instagram.com/" }],
    })
    .onConflictDoNothing();
  await db
    .insert(contentPages)
    .values({
      shopId: shop.id,
      slug: "shipping-returns",
      title: "Shipping & returns",
      body: "## Shipping\n\nOrders ship within **2 business days**.\n\n## Returns\n\n- 30 days\n- Unused items only",
    })
    .onConflictDoNothing();
  return shop;
}
