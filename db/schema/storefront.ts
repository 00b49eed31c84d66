import { sql } from "drizzle-orm";
import {
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { collections, productVariants } from "./catalog";
import { shops } from "./shops";

export type FooterLink = { label: string; href: string };

/** How a shop's storefront looks: one row per shop, created on first save. */
export const storefrontDesigns = pgTable("storefront_designs", {
  shopId: uuid("shop_id")
    .primaryKey()
    .references(() => shops.id, { onDelete: "cascade" }),
  /** Key in the image storage module, or null for a text logo (the shop name). */
  logoStorageKey: text("logo_storage_key"),
  /** #rrggbb */
  brandColor: text("brand_color").notNull(),
  accentColor: text("accent_color").notNull(),
  /** One of the font pairings in lib/storefront/theme.ts. */
  fontPairing: text("font_pairing").notNull(),
  /** sharp | rounded | pill */
  cornerStyle: text("corner_style").notNull(),
  heroHeadline: text("hero_headline").notNull().default(""),
  heroText: text("hero_text").notNull().default(""),
  heroImageStorageKey: text("hero_image_storage_key"),
  heroCtaLabel: text("hero_cta_label").notNull().default(""),
  heroCtaHref: text("hero_cta_href").notNull().default(""),
  featuredCollectionId: uuid("featured_collection_id").references(() => collections.id, {
    onDelete: "set null",
  }),
  announcement: text("announcement").notNull().default(""),
  footerLinks: jsonb("footer_links").$type<FooterLink[]>().notNull().default([]),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Merchant-written pages (About, Shipping & returns, …) in Markdown. */
export const contentPages = pgTable(
  "content_pages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    shopId: uuid("shop_id")
      .notNull()
      .references(() => shops.id, { onDelete: "cascade" }),
    slug: text("slug").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull().default(""),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("content_pages_shop_slug_unique").on(t.shopId, t.slug)],
);

/**
 * A shopper's cart in one shop. The cookie holds a random token; only its SHA-256 is stored.
 * `version` goes up on every content change (checkout derives idempotency keys from it).
 */
export const carts = pgTable(
  "carts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    shopId: uuid("shop_id")
      .notNull()
      .references(() => shops.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull(),
    version: integer("version").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("carts_shop_token_unique").on(t.shopId, t.tokenHash)],
);

export const cartItems = pgTable(
  "cart_items",
  {
    cartId: uuid("cart_id")
      .notNull()
      .references(() => carts.id, { onDelete: "cascade" }),
    shopId: uuid("shop_id")
      .notNull()
      .references(() => shops.id, { onDelete: "cascade" }),
    variantId: uuid("variant_id")
      .notNull()
      .references(() => productVariants.id, { onDelete: "cascade" }),
    quantity: integer("quantity").notNull(),
    addedAt: timestamp("added_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.cartId, t.variantId] }),
    index("cart_items_variant_idx").on(t.variantId),
    check("cart_items_quantity_range", sql`${t.quantity} between 1 and 99`),
  ],
);

export type StorefrontDesignRow = typeof storefrontDesigns.$inferSelect;
