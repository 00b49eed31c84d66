import "server-only";
import { refresh, updateTag } from "next/cache";
import { collectionsTag, collectionTag, productsTag, productTag } from "@/lib/cache-tags";

/**
 * Called by every catalog write (server actions only: updateTag gives read-your-own-writes).
 * A product change affects its page (old and new slug), every product list, the collection
 * index (product counts, cover images) and the collections that contain it.
 */
export function invalidateProduct(
  shopId: string,
  productSlugs: (string | undefined)[],
  collectionSlugs: string[] = [],
) {
  updateTag(productsTag(shopId));
  for (const slug of new Set(productSlugs)) if (slug) updateTag(productTag(shopId, slug));
  updateTag(collectionsTag(shopId));
  for (const slug of new Set(collectionSlugs)) updateTag(collectionTag(shopId, slug));
  // The dashboard's own pages are dynamic: re-render the current one with the new data.
  refresh();
}

export function invalidateCollection(shopId: string, slugs: (string | undefined)[]) {
  updateTag(collectionsTag(shopId));
  for (const slug of new Set(slugs)) if (slug) updateTag(collectionTag(shopId, slug));
  refresh();
}
