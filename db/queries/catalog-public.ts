import "server-only";
import type { PublicImage, PublicProductCard } from "@/lib/types";
import { and, asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { imageUrl, responsiveImageFor } from "@/lib/storage";
import { getDb } from "../client";
import {
  collections,
  productImages,
  products,
  productVariants,
  type ProductOption,
} from "../schema";

// Correlated subqueries need table-qualified columns: drizzle leaves columns unqualified when
// a query selects from a single table, which would bind them to the subquery's own table.
const P_ID = sql.raw(`"products"."id"`);
const P_TRACK = sql.raw(`"products"."track_stock"`);
const C_ID = sql.raw(`"collections"."id"`);

/**
 * Shopper-facing catalog reads. Only ACTIVE products are ever returned; draft and archived
 * products do not exist as far as the storefront is concerned. Prices are integer minor units
 * of the shop's currency. Nothing here reads the session, so callers may wrap these in
 * 'use cache' with the tags from lib/cache-tags.ts.
 */

export type { PublicImage, PublicProductCard };

export type PublicVariant = {
  id: string;
  optionValues: string[];
  price: number;
  compareAtPrice: number | null;
  sku: string | null;
  /** null when the product does not track stock (never sells out). */
  stock: number | null;
  available: boolean;
};

export type PublicProduct = {
  id: string;
  slug: string;
  name: string;
  /** Markdown; render with lib/markdown.ts. */
  description: string;
  options: ProductOption[];
  trackStock: boolean;
  variants: PublicVariant[];
  images: PublicImage[];
  priceMin: number;
  priceMax: number;
  inStock: boolean;
  createdAt: Date;
  updatedAt: Date;
};

export type ProductSort = "newest" | "name" | "price-asc" | "price-desc" | "featured";

export type ListActiveProductsOptions = {
  collectionSlug?: string;
  search?: string;
  /** "featured" is the collection's manual order (newest outside a collection). */
  sort?: ProductSort;
  limit?: number;
  offset?: number;
  minPrice?: number;
  maxPrice?: number;
  inStock?: boolean;
};

// Prices a shopper can buy at: the variants in stock, or all of them when none is (a sold-out
// product still shows its price). A sold-out $24 size must not make a card say "From $24.00".
const BUYABLE = sql`(not ${P_TRACK} or v.stock > 0 or not exists (select 1 from product_variants w where w.product_id = ${P_ID} and w.stock > 0))`;
const priceMinSql = sql<number>`(select min(v.price) from product_variants v where v.product_id = ${P_ID} and ${BUYABLE})`;
const priceMaxSql = sql<number>`(select max(v.price) from product_variants v where v.product_id = ${P_ID} and ${BUYABLE})`;
const compareAtSql = sql<
  number | null
>`(select v.compare_at_price from product_variants v where v.product_id = ${P_ID} and ${BUYABLE} order by v.price asc, v.position asc limit 1)`;
const inStockSql = sql<boolean>`(not ${P_TRACK} or exists (select 1 from product_variants v where v.product_id = ${P_ID} and v.stock > 0))`;

function escapeLike(s: string) {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

async function firstImages(productIds: string[]) {
  const out = new Map<string, PublicImage>();
  if (productIds.length === 0) return out;
  const rows = await getDb()
    .selectDistinctOn([productImages.productId], {
      productId: productImages.productId,
      storageKey: productImages.storageKey,
      alt: productImages.alt,
      width: productImages.width,
      height: productImages.height,
    })
    .from(productImages)
    .where(inArray(productImages.productId, productIds))
    .orderBy(productImages.productId, asc(productImages.position), asc(productImages.createdAt));
  for (const r of rows) {
    out.set(r.productId, {
      url: imageUrl(r.storageKey),
      responsive: responsiveImageFor(r.storageKey, r),
      alt: r.alt,
      width: r.width,
      height: r.height,
    });
  }
  return out;
}

/** Active products of a shop, filtered, sorted and paged, with the total for pagination. */
export async function listActiveProducts(
  shopId: string,
  opts: ListActiveProductsOptions = {},
): Promise<{ items: PublicProductCard[]; total: number }> {
  const db = getDb();
  const limit = Math.min(Math.max(opts.limit ?? 24, 1), 100);
  const offset = Math.max(opts.offset ?? 0, 0);
  const where: SQL[] = [eq(products.shopId, shopId), eq(products.status, "active")];
  const search = opts.search?.trim().slice(0, 100);
  if (search) {
    const pattern = `%${escapeLike(search)}%`;
    where.push(
      sql`(${products.name} ilike ${pattern} or exists (select 1 from product_variants v where v.product_id = ${P_ID} and v.sku ilike ${pattern}))`,
    );
  }
  if (opts.minPrice !== undefined) where.push(sql`${priceMaxSql} >= ${opts.minPrice}`);
  if (opts.maxPrice !== undefined) where.push(sql`${priceMinSql} <= ${opts.maxPrice}`);
  if (opts.inStock) where.push(inStockSql);

  let collectionId: string | null = null;
  if (opts.collectionSlug !== undefined) {
    const [c] = await db
      .select({ id: collections.id })
      .from(collections)
      .where(and(eq(collections.shopId, shopId), eq(collections.slug, opts.collectionSlug)))
      .limit(1);
    if (!c) return { items: [], total: 0 };
    collectionId = c.id;
    where.push(
      sql`exists (select 1 from collection_products cp where cp.collection_id = ${collectionId} and cp.product_id = ${P_ID} and cp.shop_id = ${shopId})`,
    );
  }

  const positionSql = collectionId
    ? sql`(select cp.position from collection_products cp where cp.collection_id = ${collectionId} and cp.product_id = ${P_ID})`
    : sql`0`;
  const order: SQL[] = (() => {
    switch (opts.sort ?? (collectionId ? "featured" : "newest")) {
      case "name":
        return [sql`lower(${products.name}) asc`, asc(products.id)];
      case "price-asc":
        return [sql`${priceMinSql} asc`, desc(products.createdAt), asc(products.id)];
      case "price-desc":
        return [sql`${priceMinSql} desc`, desc(products.createdAt), asc(products.id)];
      case "featured":
        return [sql`${positionSql} asc`, desc(products.createdAt), asc(products.id)];
      default:
        return [desc(products.createdAt), asc(products.id)];
    }
  })();

  const [rows, [count]] = await Promise.all([
    db
      .select({
        id: products.id,
        slug: products.slug,
        name: products.name,
        priceMin: priceMinSql,
        priceMax: priceMaxSql,
        compareAtPrice: compareAtSql,
        inStock: inStockSql,
        createdAt: products.createdAt,
      })
      .from(products)
      .where(and(...where))
      .orderBy(...order)
      .limit(limit)
      .offset(offset),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(products)
      .where(and(...where)),
  ]);
  const images = await firstImages(rows.map((r) => r.id));
  return {
    items: rows.map((r) => ({
      ...r,
      priceMin: Number(r.priceMin ?? 0),
      priceMax: Number(r.priceMax ?? 0),
      compareAtPrice:
        r.compareAtPrice !== null && Number(r.compareAtPrice) > Number(r.priceMin)
          ? Number(r.compareAtPrice)
          : null,
      inStock: Boolean(r.inStock),
      createdAt: new Date(r.createdAt),
      image: images.get(r.id) ?? null,
    })),
    total: Number(count?.n ?? 0),
  };
}

/** The newest active products (home page, "new arrivals"). */
export async function listNewestProducts(shopId: string, limit = 8) {
  return (await listActiveProducts(shopId, { sort: "newest", limit })).items;
}

/** One active product with its variants (in order), options and images (in order). */
export async function getActiveProductBySlug(
  shopId: string,
  slug: string,
): Promise<PublicProduct | null> {
  const db = getDb();
  const [p] = await db
    .select({
      id: products.id,
      slug: products.slug,
      name: products.name,
      description: products.description,
      options: products.options,
      trackStock: products.trackStock,
      createdAt: products.createdAt,
      updatedAt: products.updatedAt,
    })
    .from(products)
    .where(and(eq(products.shopId, shopId), eq(products.slug, slug), eq(products.status, "active")))
    .limit(1);
  if (!p) return null;
  const [variants, images] = await Promise.all([
    db
      .select({
        id: productVariants.id,
        optionValues: productVariants.optionValues,
        price: productVariants.price,
        compareAtPrice: productVariants.compareAtPrice,
        sku: productVariants.sku,
        stock: productVariants.stock,
      })
      .from(productVariants)
      .where(and(eq(productVariants.productId, p.id), eq(productVariants.shopId, shopId)))
      .orderBy(asc(productVariants.position), asc(productVariants.createdAt)),
    db
      .select({
        storageKey: productImages.storageKey,
        alt: productImages.alt,
        width: productImages.width,
        height: productImages.height,
      })
      .from(productImages)
      .where(and(eq(productImages.productId, p.id), eq(productImages.shopId, shopId)))
      .orderBy(asc(productImages.position), asc(productImages.createdAt)),
  ]);
  const publicVariants: PublicVariant[] = variants.map((v) => ({
    id: v.id,
    optionValues: v.optionValues,
    price: v.price,
    compareAtPrice:
      v.compareAtPrice !== null && v.compareAtPrice > v.price ? v.compareAtPrice : null,
    sku: v.sku,
    stock: p.trackStock ? v.stock : null,
    available: !p.trackStock || v.stock > 0,
  }));
  const buyable = publicVariants.filter((v) => v.available);
  const prices = (buyable.length > 0 ? buyable : publicVariants).map((v) => v.price);
  return {
    ...p,
    variants: publicVariants,
    images: images.map((i) => ({
      url: imageUrl(i.storageKey),
      responsive: responsiveImageFor(i.storageKey, i),
      alt: i.alt,
      width: i.width,
      height: i.height,
    })),
    priceMin: prices.length ? Math.min(...prices) : 0,
    priceMax: prices.length ? Math.max(...prices) : 0,
    inStock: publicVariants.some((v) => v.available),
  };
}

export type PublicCollection = {
  id: string;
  slug: string;
  name: string;
  description: string;
  /** Active products only. */
  productCount: number;
  image: PublicImage | null;
  updatedAt: Date;
};

/** All collections of a shop, by name, with how many active products each shows. */
export async function listCollections(shopId: string): Promise<PublicCollection[]> {
  const rows = await getDb()
    .select({
      id: collections.id,
      slug: collections.slug,
      name: collections.name,
      description: collections.description,
      updatedAt: collections.updatedAt,
      productCount: sql<number>`(select count(*)::int from collection_products cp join products p on p.id = cp.product_id where cp.collection_id = ${C_ID} and p.status = 'active')`,
      firstProductId: sql<
        string | null
      >`(select cp.product_id from collection_products cp join products p on p.id = cp.product_id where cp.collection_id = ${C_ID} and p.status = 'active' and exists (select 1 from product_images i where i.product_id = p.id) order by cp.position asc limit 1)`,
    })
    .from(collections)
    .where(eq(collections.shopId, shopId))
    .orderBy(asc(collections.name));
  const images = await firstImages(
    rows.flatMap((r) => (r.firstProductId ? [r.firstProductId] : [])),
  );
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    name: r.name,
    description: r.description,
    updatedAt: new Date(r.updatedAt),
    productCount: Number(r.productCount),
    image: r.firstProductId ? (images.get(r.firstProductId) ?? null) : null,
  }));
}

