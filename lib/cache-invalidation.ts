import "server-only";
import { log } from "@/lib/log";
import { createRequire } from "node:module";
import path from "node:path";
import { revalidateTag, updateTag } from "next/cache";
import { shopTag } from "@/lib/cache-tags";
import { env } from "@/lib/env";

/**
 * Expiring cached storefront data, wherever the change happens:
 * - in a server action: `updateTag` (the caller reads its own write);
 * - in a route handler: `revalidateTag(tag, { expire: 0 })` (the next request renders fresh);
 * - outside any request (a job in the inline worker, `npm run worker`, scripts): the cache
 *   handlers themselves — Next's registered 'use cache' handlers and ISR tag manifest in this
 *   process, and with REDIS_URL the shared Redis handlers, so every instance sees it.
 * With REDIS_URL the handlers in Redis carry the expiry to every instance.
 */
export async function expireTags(tags: Iterable<string>, from: "action" | "request" = "request") {
  const outside: string[] = [];
  for (const tag of new Set(tags)) {
    try {
      if (from === "action") updateTag(tag);
      else revalidateTag(tag, { expire: 0 });
    } catch {
      outside.push(tag);
    }
  }
  if (outside.length) await expireTagsOutsideRequest(outside);
}

/** A shop's public state changed (suspension, Connect status, stock after a sale …). */
export function expireShopStorefronts(
  shopIds: Iterable<string>,
  from: "action" | "request" = "request",
): Promise<void> {
  return expireTags([...shopIds].map(shopTag), from).catch((error) => {
    log().error({ err: error }, "[cache] could not expire storefront tags");
  });
}

type TagHandler = { updateTags?: (tags: string[], durations?: { expire?: number }) => unknown };
type IsrHandler = { revalidateTag: (tags: string[], durations?: { expire?: number }) => unknown };

/** Node's own require from the project root (not the bundler's): these modules stay external. */
function runtimeRequire(id: string): unknown {
  return createRequire(path.join(process.cwd(), "package.json"))(id);
}

type Holder = { isr?: IsrHandler; useCache?: TagHandler };
const holder: Holder = ((globalThis as { __bazaarCacheExpiry?: Holder }).__bazaarCacheExpiry ??=
  {});

/** Expires tags without a Next request store (see expireTags). */
export async function expireTagsOutsideRequest(tags: string[]) {
  const work: unknown[] = [];
  // 'use cache' handlers Next registered in this process (in-memory, or Redis).
  const registered = (globalThis as Record<symbol, Set<TagHandler> | undefined>)[
    Symbol.for("@next/cache-handlers-set")
  ];
  for (const handler of registered ?? []) work.push(handler.updateTags?.(tags));
  // This process's ISR tag manifest (the file-system cache keeps it in memory).
  try {
    const { tagsManifest } = runtimeRequire(
      "next/dist/server/lib/incremental-cache/tags-manifest.external.js",
    ) as { tagsManifest: Map<string, { expired?: number; stale?: number }> };
    const now = Date.now();
    for (const tag of tags) tagsManifest.set(tag, { ...tagsManifest.get(tag), expired: now });
  } catch {
    // Not inside a Next server: no ISR cache in this process.
  }
  if (env().REDIS_URL) {
    // The shared caches in Redis, also from a worker with no Next server around it.
    const IsrHandlerClass = runtimeRequire(
      path.join(process.cwd(), "lib", "cache", "isr-handler.cjs"),
    ) as new (o: object) => IsrHandler;
    holder.isr ??= new IsrHandlerClass({});
    work.push(holder.isr.revalidateTag(tags));
    if (!registered?.size) {
      holder.useCache ??= runtimeRequire(
        path.join(process.cwd(), "lib", "cache", "use-cache-handler.cjs"),
      ) as TagHandler;
      work.push(holder.useCache.updateTags?.(tags));
    }
  }
  await Promise.all(work);
}
