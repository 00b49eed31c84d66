/** Where uploaded files live. Keys are relative paths such as `shops/<id>/products/<id>/<rand>.png`. */
export interface Storage {
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  /** The stored bytes and their type, or null when the key does not exist. */
  get(key: string): Promise<{ bytes: Uint8Array; contentType: string } | null>;
  delete(key: string): Promise<void>;
  /** The URL a browser loads the file from. */
  url(key: string): string;
}

const KEY_PATTERN = /^[a-z0-9][a-z0-9_-]*(?:\/[a-z0-9][a-z0-9_.-]*)*$/i;

/** Keys are plain relative paths: no "..", no leading slash, no odd characters. */
export function isValidStorageKey(key: string) {
  return key.length <= 300 && KEY_PATTERN.test(key) && !key.split("/").some((s) => s === "..");
}

export function assertValidKey(key: string) {
  if (!isValidStorageKey(key)) throw new Error(`invalid storage key: ${key}`);
}

const TYPES: Record<string, string> = {
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  png: "image/png",
  webp: "image/webp",
  gif: "image/gif",
  avif: "image/avif",
};

export function contentTypeForKey(key: string) {
  const ext = key.split(".").pop()?.toLowerCase() ?? "";
  return TYPES[ext] ?? "application/octet-stream";
}

/** Route that serves stored images through the app. */
export const IMAGE_ROUTE_PREFIX = "/api/images/";
