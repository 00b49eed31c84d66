import "server-only";
import { and, asc, desc, eq, gt, inArray, ne, notInArray, sql, type SQL } from "drizzle-orm";
import type { ExistingVariant, PlannedVariant } from "@/lib/catalog/rules";
import { imageUrl, thumbnailUrl } from "@/lib/storage";
import { getDb } from "../client";
import {
  collectionProducts,
  collections,
  productImages,
  products,
  productVariants,
  type ProductOption,
  type ProductStatus,
} from "../schema";

/**
 * Merchant-side catalog data access. Every read and write filters by shop_id, so an id from
 * another shop behaves exactly like an id that does not exist.
 */

import { isUuid } from "./ids";

export { isUuid };

// Correlated subqueries need table-qualified columns: drizzle leaves columns unqualified when
// a query selects from a single table, which would bind them to the subquery's own table.
const P_ID = sql.raw(`"products"."id"`);
const C_ID = sql.raw(`"collections"."id"`);

function escapeLike(s: string) {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function isUniqueViolation(error: unknown) {
  const e = error as { code?: string; cause?: { code?: string } };
  return e?.code === "23505" || e?.cause?.code === "23505";
}

// ---------------------------------------------------------------- products: lists

export type ProductListSort = "newest" | "oldest" | "name" | "price-asc" | "price-desc";

export type ProductListItem = {
  id: string;
  slug: string;
  name: string;
  status: ProductStatus;
  trackStock: boolean;
  priceMin: number;
  priceMax: number;
  variantCount: number;
  stockTotal: number;
  skus: string[];
  imageUrl: string | null;
  imageAlt: string;
  updatedAt: Date;
};

export async function listProductsForShop(
  shopId: string,
  opts: {
    search?: string;
    status?: ProductStatus;
    sort?: ProductListSort;
    page?: number;
    perPage?: number;
  } = {},
): Promise<{ items: ProductListItem[]; total: number; page: number; perPage: number }> {
  const db = getDb();
  const perPage = Math.min(Math.max(opts.perPage ?? 20, 1), 100);
  const page = Math.max(Math.floor(opts.page ?? 1), 1);
  const where: SQL[] = [eq(products.shopId, shopId)];
  if (opts.status) where.push(eq(products.status, opts.status));
  const search = opts.search?.trim().slice(0, 100);
  if (search) {
    const pattern = `%${escapeLike(search)}%`;
    where.push(
      sql`(${products.name} ilike ${pattern} or exists (select 1 from product_variants v where v.product_id = ${P_ID} and v.sku ilike ${pattern}))`,
    );
  }
  const priceMin = sql<number>`(select min(v.price) from product_variants v where v.product_id = ${P_ID})`;
  const order: SQL[] = {
    newest: [desc(products.createdAt), asc(products.id)],
    oldest: [asc(products.createdAt), asc(products.id)],
    name: [sql`lower(${products.name}) asc`, asc(products.id)],
    "price-asc": [sql`${priceMin} asc`, asc(products.id)],
    "price-desc": [sql`${priceMin} desc`, asc(products.id)],
  }[opts.sort ?? "newest"];
  const [rows, [count]] = await Promise.all([
    db
      .select({
        id: products.id,
        slug: products.slug,
        name: products.name,
        status: products.status,
        trackStock: products.trackStock,
        updatedAt: products.updatedAt,
        priceMin,
        priceMax: sql<number>`(select max(v.price) from product_variants v where v.product_id = ${P_ID})`,
        variantCount: sql<number>`(select count(*)::int from product_variants v where v.product_id = ${P_ID})`,
        stockTotal: sql<number>`(select coalesce(sum(v.stock), 0)::int from product_variants v where v.product_id = ${P_ID})`,
        skus: sql<
          string[] | null
        >`(select array_agg(v.sku order by v.position) from product_variants v where v.product_id = ${P_ID} and v.sku is not null)`,
        imageKey: sql<
          string | null
        >`(select i.storage_key from product_images i where i.product_id = ${P_ID} order by i.position asc, i.created_at asc limit 1)`,
        imageAlt: sql<
          string | null
        >`(select i.alt from product_images i where i.product_id = ${P_ID} order by i.position asc, i.created_at asc limit 1)`,
        imageWidth: sql<
          number | null
        >`(select i.width from product_images i where i.product_id = ${P_ID} order by i.position asc, i.created_at asc limit 1)`,
      })
      .from(products)
      .where(and(...where))
      .orderBy(...order)
      .limit(perPage)
      .offset((page - 1) * perPage),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(products)
      .where(and(...where)),
  ]);
  return {
    items: rows.map(({ imageKey, imageAlt, imageWidth, ...r }) => ({
      ...r,
      priceMin: Number(r.priceMin ?? 0),
      priceMax: Number(r.priceMax ?? 0),
      variantCount: Number(r.variantCount),
      stockTotal: Number(r.stockTotal),
      skus: r.skus ?? [],
      updatedAt: new Date(r.updatedAt),
      // The smallest variant: the list shows a small square.
      imageUrl: imageKey
        ? thumbnailUrl(imageKey, imageWidth === null ? null : Number(imageWidth))
        : null,
      imageAlt: imageAlt ?? "",
    })),
    total: Number(count?.n ?? 0),
    page,
    perPage,
  };
}

export async function countProductsForShop(shopId: string) {
  const [row] = await getDb()
    .select({ n: sql<number>`count(*)::int` })
    .from(products)
    .where(eq(products.shopId, shopId));
  return Number(row?.n ?? 0);
}

/** Id, name and status of every product (pickers such as "add to collection"). */
export async function listProductChoices(shopId: string) {
  return getDb()
    .select({ id: products.id, name: products.name, status: products.status })
    .from(products)
    .where(eq(products.shopId, shopId))
    .orderBy(sql`lower(${products.name})`);
}

// ---------------------------------------------------------------- products: one

export type EditableVariant = ExistingVariant & { position: number };
export type EditableImage = {
  id: string;
  storageKey: string;
  url: string;
  /** The smallest resized variant, for the editor's thumbnails. */
  thumbnailUrl: string;
  alt: string;
  width: number | null;
  height: number | null;
  contentType: string;
  position: number;
};

export type EditableProduct = {
  id: string;
  slug: string;
  name: string;
  description: string;
  status: ProductStatus;
  options: ProductOption[];
  trackStock: boolean;
  createdAt: Date;
  updatedAt: Date;
  variants: EditableVariant[];
  images: EditableImage[];
  collectionSlugs: string[];
};

export async function getProductForShop(
  shopId: string,
  productId: string,
  executor = getDb(),
): Promise<EditableProduct | null> {
  if (!isUuid(productId)) return null;
  const [p] = await executor
    .select({
      id: products.id,
      slug: products.slug,
      name: products.name,
      description: products.description,
      status: products.status,
      options: products.options,
      trackStock: products.trackStock,
      createdAt: products.createdAt,
      updatedAt: products.updatedAt,
    })
    .from(products)
    .where(and(eq(products.shopId, shopId), eq(products.id, productId)))
    .limit(1);
  if (!p) return null;
  const variants = await executor
    .select({
      id: productVariants.id,
      optionValues: productVariants.optionValues,
      price: productVariants.price,
      compareAtPrice: productVariants.compareAtPrice,
      sku: productVariants.sku,
      stock: productVariants.stock,
      position: productVariants.position,
    })
    .from(productVariants)
    .where(and(eq(productVariants.shopId, shopId), eq(productVariants.productId, p.id)))
    .orderBy(asc(productVariants.position), asc(productVariants.createdAt));
  const images = await executor
    .select({
      id: productImages.id,
      storageKey: productImages.storageKey,
      alt: productImages.alt,
      width: productImages.width,
      height: productImages.height,
      contentType: productImages.contentType,
      position: productImages.position,
    })
    .from(productImages)
    .where(and(eq(productImages.shopId, shopId), eq(productImages.productId, p.id)))
    .orderBy(asc(productImages.position), asc(productImages.createdAt));
  const cols = await executor
    .select({ slug: collections.slug })
    .from(collectionProducts)
    .innerJoin(collections, eq(collections.id, collectionProducts.collectionId))
    .where(and(eq(collectionProducts.shopId, shopId), eq(collectionProducts.productId, p.id)));
  return {
    ...p,
    variants,
    images: images.map((i) => ({
      ...i,
      url: imageUrl(i.storageKey),
      thumbnailUrl: thumbnailUrl(i.storageKey, i.width),
    })),
    collectionSlugs: cols.map((c) => c.slug),
  };
}

export type ProductDetailsInput = {
  name: string;
  slug: string;
  description: string;
  status: ProductStatus;
  trackStock: boolean;
};

/** Price, compare-at, SKU and stock of the single variant of a product without options. */
export type SingleVariantInput = {
  price: number;
  compareAtPrice: number | null;
  sku: string | null;
  stock: number;
};

export async function productSlugTaken(shopId: string, slug: string, exceptId?: string) {
  const where = [eq(products.shopId, shopId), eq(products.slug, slug)];
  if (exceptId) where.push(ne(products.id, exceptId));
  const [row] = await getDb()
    .select({ id: products.id })
    .from(products)
    .where(and(...where))
    .limit(1);
  return Boolean(row);
}

export async function createProduct(
  shopId: string,
  input: ProductDetailsInput & SingleVariantInput,
): Promise<{ ok: true; id: string } | { ok: false; reason: "slug_taken" }> {
  try {
    return await getDb().transaction(async (tx) => {
      const [p] = await tx
        .insert(products)
        .values({
          shopId,
          name: input.name,
          slug: input.slug,
          description: input.description,
          status: input.status,
          trackStock: input.trackStock,
          options: [],
        })
        .onConflictDoNothing()
        .returning({ id: products.id });
      if (!p) return { ok: false, reason: "slug_taken" } as const;
      await tx.insert(productVariants).values({
        shopId,
        productId: p.id,
        optionValues: [],
        price: input.price,
        compareAtPrice: input.compareAtPrice,
        sku: input.sku,
        stock: input.trackStock ? input.stock : 0,
        position: 0,
      });
      return { ok: true, id: p.id } as const;
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, reason: "slug_taken" };
    throw error;
  }
}

/**
 * Saves a product's details; `single` updates the one variant of a product without options
 * (ignored when the product has options: variants are edited separately).
 */
export async function updateProductDetails(
  shopId: string,
  productId: string,
  input: ProductDetailsInput,
  single: SingleVariantInput | null,
): Promise<
  | { ok: true; oldSlug: string; collectionSlugs: string[] }
  | { ok: false; reason: "not_found" | "slug_taken" }
> {
  try {
    return await getDb().transaction(async (tx) => {
      const current = await getProductForShop(shopId, productId, tx);
      if (!current) return { ok: false, reason: "not_found" } as const;
      const [clash] = await tx
        .select({ id: products.id })
        .from(products)
        .where(
          and(
            eq(products.shopId, shopId),
            eq(products.slug, input.slug),
            ne(products.id, productId),
          ),
        )
        .limit(1);
      if (clash) return { ok: false, reason: "slug_taken" } as const;
      await tx
        .update(products)
        .set({ ...input, updatedAt: new Date() })
        .where(and(eq(products.shopId, shopId), eq(products.id, productId)));
      const only = current.variants[0];
      if (single && current.options.length === 0 && only) {
        await tx
          .update(productVariants)
          .set({
            price: single.price,
            compareAtPrice: single.compareAtPrice,
            sku: single.sku,
            stock: input.trackStock ? single.stock : only.stock,
          })
          .where(and(eq(productVariants.shopId, shopId), eq(productVariants.id, only.id)));
      }
      return {
        ok: true,
        oldSlug: current.slug,
        collectionSlugs: current.collectionSlugs,
      } as const;
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, reason: "slug_taken" };
    throw error;
  }
}

/** Replaces a product's options and variants with a plan from lib/catalog/rules planVariants. */
export async function saveProductOptions(
  shopId: string,
  productId: string,
  options: ProductOption[],
  planned: PlannedVariant[],
  expectedVariantIds: string[],
) {
  return getDb().transaction(async (tx) => {
    const [p] = await tx
      .select({ id: products.id })
      .from(products)
      .where(and(eq(products.shopId, shopId), eq(products.id, productId)))
      .for("update");
    if (!p) return false;
    const keep = planned.flatMap((v) => (v.id ? [v.id] : []));
    const remove = expectedVariantIds.filter((id) => !keep.includes(id));
    if (remove.length > 0) {
      await tx
        .delete(productVariants)
        .where(
          and(
            eq(productVariants.shopId, shopId),
            eq(productVariants.productId, productId),
            inArray(productVariants.id, remove),
          ),
        );
    }
    for (const [position, v] of planned.entries()) {
      if (v.id) {
        await tx
          .update(productVariants)
          .set({ optionValues: v.optionValues, position })
          .where(
            and(
              eq(productVariants.shopId, shopId),
              eq(productVariants.productId, productId),
              eq(productVariants.id, v.id),
            ),
          );
      } else {
        await tx.insert(productVariants).values({
          shopId,
          productId,
          optionValues: v.optionValues,
          price: v.price,
          compareAtPrice: v.compareAtPrice,
          sku: v.sku,
          stock: v.stock,
          position,
        });
      }
    }
    await tx
      .update(products)
      .set({ options, updatedAt: new Date() })
      .where(and(eq(products.shopId, shopId), eq(products.id, productId)));
    return true;
  });
}

export type VariantUpdate = {
  id: string;
  price: number;
  compareAtPrice: number | null;
  sku: string | null;
  stock: number;
};

/** Updates the listed variants; all must belong to the product (else nothing changes). */
export async function updateVariants(shopId: string, productId: string, rows: VariantUpdate[]) {
  return getDb().transaction(async (tx) => {
    const owned = await tx
      .select({ id: productVariants.id })
      .from(productVariants)
      .where(and(eq(productVariants.shopId, shopId), eq(productVariants.productId, productId)));
    const ids = new Set(owned.map((o) => o.id));
    if (owned.length === 0 || rows.some((r) => !ids.has(r.id))) return false;
    for (const r of rows) {
      await tx
        .update(productVariants)
        .set({ price: r.price, compareAtPrice: r.compareAtPrice, sku: r.sku, stock: r.stock })
        .where(and(eq(productVariants.shopId, shopId), eq(productVariants.id, r.id)));
    }
    await tx
      .update(products)
      .set({ updatedAt: new Date() })
      .where(and(eq(products.shopId, shopId), eq(products.id, productId)));
    return true;
  });
}

export async function setProductStatus(shopId: string, productId: string, status: ProductStatus) {
  if (!isUuid(productId)) return null;
  const [row] = await getDb()
    .update(products)
    .set({ status, updatedAt: new Date() })
    .where(and(eq(products.shopId, shopId), eq(products.id, productId)))
    .returning({ slug: products.slug });
  return row ?? null;
}

/** Deletes a product with its variants and images; returns the stored images to remove. */
export async function deleteProduct(shopId: string, productId: string) {
  if (!isUuid(productId)) return null;
  return getDb().transaction(async (tx) => {
    const current = await getProductForShop(shopId, productId, tx);
    if (!current) return null;
    await tx.delete(products).where(and(eq(products.shopId, shopId), eq(products.id, productId)));
    return {
      slug: current.slug,
      images: current.images.map((i) => ({ storageKey: i.storageKey, width: i.width })),
      collectionSlugs: current.collectionSlugs,
    };
  });
}

/** A free slug based on `base` ("x-copy", "x-copy-2", …). */
export async function freeProductSlug(shopId: string, base: string) {
  const stem = base.slice(0, 70).replace(/-+$/, "");
  for (let n = 1; n < 1000; n++) {
    const candidate = n === 1 ? stem : `${stem}-${n}`;
    if (!(await productSlugTaken(shopId, candidate))) return candidate;
  }
  throw new Error("no free slug");
}

/** Creates a draft copy; images are given as new storage keys already written by the caller. */
export async function insertProductCopy(
  shopId: string,
  source: EditableProduct,
  copy: { name: string; slug: string; images: { storageKey: string; from: EditableImage }[] },
) {
  return getDb().transaction(async (tx) => {
    const [p] = await tx
      .insert(products)
      .values({
        shopId,
        name: copy.name,
        slug: copy.slug,
        description: source.description,
        status: "draft",
        options: source.options,
        trackStock: source.trackStock,
      })
      .returning({ id: products.id });
    if (!p) throw new Error("copy failed");
    await tx.insert(productVariants).values(
      source.variants.map((v, position) => ({
        shopId,
        productId: p.id,
        optionValues: v.optionValues,
        price: v.price,
        compareAtPrice: v.compareAtPrice,
        sku: v.sku,
        stock: 0,
        position,
      })),
    );
    if (copy.images.length > 0) {
      await tx.insert(productImages).values(
        copy.images.map((img, position) => ({
          shopId,
          productId: p.id,
          storageKey: img.storageKey,
          contentType: img.from.contentType,
          width: img.from.width,
          height: img.from.height,
          alt: img.from.alt,
          position,
        })),
      );
    }
    return p.id;
  });
}

// ---------------------------------------------------------------- images

export type NewImage = {
  storageKey: string;
  contentType: string;
  width: number | null;
  height: number | null;
  alt: string;
};

/** Appends images unless that would exceed `max`; returns false (nothing added) if so. */
export async function addProductImages(
  shopId: string,
  productId: string,
  images: NewImage[],
  max: number,
): Promise<{ ok: true; slug: string } | { ok: false; reason: "not_found" | "too_many" }> {
  if (!isUuid(productId)) return { ok: false, reason: "not_found" };
  return getDb().transaction(async (tx) => {
    // Lock the product so two concurrent uploads cannot both pass the count check.
    const [p] = await tx
      .select({ id: products.id, slug: products.slug })
      .from(products)
      .where(and(eq(products.shopId, shopId), eq(products.id, productId)))
      .for("update");
    if (!p) return { ok: false, reason: "not_found" } as const;
    const [stats] = await tx
      .select({
        n: sql<number>`count(*)::int`,
        maxPos: sql<number>`coalesce(max(${productImages.position}), -1)::int`,
      })
      .from(productImages)
      .where(and(eq(productImages.shopId, shopId), eq(productImages.productId, productId)));
    const count = Number(stats?.n ?? 0);
    if (count + images.length > max) return { ok: false, reason: "too_many" } as const;
    const start = Number(stats?.maxPos ?? -1) + 1;
    await tx
      .insert(productImages)
      .values(images.map((img, i) => ({ ...img, shopId, productId, position: start + i })));
    await tx
      .update(products)
      .set({ updatedAt: new Date() })
      .where(and(eq(products.shopId, shopId), eq(products.id, productId)));
    return { ok: true, slug: p.slug } as const;
  });
}

export async function countProductImages(shopId: string, productId: string) {
  const [row] = await getDb()
    .select({ n: sql<number>`count(*)::int` })
    .from(productImages)
    .where(and(eq(productImages.shopId, shopId), eq(productImages.productId, productId)));
  return Number(row?.n ?? 0);
}

async function imageOwner(shopId: string, productId: string, imageId: string, executor = getDb()) {
  if (!isUuid(imageId) || !isUuid(productId)) return null;
  const [row] = await executor
    .select({
      id: productImages.id,
      storageKey: productImages.storageKey,
      width: productImages.width,
      slug: products.slug,
    })
    .from(productImages)
    .innerJoin(products, eq(products.id, productImages.productId))
    .where(
      and(
        eq(productImages.shopId, shopId),
        eq(products.shopId, shopId),
        eq(productImages.productId, productId),
        eq(productImages.id, imageId),
      ),
    )
    .limit(1);
  return row ?? null;
}

export async function updateImageAlt(
  shopId: string,
  productId: string,
  imageId: string,
  alt: string,
) {
  const owner = await imageOwner(shopId, productId, imageId);
  if (!owner) return null;
  await getDb()
    .update(productImages)
    .set({ alt })
    .where(and(eq(productImages.shopId, shopId), eq(productImages.id, imageId)));
  return owner;
}

export async function deleteProductImage(shopId: string, productId: string, imageId: string) {
  const owner = await imageOwner(shopId, productId, imageId);
  if (!owner) return null;
  await getDb()
    .delete(productImages)
    .where(and(eq(productImages.shopId, shopId), eq(productImages.id, imageId)));
  return owner;
}

/** Moves an image one place up or down among its product's images. */
export async function moveProductImage(
  shopId: string,
  productId: string,
  imageId: string,
  direction: "up" | "down",
) {
  const owner = await imageOwner(shopId, productId, imageId);
  if (!owner) return null;
  await getDb().transaction(async (tx) => {
    const rows = await tx
      .select({ id: productImages.id })
      .from(productImages)
      .where(and(eq(productImages.shopId, shopId), eq(productImages.productId, productId)))
      .orderBy(asc(productImages.position), asc(productImages.createdAt));
    const ids = rows.map((r) => r.id);
    reorder(ids, imageId, direction);
    for (const [position, id] of ids.entries()) {
      await tx
        .update(productImages)
        .set({ position })
        .where(and(eq(productImages.shopId, shopId), eq(productImages.id, id)));
    }
  });
  return owner;
}

function reorder(ids: string[], id: string, direction: "up" | "down") {
  const i = ids.indexOf(id);
  const j = direction === "up" ? i - 1 : i + 1;
  if (i < 0 || j < 0 || j >= ids.length) return;
  [ids[i], ids[j]] = [ids[j] as string, ids[i] as string];
}

/** For the image route: who owns a stored file and whether its product is public. */
export async function findImageByKey(storageKey: string) {
  const [row] = await getDb()
    .select({
      shopId: productImages.shopId,
      contentType: productImages.contentType,
      width: productImages.width,
      status: products.status,
    })
    .from(productImages)
    .innerJoin(products, eq(products.id, productImages.productId))
    .where(eq(productImages.storageKey, storageKey))
    .limit(1);
  return row ?? null;
}

/** Every product image, oldest first (the one-off variant backfill walks them in pages). */
export async function listProductImagesPage(afterId: string | null, limit: number) {
  return getDb()
    .select({
      id: productImages.id,
      storageKey: productImages.storageKey,
      contentType: productImages.contentType,
      width: productImages.width,
      height: productImages.height,
    })
    .from(productImages)
    .where(afterId ? gt(productImages.id, afterId) : undefined)
    .orderBy(asc(productImages.id))
    .limit(limit);
}

export async function setProductImageSize(id: string, width: number, height: number) {
  await getDb().update(productImages).set({ width, height }).where(eq(productImages.id, id));
}

// ---------------------------------------------------------------- collections

export type CollectionListItem = {
  id: string;
  slug: string;
  name: string;
  productCount: number;
  updatedAt: Date;
};

export async function listCollectionsForShop(
  shopId: string,
  search?: string,
): Promise<CollectionListItem[]> {
  const where: SQL[] = [eq(collections.shopId, shopId)];
  const s = search?.trim().slice(0, 100);
  if (s) where.push(sql`${collections.name} ilike ${`%${escapeLike(s)}%`}`);
  const rows = await getDb()
    .select({
      id: collections.id,
      slug: collections.slug,
      name: collections.name,
      updatedAt: collections.updatedAt,
      productCount: sql<number>`(select count(*)::int from collection_products cp where cp.collection_id = ${C_ID})`,
    })
    .from(collections)
    .where(and(...where))
    .orderBy(sql`lower(${collections.name})`);
  return rows.map((r) => ({
    ...r,
    productCount: Number(r.productCount),
    updatedAt: new Date(r.updatedAt),
  }));
}

export type CollectionInput = { name: string; slug: string; description: string };

export async function createCollection(
  shopId: string,
  input: CollectionInput,
): Promise<{ ok: true; id: string } | { ok: false; reason: "slug_taken" }> {
  try {
    const [row] = await getDb()
      .insert(collections)
      .values({ shopId, ...input })
      .onConflictDoNothing()
      .returning({ id: collections.id });
    return row ? { ok: true, id: row.id } : { ok: false, reason: "slug_taken" };
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, reason: "slug_taken" };
    throw error;
  }
}

export async function getCollectionForShop(shopId: string, collectionId: string) {
  if (!isUuid(collectionId)) return null;
  const db = getDb();
  const [c] = await db
    .select({
      id: collections.id,
      slug: collections.slug,
      name: collections.name,
      description: collections.description,
      updatedAt: collections.updatedAt,
    })
    .from(collections)
    .where(and(eq(collections.shopId, shopId), eq(collections.id, collectionId)))
    .limit(1);
  if (!c) return null;
  const rows = await db
    .select({
      id: products.id,
      slug: products.slug,
      name: products.name,
      status: products.status,
      position: collectionProducts.position,
      priceMin: sql<number>`(select min(v.price) from product_variants v where v.product_id = ${P_ID})`,
      imageKey: sql<
        string | null
      >`(select i.storage_key from product_images i where i.product_id = ${P_ID} order by i.position asc limit 1)`,
      imageWidth: sql<
        number | null
      >`(select i.width from product_images i where i.product_id = ${P_ID} order by i.position asc limit 1)`,
    })
    .from(collectionProducts)
    .innerJoin(products, eq(products.id, collectionProducts.productId))
    .where(
      and(
        eq(collectionProducts.shopId, shopId),
        eq(products.shopId, shopId),
        eq(collectionProducts.collectionId, c.id),
      ),
    )
    .orderBy(asc(collectionProducts.position), asc(products.name));
  return {
    ...c,
    products: rows.map(({ imageKey, imageWidth, ...r }) => ({
      ...r,
      priceMin: Number(r.priceMin ?? 0),
      imageUrl: imageKey
        ? thumbnailUrl(imageKey, imageWidth === null ? null : Number(imageWidth))
        : null,
    })),
  };
}

export async function updateCollection(
  shopId: string,
  collectionId: string,
  input: CollectionInput,
): Promise<{ ok: true; oldSlug: string } | { ok: false; reason: "not_found" | "slug_taken" }> {
  if (!isUuid(collectionId)) return { ok: false, reason: "not_found" };
  try {
    return await getDb().transaction(async (tx) => {
      const [current] = await tx
        .select({ slug: collections.slug })
        .from(collections)
        .where(and(eq(collections.shopId, shopId), eq(collections.id, collectionId)))
        .limit(1);
      if (!current) return { ok: false, reason: "not_found" } as const;
      const [clash] = await tx
        .select({ id: collections.id })
        .from(collections)
        .where(
          and(
            eq(collections.shopId, shopId),
            eq(collections.slug, input.slug),
            ne(collections.id, collectionId),
          ),
        )
        .limit(1);
      if (clash) return { ok: false, reason: "slug_taken" } as const;
      await tx
        .update(collections)
        .set({ ...input, updatedAt: new Date() })
        .where(and(eq(collections.shopId, shopId), eq(collections.id, collectionId)));
      return { ok: true, oldSlug: current.slug } as const;
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, reason: "slug_taken" };
    throw error;
  }
}

export async function deleteCollection(shopId: string, collectionId: string) {
  if (!isUuid(collectionId)) return null;
  const [row] = await getDb()
    .delete(collections)
    .where(and(eq(collections.shopId, shopId), eq(collections.id, collectionId)))
    .returning({ slug: collections.slug });
  return row ?? null;
}

/** Adds products (of this shop only) to the end of a collection; returns null if any is foreign. */
export async function addProductsToCollection(
  shopId: string,
  collectionId: string,
  productIds: string[],
) {
  if (!isUuid(collectionId) || productIds.length === 0 || !productIds.every(isUuid)) return null;
  return getDb().transaction(async (tx) => {
    const [c] = await tx
      .select({ id: collections.id, slug: collections.slug })
      .from(collections)
      .where(and(eq(collections.shopId, shopId), eq(collections.id, collectionId)))
      .for("update");
    if (!c) return null;
    const unique = [...new Set(productIds)];
    const owned = await tx
      .select({ id: products.id })
      .from(products)
      .where(and(eq(products.shopId, shopId), inArray(products.id, unique)));
    if (owned.length !== unique.length) return null;
    const existing = await tx
      .select({ productId: collectionProducts.productId, position: collectionProducts.position })
      .from(collectionProducts)
      .where(eq(collectionProducts.collectionId, c.id));
    const present = new Set(existing.map((e) => e.productId));
    let next = existing.reduce((m, e) => Math.max(m, e.position), -1) + 1;
    const toAdd = unique.filter((id) => !present.has(id));
    if (toAdd.length > 0) {
      await tx
        .insert(collectionProducts)
        .values(
          toAdd.map((productId) => ({ collectionId: c.id, productId, shopId, position: next++ })),
        )
        .onConflictDoNothing();
      await tx.update(collections).set({ updatedAt: new Date() }).where(eq(collections.id, c.id));
    }
    return { slug: c.slug, added: toAdd.length };
  });
}

export async function removeProductFromCollection(
  shopId: string,
  collectionId: string,
  productId: string,
) {
  if (!isUuid(collectionId) || !isUuid(productId)) return null;
  const [row] = await getDb()
    .delete(collectionProducts)
    .where(
      and(
        eq(collectionProducts.shopId, shopId),
        eq(collectionProducts.collectionId, collectionId),
        eq(collectionProducts.productId, productId),
      ),
    )
    .returning({ productId: collectionProducts.productId });
  if (!row) return null;
  const [c] = await getDb()
    .select({ slug: collections.slug })
    .from(collections)
    .where(and(eq(collections.shopId, shopId), eq(collections.id, collectionId)));
  return c ?? null;
}

export async function moveCollectionProduct(
  shopId: string,
  collectionId: string,
  productId: string,
  direction: "up" | "down",
) {
  if (!isUuid(collectionId) || !isUuid(productId)) return null;
  return getDb().transaction(async (tx) => {
    const [c] = await tx
      .select({ id: collections.id, slug: collections.slug })
      .from(collections)
      .where(and(eq(collections.shopId, shopId), eq(collections.id, collectionId)))
      .for("update");
    if (!c) return null;
    const rows = await tx
      .select({ productId: collectionProducts.productId })
      .from(collectionProducts)
      .where(and(eq(collectionProducts.shopId, shopId), eq(collectionProducts.collectionId, c.id)))
      .orderBy(asc(collectionProducts.position));
    const ids = rows.map((r) => r.productId);
    if (!ids.includes(productId)) return null;
    reorder(ids, productId, direction);
    for (const [position, id] of ids.entries()) {
      await tx
        .update(collectionProducts)
        .set({ position })
        .where(
          and(eq(collectionProducts.collectionId, c.id), eq(collectionProducts.productId, id)),
        );
    }
    return { slug: c.slug };
  });
}

/** Products of the shop not yet in the collection (the "add products" picker). */
export async function listProductsNotInCollection(shopId: string, collectionId: string) {
  const inside = getDb()
    .select({ id: collectionProducts.productId })
    .from(collectionProducts)
    .where(eq(collectionProducts.collectionId, collectionId));
  return getDb()
    .select({ id: products.id, name: products.name, status: products.status })
    .from(products)
    .where(and(eq(products.shopId, shopId), notInArray(products.id, inside)))
    .orderBy(sql`lower(${products.name})`);
}
