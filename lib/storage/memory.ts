import { assertValidKey, contentTypeForKey, IMAGE_ROUTE_PREFIX, type Storage } from "./types";

/** In-memory store for tests. */
export function memoryStorage(): Storage & {
  files: Map<string, { bytes: Uint8Array; contentType: string }>;
} {
  const files = new Map<string, { bytes: Uint8Array; contentType: string }>();
  return {
    files,
    async put(key, bytes, contentType) {
      assertValidKey(key);
      files.set(key, { bytes, contentType: contentType || contentTypeForKey(key) });
    },
    async get(key) {
      return files.get(key) ?? null;
    },
    async delete(key) {
      files.delete(key);
    },
    url(key) {
      return IMAGE_ROUTE_PREFIX + key;
    },
  };
}
