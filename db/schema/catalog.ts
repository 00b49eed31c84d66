import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { shops } from "./shops";

export const productStatus = pgEnum("product_status", ["draft", "active", "archived"]);

/** An option such as "Size" with its values, in display order. At most 3 per product. */
export type ProductOption = { name: string; values: string[] };

/**
 * A product is what shoppers browse; what they buy is always a variant. A product without
 * options has exactly one variant (empty optionValues), so price, SKU and stock always live on
 * variants and carts, reservations and orders reference variants only.
 */
export const products = pgTable(
  "products",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    shopId: uuid("shop_id")
      .notNull()
      .references(() => shops.id, { onDelete: "cascade" }),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    /** Markdown, rendered safely (no raw HTML). */
    description: text("description").notNull().default(""),
    status: productStatus("status").notNull().default("draft"),
    options: jsonb("options").$type<ProductOption[]>().notNull().default([]),
    /** Stock is counted for every variant when true; untracked products never sell out. */
    trackStock: boolean("track_stock").notNull().default(true),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("products_shop_slug_unique").on(t.shopId, t.slug),
    index("products_shop_status_idx").on(t.shopId, t.status, t.createdAt),
  ],
);

export const productVariants = pgTable(
  "product_variants",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    shopId: uuid("shop_id")
      .notNull()
      .references(() => shops.id, { onDelete: "cascade" }),
    productId: uuid("product_id")
      .notNull()
      .references(() => products.id, { onDelete: "cascade" }),
    /** One value per product option, in option order; [] for the single default variant. */
    optionValues: jsonb("option_values").$type<string[]>().notNull().default([]),
    /** Integer minor units of the shop's currency. */
    price: integer("price").notNull(),
    compareAtPrice: integer("compare_at_price"),
    sku: text("sku"),
    /** Units available to sell (reservations for open checkouts are already taken off). */
    stock: integer("stock").notNull().default(0),
    position: integer("position").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("product_variants_product_idx").on(t.productId, t.position),
    index("product_variants_shop_idx").on(t.shopId),
    check("product_variants_price_nonnegative", sql`${t.price} >= 0`),
    check("product_variants_stock_nonnegative", sql`${t.stock} >= 0`),
  ],
);

export const productImages = pgTable(
  "product_images",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    shopId: uuid("shop_id")
      .notNull()
      .references(() => shops.id, { onDelete: "cascade" }),
    productId: uuid("product_id")
      .notNull()
      .references(() => products.id, { onDelete: "cascade" }),
    /** Key in the storage module (local disk under .data/ or an S3-compatible bucket). */
    storageKey: text("storage_key").notNull(),
    contentType: text("content_type").notNull(),
    width: integer("width"),
    height: integer("height"),
    alt: text("alt").notNull().default(""),
    position: integer("position").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("product_images_product_idx").on(t.productId, t.position)],
);

export const collections = pgTable(
  "collections",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    shopId: uuid("shop_id")
      .notNull()
      .references(() => shops.id, { onDelete: "cascade" }),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("collections_shop_slug_unique").on(t.shopId, t.slug)],
);

export const collectionProducts = pgTable(
  "collection_products",
  {
    collectionId: uuid("collection_id")
      .notNull()
      .references(() => collections.id, { onDelete: "cascade" }),
    productId: uuid("product_id")
      .notNull()
      .references(() => products.id, { onDelete: "cascade" }),
    shopId: uuid("shop_id")
      .notNull()
      .references(() => shops.id, { onDelete: "cascade" }),
    position: integer("position").notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.collectionId, t.productId] }),
    index("collection_products_product_idx").on(t.productId),
  ],
);

export type Product = typeof products.$inferSelect;
export type ProductVariant = typeof productVariants.$inferSelect;
export type ProductStatus = (typeof productStatus.enumValues)[number];
