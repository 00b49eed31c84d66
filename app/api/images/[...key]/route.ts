// Serves stored images — product photos, storefront logos and hero images — and their resized
// variants (`<key>.w<width>.<format>`): public and immutable when shoppers may see them (active
// products, storefront designs), members-only otherwise.
import { listShopsForUser } from "@/db/queries/shops";
import { findImageByKey } from "@/db/queries/catalog";
import { findDesignImageByKey } from "@/db/queries/storefront";
import { getCurrentUser } from "@/lib/auth/session";
import { getStorage, isValidStorageKey } from "@/lib/storage";
import { renderVariant } from "@/lib/storage/process-image";
import { contentTypeForKey } from "@/lib/storage/types";
import { isVariantOf, parseVariantKey, VARIANT_CONTENT_TYPE } from "@/lib/storage/variants";

async function callerIsMember(shopId: string) {
  const user = await getCurrentUser();
  if (!user) return false;
  return (await listShopsForUser(user.id)).some((s) => s.id === shopId);
}

/** The image row a key belongs to: a product's photo or a storefront's logo/hero. */
async function findStoredImage(key: string) {
  const product = await findImageByKey(key);
  if (product)
    return {
      shopId: product.shopId,
      contentType: product.contentType,
      width: product.width,
      isPublic: product.status === "active",
    };
  const design = await findDesignImageByKey(key);
  if (design)
    return {
      shopId: design.shopId,
      contentType: contentTypeForKey(key),
      width: null,
      isPublic: true,
    };
  return null;
}

export async function GET(_request: Request, { params }: { params: Promise<{ key: string[] }> }) {
  const { key: parts } = await params;
  const notFound = () => new Response("Not found", { status: 404 });
  let key: string;
  try {
    key = parts.map((p) => decodeURIComponent(p)).join("/");
  } catch {
    return notFound(); // malformed percent-encoding names no file of ours
  }
  if (!isValidStorageKey(key)) return notFound();
  const variant = parseVariantKey(key);
  const originalKey = variant?.key ?? key;
  // Only files that belong to an image row are served: orphans and guessed keys are not.
  const image = await findStoredImage(originalKey);
  if (!image) return notFound();
  if (variant && !isVariantOf(variant, originalKey, image.width)) return notFound();
  if (!image.isPublic && !(await callerIsMember(image.shopId))) return notFound();

  const storage = getStorage();
  let file = await storage.get(key);
  if (!file && variant) {
    // Variants are written at upload; an image stored before that (or a lost write) gets its
    // variant rendered once here and stored, so the next request on any instance finds it.
    const original = await storage.get(originalKey);
    if (!original) return notFound();
    const bytes = await renderVariant(original.bytes, variant.width, variant.format);
    const contentType = VARIANT_CONTENT_TYPE[variant.format];
    await storage.put(key, bytes, contentType);
    file = { bytes, contentType };
  }
  if (!file) return notFound();
  return new Response(Buffer.from(file.bytes), {
    headers: {
      "Content-Type": variant ? VARIANT_CONTENT_TYPE[variant.format] : image.contentType,
      "Content-Length": String(file.bytes.byteLength),
      // Keys are random and never reused (a replaced image gets a new key), so a public image
      // and its variants can be cached for a year without revalidation.
      "Cache-Control": image.isPublic ? "public, max-age=31536000, immutable" : "private, no-store",
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
    },
  });
}
