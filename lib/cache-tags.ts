/**
 * Cache tag names shared by the storefront's cached reads ('use cache' + cacheTag) and the
 * catalog's writes (updateTag). Both sides import these so a write invalidates exactly the
 * reads it affects.
 */

/** Everything public about a shop (design, pages, catalog). */
export function shopTag(shopId: string) {
  return `shop:${shopId}`;
}

/** Product lists, search results and any page listing several products. */
export function productsTag(shopId: string) {
  return `shop:${shopId}:products`;
}

/** One product page. */
export function productTag(shopId: string, productSlug: string) {
  return `shop:${shopId}:product:${productSlug}`;
}

/** The list of collections (navigation, collection index). */
export function collectionsTag(shopId: string) {
  return `shop:${shopId}:collections`;
}

/** One collection page. */
export function collectionTag(shopId: string, slug: string) {
  return `shop:${shopId}:collection:${slug}`;
}

/** The shop's content pages (footer links, each page). */
export function contentPagesTag(shopId: string) {
  return `shop:${shopId}:pages`;
}
