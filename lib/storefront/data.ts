import "server-only";
import { cacheLife, cacheTag } from "next/cache";
import {
  getActiveProductBySlug,
  getCollectionBySlug,
  listActiveProducts,
  listActiveProductSlugs,
  listCollections,
  listNewestProducts,
  type ListActiveProductsOptions,
} from "@/db/queries/catalog-public";
import {
  findContentPageBySlug,
  findDesign,
  findStorefrontShop,
  listContentPages,
} from "@/db/queries/storefront";
import {
  collectionsTag,
  collectionTag,
  contentPagesTag,
  productsTag,
  productTag,
  shopTag,
} from "@/lib/cache-tags";
import { isShopSlug } from "@/lib/shops/slug";
import { imageUrl, responsiveImageFor } from "@/lib/storage";

/**
 * Cached public reads for the storefront. Nothing here reads cookies or the session: every
 * input is an argument, and every result is tagged so merchant writes show at once.
 */

/**
 * Cache Components needs one param set per dynamic segment at build time to prerender a
 * reusable shell; real shops are rendered on first visit and then served from the cache (ISR).
 * The placeholder is not a valid shop slug, so it renders the not-found page without a query.
 */
export const PLACEHOLDER = "__placeholder__";

export type Storefront = NonNullable<Awaited<ReturnType<typeof getStorefront>>>;

/** The shop, its design and navigation; null for an unknown shop. */
export async function getStorefront(slug: string) {
  "use cache";
  // Build-time placeholders (see storefrontPlaceholderParams) never reach the database.
  if (!isShopSlug(slug)) {
    cacheLife("max");
    return null;
  }
  const shop = await findStorefrontShop(slug);
  if (!shop) {
    // A shop created under this slug later must not stay hidden for long.
    cacheLife("seconds");
    cacheTag(`shop-slug:${slug}`);
    return null;
  }
  // Suspension and Connect status change outside this module: a short life is the backstop.
  cacheLife("minutes");
  cacheTag(shopTag(shop.id), collectionsTag(shop.id), contentPagesTag(shop.id));
  const [design, collections, pages] = await Promise.all([
    findDesign(shop.id),
    listCollections(shop.id),
    listContentPages(shop.id),
  ]);
  return {
    shop,
    design,
    logoUrl: design.logoStorageKey ? imageUrl(design.logoStorageKey) : null,
    heroImageUrl: design.heroImageStorageKey ? imageUrl(design.heroImageStorageKey) : null,
    // Logos and heroes have no recorded width: their variants are the standard widths.
    logoImage: design.logoStorageKey
      ? responsiveImageFor(design.logoStorageKey, { width: null, height: null })
      : null,
    heroImage: design.heroImageStorageKey
      ? responsiveImageFor(design.heroImageStorageKey, { width: null, height: null })
      : null,
    acceptingOrders: shop.connectStatus === "active" && !shop.suspended,
    collections: collections.map((c) => ({ id: c.id, slug: c.slug, name: c.name })),
    pages,
  };
}

export async function getHomeProducts(shopId: string, featuredCollectionId: string | null) {
  "use cache";
  cacheLife("hours");
  cacheTag(shopTag(shopId), productsTag(shopId), collectionsTag(shopId));
  const newest = await listNewestProducts(shopId, 8);
  let featured = null;
  if (featuredCollectionId) {
    const all = await listCollections(shopId);
    const match = all.find((c) => c.id === featuredCollectionId);
    if (match) {
      cacheTag(collectionTag(shopId, match.slug));
      featured = await getCollectionBySlug(shopId, match.slug, { sort: "featured", limit: 8 });
    }
  }
  return { newest, featured };
}

export async function getProductPage(shopId: string, productSlug: string) {
  "use cache";
  cacheLife("hours");
  cacheTag(shopTag(shopId), productTag(shopId, productSlug), productsTag(shopId));
  return getActiveProductBySlug(shopId, productSlug);
}

export const COLLECTION_PAGE_SIZE = 24;

export async function getCollectionPage(shopId: string, slug: string, page: number) {
  "use cache";
  cacheLife("hours");
  cacheTag(
    shopTag(shopId),
    collectionTag(shopId, slug),
    collectionsTag(shopId),
    productsTag(shopId),
  );
  return getCollectionBySlug(shopId, slug, {
    sort: "featured",
    limit: COLLECTION_PAGE_SIZE,
    offset: (page - 1) * COLLECTION_PAGE_SIZE,
  });
}

export async function searchCatalog(shopId: string, opts: ListActiveProductsOptions) {
  "use cache";
  cacheLife("hours");
  cacheTag(shopTag(shopId), productsTag(shopId), collectionsTag(shopId));
  return listActiveProducts(shopId, opts);
}

export async function getContentPage(shopId: string, slug: string) {
  "use cache";
  cacheLife("hours");
  cacheTag(shopTag(shopId), contentPagesTag(shopId));
  return findContentPageBySlug(shopId, slug);
}

export async function getSitemapData(shopId: string) {
  "use cache";
  cacheLife("hours");
  cacheTag(shopTag(shopId), productsTag(shopId), collectionsTag(shopId), contentPagesTag(shopId));
  const [products, collections, pages] = await Promise.all([
    listActiveProductSlugs(shopId),
    listCollections(shopId),
    listContentPages(shopId),
  ]);
  return { products, collections, pages };
}
