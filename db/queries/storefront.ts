import "server-only";
import { isShopSlug, isUuid } from "./ids";
import { and, asc, eq, inArray, ne, or } from "drizzle-orm";
import { getDb } from "../client";
import {
  collections,
  contentPages,
  products,
  shops,
  storefrontDesigns,
  type FooterLink,
} from "../schema";
import { DEFAULT_THEME } from "@/lib/storefront/theme";

export type StorefrontDesign = {
  logoStorageKey: string | null;
  brandColor: string;
  accentColor: string;
  fontPairing: string;
  cornerStyle: string;
  heroHeadline: string;
  heroText: string;
  heroImageStorageKey: string | null;
  heroCtaLabel: string;
  heroCtaHref: string;
  featuredCollectionId: string | null;
  announcement: string;
  footerLinks: FooterLink[];
};

export type StorefrontShop = {
  id: string;
  slug: string;
  name: string;
  currency: string;
  connectStatus: string;
  suspended: boolean;
};

export async function findStorefrontShop(slug: string): Promise<StorefrontShop | null> {
  if (!isShopSlug(slug)) return null;
  const [row] = await getDb()
    .select({
      id: shops.id,
      slug: shops.slug,
      name: shops.name,
      currency: shops.currency,
      connectStatus: shops.connectStatus,
      suspendedAt: shops.suspendedAt,
    })
    .from(shops)
    .where(eq(shops.slug, slug))
    .limit(1);
  if (!row) return null;
  const { suspendedAt, ...rest } = row;
  return { ...rest, suspended: suspendedAt !== null };
}

/**
 * The shop whose storefront design shows this stored image (logo or hero), or null. Design
 * images are public: they appear on the storefront whatever the shop's state.
 */
export async function findDesignImageByKey(storageKey: string) {
  const [row] = await getDb()
    .select({ shopId: storefrontDesigns.shopId })
    .from(storefrontDesigns)
    .where(
      or(
        eq(storefrontDesigns.logoStorageKey, storageKey),
        eq(storefrontDesigns.heroImageStorageKey, storageKey),
      ),
    )
    .limit(1);
  return row ?? null;
}

/** Every stored logo and hero image key (for the one-off variant backfill). */
export async function listDesignImageKeys() {
  const rows = await getDb()
    .select({
      logo: storefrontDesigns.logoStorageKey,
      hero: storefrontDesigns.heroImageStorageKey,
    })
    .from(storefrontDesigns);
  return rows.flatMap((r) => [r.logo, r.hero]).filter((k): k is string => k !== null);
}

/** What a shop looks like before its merchant saves a design. */
export const DEFAULT_DESIGN: StorefrontDesign = {
  logoStorageKey: null,
  ...DEFAULT_THEME,
  heroHeadline: "",
  heroText: "",
  heroImageStorageKey: null,
  heroCtaLabel: "",
  heroCtaHref: "",
  featuredCollectionId: null,
  announcement: "",
  footerLinks: [],
};

const designColumns = {
  logoStorageKey: storefrontDesigns.logoStorageKey,
  brandColor: storefrontDesigns.brandColor,
  accentColor: storefrontDesigns.accentColor,
  fontPairing: storefrontDesigns.fontPairing,
  cornerStyle: storefrontDesigns.cornerStyle,
  heroHeadline: storefrontDesigns.heroHeadline,
  heroText: storefrontDesigns.heroText,
  heroImageStorageKey: storefrontDesigns.heroImageStorageKey,
  heroCtaLabel: storefrontDesigns.heroCtaLabel,
  heroCtaHref: storefrontDesigns.heroCtaHref,
  featuredCollectionId: storefrontDesigns.featuredCollectionId,
  announcement: storefrontDesigns.announcement,
  footerLinks: storefrontDesigns.footerLinks,
};

/** The shop's saved design, or the defaults. */
export async function findDesign(shopId: string): Promise<StorefrontDesign> {
  const [row] = await getDb()
    .select(designColumns)
    .from(storefrontDesigns)
    .where(eq(storefrontDesigns.shopId, shopId))
    .limit(1);
  return row ?? DEFAULT_DESIGN;
}

export async function saveDesign(shopId: string, design: StorefrontDesign) {
  const values = { ...design, updatedAt: new Date() };
  await getDb()
    .insert(storefrontDesigns)
    .values({ shopId, ...values })
    .onConflictDoUpdate({ target: storefrontDesigns.shopId, set: values });
}

