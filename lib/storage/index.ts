import "server-only";
import path from "node:path";
import { env } from "@/lib/env";
import { localStorage } from "./local";
import { s3Storage } from "./s3";
import type { Storage } from "./types";
import { responsiveImage, variantKey, variantWidths, fallbackFormat } from "./variants";

export type { Storage } from "./types";
export { isValidStorageKey, IMAGE_ROUTE_PREFIX } from "./types";
export type { ResponsiveImage } from "./variants";

let instance: Storage | undefined;

/** The configured store: an S3-compatible bucket when S3_BUCKET is set, else local disk. */
export function getStorage(): Storage {
  if (instance) return instance;
  const e = env();
  instance =
    e.S3_BUCKET && e.S3_ENDPOINT && e.S3_ACCESS_KEY_ID && e.S3_SECRET_ACCESS_KEY
      ? s3Storage({
          endpoint: e.S3_ENDPOINT,
          bucket: e.S3_BUCKET,
          region: e.S3_REGION,
          accessKeyId: e.S3_ACCESS_KEY_ID,
          secretAccessKey: e.S3_SECRET_ACCESS_KEY,
          sessionToken: e.S3_SESSION_TOKEN,
          publicUrl: e.S3_PUBLIC_URL,
        })
      : localStorage(path.resolve(e.BAZAAR_DATA_DIR, "uploads"));
  return instance;
}

/** Tests and scripts install their own store. */
export function setStorage(storage: Storage | undefined) {
  instance = storage;
}

export function imageUrl(key: string) {
  return getStorage().url(key);
}

/** The `<picture>` sources (AVIF, WebP, original format at each width) of a stored image. */
export function responsiveImageFor(
  key: string,
  dims: { width: number | null; height: number | null },
) {
  return responsiveImage(imageUrl, key, dims);
}

/** The smallest variant, for thumbnails (up to 320 CSS pixels wide at 1×, ~100 at 3×). */
export function thumbnailUrl(key: string, width: number | null) {
  return imageUrl(variantKey(key, variantWidths(width)[0]!, fallbackFormat(key)));
}