/** A collection with its active products (manual order unless another sort is asked for). */
export async function getCollectionBySlug(
  shopId: string,
  slug: string,
  opts: Omit<ListActiveProductsOptions, "collectionSlug"> = {},
): Promise<(PublicCollection & { products: PublicProductCard[]; total: number }) | null> {
  const [c] = await getDb()
    .select({
      id: collections.id,
      slug: collections.slug,
      name: collections.name,
      description: collections.description,
      updatedAt: collections.updatedAt,
    })
    .from(collections)
    .where(and(eq(collections.shopId, shopId), eq(collections.slug, slug)))
    .limit(1);
  if (!c) return null;
  const { items, total } = await listActiveProducts(shopId, { ...opts, collectionSlug: slug });
  return {
    ...c,
    updatedAt: new Date(c.updatedAt),
    productCount: total,
    image: items[0]?.image ?? null,
    products: items,
    total,
  };
}

/** Slugs and dates for the sitemap. */
export async function listActiveProductSlugs(shopId: string) {
  return getDb()
    .select({ slug: products.slug, updatedAt: products.updatedAt })
    .from(products)
    .where(and(eq(products.shopId, shopId), eq(products.status, "active")))
    .orderBy(desc(products.updatedAt));
}

export type CartVariant = {
  variantId: string;
  productId: string;
  productSlug: string;
  productName: string;
  /** The variant's option values joined, e.g. "250 g / Whole bean"; "" for single variants. */
  variantTitle: string;
  optionValues: string[];
  price: number;
  compareAtPrice: number | null;
  sku: string | null;
  trackStock: boolean;
  /** Units available now (null when untracked). */
  stock: number | null;
  /** False when the product is not active (draft/archived): it cannot be bought. */
  purchasable: boolean;
  image: PublicImage | null;
};

