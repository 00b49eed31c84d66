/**
 * Upload checks for product images: the type is decided by the file's magic bytes (never by
 * its name or the browser's claim), and width/height are read from the format headers.
 */

export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
export const MAX_IMAGES_PER_PRODUCT = 8;
/** A small file can still decode to a huge bitmap; 40 MP covers any phone or camera photo. */
export const MAX_IMAGE_PIXELS = 40_000_000;

export type ImageType = "image/jpeg" | "image/png" | "image/webp" | "image/gif";

export const EXTENSION: Record<ImageType, string> = {
  "image/jpeg": "jpg",
  "image/png": "png",
  "image/webp": "webp",
  "image/gif": "gif",
};

function startsWith(bytes: Uint8Array, sig: number[], offset = 0) {
  return sig.every((b, i) => bytes[offset + i] === b);
}

export function sniffImageType(bytes: Uint8Array): ImageType | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (startsWith(bytes, [0x47, 0x49, 0x46, 0x38]) && (bytes[4] === 0x37 || bytes[4] === 0x39))
    return "image/gif";
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8))
    return "image/webp";
  return null;
}

const u16be = (b: Uint8Array, o: number) => ((b[o] ?? 0) << 8) | (b[o + 1] ?? 0);
const u16le = (b: Uint8Array, o: number) => (b[o] ?? 0) | ((b[o + 1] ?? 0) << 8);
const u24le = (b: Uint8Array, o: number) => u16le(b, o) | ((b[o + 2] ?? 0) << 16);
const u32be = (b: Uint8Array, o: number) => u16be(b, o) * 65536 + u16be(b, o + 2);

export type Dimensions = { width: number; height: number };

export function imageDimensions(bytes: Uint8Array, type: ImageType): Dimensions | null {
  switch (type) {
    case "image/png":
      // IHDR is always the first chunk: width and height at bytes 16 and 20.
      if (bytes.length < 24 || !startsWith(bytes, [0x49, 0x48, 0x44, 0x52], 12)) return null;
      return valid({ width: u32be(bytes, 16), height: u32be(bytes, 20) });
    case "image/gif":
      if (bytes.length < 10) return null;
      return valid({ width: u16le(bytes, 6), height: u16le(bytes, 8) });
    case "image/webp":
      return webpDimensions(bytes);
    case "image/jpeg":
      return jpegDimensions(bytes);
  }
}

function valid(d: Dimensions): Dimensions | null {
  return d.width > 0 && d.height > 0 ? d : null;
}

function webpDimensions(b: Uint8Array): Dimensions | null {
  if (b.length < 30) return null;
  const chunk = String.fromCharCode(b[12] ?? 0, b[13] ?? 0, b[14] ?? 0, b[15] ?? 0);
  if (chunk === "VP8 ") {
    // Lossy: frame tag (3 bytes) + start code 9d 01 2a, then 14-bit width/height.
    if (!startsWith(b, [0x9d, 0x01, 0x2a], 23)) return null;
    return valid({ width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff });
  }
  if (chunk === "VP8L") {
    if (b[20] !== 0x2f) return null;
    const bits = (b[21] ?? 0) | ((b[22] ?? 0) << 8) | ((b[23] ?? 0) << 16) | ((b[24] ?? 0) << 24);
    return valid({ width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 });
  }
  if (chunk === "VP8X") {
    return valid({ width: u24le(b, 24) + 1, height: u24le(b, 27) + 1 });
  }
  return null;
}

function jpegDimensions(b: Uint8Array): Dimensions | null {
  let o = 2;
  while (o + 9 < b.length) {
    if (b[o] !== 0xff) return null;
    const marker = b[o + 1] ?? 0;
    if (marker === 0xff) {
      o++; // fill byte
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      o += 2;
      continue;
    }
    const length = u16be(b, o + 2);
    // Start-of-frame markers (baseline, progressive, …) except DHT (c4), JPG (c8), DAC (cc).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return valid({ height: u16be(b, o + 5), width: u16be(b, o + 7) });
    }
    if (length < 2) return null;
    o += 2 + length;
  }
  return null;
}

export type ImageCheck =
  | { ok: true; type: ImageType; width: number | null; height: number | null }
  | { ok: false; error: string };

/** Validates an uploaded file: non-empty, ≤ 5 MB, really a JPEG/PNG/WebP/GIF. */
export function checkImage(bytes: Uint8Array): ImageCheck {
  if (bytes.length === 0) return { ok: false, error: "The file is empty." };
  if (bytes.length > MAX_IMAGE_BYTES)
    return { ok: false, error: "Images must be 5 MB or smaller." };
  const type = sniffImageType(bytes);
  if (!type) return { ok: false, error: "Upload a JPEG, PNG, WebP or GIF image." };
  const dims = imageDimensions(bytes, type);
  if (dims && dims.width * dims.height > MAX_IMAGE_PIXELS)
    return { ok: false, error: "Images can be at most 40 megapixels." };
  return { ok: true, type, width: dims?.width ?? null, height: dims?.height ?? null };
}