/** True when the collection exists and belongs to the shop. */
export async function collectionBelongsToShop(shopId: string, collectionId: string) {
  const [row] = await getDb()
    .select({ id: collections.id })
    .from(collections)
    .where(and(eq(collections.id, collectionId), eq(collections.shopId, shopId)))
    .limit(1);
  return row !== undefined;
}

export async function listCollectionChoices(shopId: string) {
  return getDb()
    .select({ id: collections.id, name: collections.name })
    .from(collections)
    .where(eq(collections.shopId, shopId))
    .orderBy(asc(collections.name));
}

// ── Content pages ────────────────────────────────────────────────────────────────────────

export type ContentPageInput = { slug: string; title: string; body: string };

const pageColumns = {
  id: contentPages.id,
  slug: contentPages.slug,
  title: contentPages.title,
  body: contentPages.body,
  updatedAt: contentPages.updatedAt,
};

export async function listContentPages(shopId: string) {
  return getDb()
    .select({ id: contentPages.id, slug: contentPages.slug, title: contentPages.title })
    .from(contentPages)
    .where(eq(contentPages.shopId, shopId))
    .orderBy(asc(contentPages.title));
}

export async function findContentPage(shopId: string, id: string) {
  if (!isUuid(id)) return null;
  const [row] = await getDb()
    .select(pageColumns)
    .from(contentPages)
    .where(and(eq(contentPages.shopId, shopId), eq(contentPages.id, id)))
    .limit(1);
  return row ?? null;
}

export async function findContentPageBySlug(shopId: string, slug: string) {
  const [row] = await getDb()
    .select(pageColumns)
    .from(contentPages)
    .where(and(eq(contentPages.shopId, shopId), eq(contentPages.slug, slug)))
    .limit(1);
  return row ?? null;
}

export async function contentSlugTaken(shopId: string, slug: string, exceptId?: string) {
  const [row] = await getDb()
    .select({ id: contentPages.id })
    .from(contentPages)
    .where(
      and(
        eq(contentPages.shopId, shopId),
        eq(contentPages.slug, slug),
        exceptId ? ne(contentPages.id, exceptId) : undefined,
      ),
    )
    .limit(1);
  return row !== undefined;
}

/** Null when the slug is already used in this shop. */
export async function createContentPage(shopId: string, input: ContentPageInput) {
  const [row] = await getDb()
    .insert(contentPages)
    .values({ shopId, ...input })
    .onConflictDoNothing()
    .returning({ id: contentPages.id, slug: contentPages.slug });
  return row ?? null;
}

/** The previous slug (for cache invalidation), or null when the page is not this shop's. */
export async function updateContentPage(shopId: string, id: string, input: ContentPageInput) {
  const previous = await findContentPage(shopId, id);
  if (!previous) return null;
  await getDb()
    .update(contentPages)
    .set({ ...input, updatedAt: new Date() })
    .where(and(eq(contentPages.shopId, shopId), eq(contentPages.id, id)));
  return { previousSlug: previous.slug };
}

export async function deleteContentPage(shopId: string, id: string) {
  const [row] = await getDb()
    .delete(contentPages)
    .where(and(eq(contentPages.shopId, shopId), eq(contentPages.id, id)))
    .returning({ slug: contentPages.slug });
  return row ?? null;
}

export type StorefrontItemKind = "product" | "collection" | "page";

/**
 * Whether a storefront URL names something public (an active product, a collection, a content
 * page) of this shop. For the proxy's early 404: a cached page's own notFound() arrives after
 * the 200 status has been sent.
 */
export async function storefrontItemExists(
  shopSlug: string,
  kind: StorefrontItemKind,
  itemSlug: string,
) {
  if (!isShopSlug(shopSlug) || !/^[a-z0-9-]{1,120}$/.test(itemSlug)) return false;
  const db = getDb();
  const shop = db.select({ id: shops.id }).from(shops).where(eq(shops.slug, shopSlug));
  const table = kind === "product" ? products : kind === "collection" ? collections : contentPages;
  const [row] = await db
    .select({ id: table.id })
    .from(table)
    .where(
      and(
        inArray(table.shopId, shop),
        eq(table.slug, itemSlug),
        kind === "product" ? eq(products.status, "active") : undefined,
      ),
    )
    .limit(1);
  return row !== undefined;
}