/**
 * Current price, stock and status of the given variants of this shop, so a cart and checkout
 * never trust what the browser sent. Unknown ids and other shops' variants are simply absent.
 */
export async function getVariantsForCart(
  shopId: string,
  variantIds: string[],
): Promise<CartVariant[]> {
  const ids = [...new Set(variantIds)].filter((id) =>
    /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id),
  );
  if (ids.length === 0) return [];
  const rows = await getDb()
    .select({
      variantId: productVariants.id,
      productId: products.id,
      productSlug: products.slug,
      productName: products.name,
      status: products.status,
      trackStock: products.trackStock,
      optionValues: productVariants.optionValues,
      price: productVariants.price,
      compareAtPrice: productVariants.compareAtPrice,
      sku: productVariants.sku,
      stock: productVariants.stock,
    })
    .from(productVariants)
    .innerJoin(products, eq(products.id, productVariants.productId))
    .where(
      and(
        eq(productVariants.shopId, shopId),
        eq(products.shopId, shopId),
        inArray(productVariants.id, ids),
      ),
    );
  const images = await firstImages([...new Set(rows.map((r) => r.productId))]);
  return rows.map((r) => ({
    variantId: r.variantId,
    productId: r.productId,
    productSlug: r.productSlug,
    productName: r.productName,
    variantTitle: r.optionValues.join(" / "),
    optionValues: r.optionValues,
    price: r.price,
    compareAtPrice:
      r.compareAtPrice !== null && r.compareAtPrice > r.price ? r.compareAtPrice : null,
    sku: r.sku,
    trackStock: r.trackStock,
    stock: r.trackStock ? r.stock : null,
    purchasable: r.status === "active",
    image: images.get(r.productId) ?? null,
  }));
}
