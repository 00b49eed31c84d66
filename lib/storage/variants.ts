/**
 * Resized variants of a stored image. Each image has, beside its (metadata-free) original at
 * `<key>`, a copy per width and format at `<key>.w<width>.<format>`: AVIF and WebP for browsers
 * that take them, and the original's own format as the fallback. Variant keys are derived, never
 * stored, so any instance can name them; pages list them in `srcset` and the browser picks.
 */

export const VARIANT_WIDTHS = [320, 640, 1280] as const;
export const MAX_VARIANT_WIDTH = 1280;

export type VariantFormat = "avif" | "webp" | "jpg" | "png" | "gif";

export const VARIANT_CONTENT_TYPE: Record<VariantFormat, string> = {
  avif: "image/avif",
  webp: "image/webp",
  jpg: "image/jpeg",
  png: "image/png",
  gif: "image/gif",
};

/**
 * The widths an image of this width gets: the standard widths below it, plus its own width
 * (capped at the largest) so it is never enlarged. Unknown width → the standard widths.
 */
export function variantWidths(width: number | null | undefined): number[] {
  if (!width || width <= 0) return [...VARIANT_WIDTHS];
  const below = VARIANT_WIDTHS.filter((w) => w < width);
  const top = Math.min(width, MAX_VARIANT_WIDTH);
  return below.includes(top as (typeof VARIANT_WIDTHS)[number]) ? below : [...below, top];
}

/** The original's own format, used for browsers that take neither AVIF nor WebP. */
export function fallbackFormat(key: string): VariantFormat {
  const ext = key.split(".").pop()?.toLowerCase();
  if (ext === "png" || ext === "gif" || ext === "webp") return ext;
  return "jpg";
}

/** Formats an image is stored in, best first. */
export function variantFormats(key: string): VariantFormat[] {
  const fallback = fallbackFormat(key);
  return fallback === "webp" ? ["avif", "webp"] : ["avif", "webp", fallback];
}

export function variantKey(key: string, width: number, format: VariantFormat) {
  return `${key}.w${width}.${format}`;
}

const VARIANT = /^(.+\.(?:jpe?g|png|gif|webp))\.w([1-9]\d{0,4})\.(avif|webp|jpg|png|gif)$/;

/** `<key>.w640.webp` → its original key, width and format; null for any other key. */
export function parseVariantKey(
  key: string,
): { key: string; width: number; format: VariantFormat } | null {
  const m = VARIANT.exec(key);
  if (!m) return null;
  return { key: m[1]!, width: Number(m[2]), format: m[3] as VariantFormat };
}

/** Whether `<key>.w<width>.<format>` is one of this image's variants. */
export function isVariantOf(
  variant: { width: number; format: VariantFormat },
  key: string,
  width: number | null | undefined,
) {
  return (
    variantWidths(width).includes(variant.width) && variantFormats(key).includes(variant.format)
  );
}

/** Every variant key an image may have (for copying and deleting). */
export function allVariantKeys(key: string, width: number | null | undefined) {
  const widths = new Set([...VARIANT_WIDTHS, ...variantWidths(width)]);
  return [...widths].flatMap((w) => variantFormats(key).map((f) => variantKey(key, w, f)));
}

/** What an `<picture>` needs: one `<source>` per modern format and the fallback `<img>`. */
export type ResponsiveImage = {
  /** The fallback format at a middle width, for browsers without srcset. */
  src: string;
  srcSet: string;
  sources: { type: string; srcSet: string }[];
  width: number | null;
  height: number | null;
};

export function responsiveImage(
  urlFor: (key: string) => string,
  key: string,
  dims: { width: number | null; height: number | null },
): ResponsiveImage {
  const widths = variantWidths(dims.width);
  const set = (format: VariantFormat) =>
    widths.map((w) => `${urlFor(variantKey(key, w, format))} ${w}w`).join(", ");
  const fallback = fallbackFormat(key);
  const middle = widths.find((w) => w >= 640) ?? widths[widths.length - 1]!;
  return {
    src: urlFor(variantKey(key, middle, fallback)),
    srcSet: set(fallback),
    sources: variantFormats(key)
      .filter((f) => f !== fallback)
      .map((f) => ({ type: VARIANT_CONTENT_TYPE[f], srcSet: set(f) })),
    width: dims.width,
    height: dims.height,
  };
}
