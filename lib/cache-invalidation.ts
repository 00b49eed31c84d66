import "server-only";
import { revalidateTag, updateTag } from "next/cache";
import { shopTag } from "@/lib/cache-tags";

/**
 * A shop's public state (suspension, Connect status) changed outside the storefront's own
 * writes. From a route handler or webhook, expire its cached storefront now ({ expire: 0 }:
 * the next shopper request renders fresh); from a server action, updateTag gives the caller
 * read-your-own-writes. Outside a Next request (scripts, tests) there is no cache to expire.
 */
export function expireShopStorefronts(
  shopIds: Iterable<string>,
  from: "action" | "request" = "request",
) {
  for (const id of new Set(shopIds)) {
    try {
      if (from === "action") updateTag(shopTag(id));
      else revalidateTag(shopTag(id), { expire: 0 });
    } catch {
      // Not inside a Next.js request: nothing is cached here.
    }
  }
}
