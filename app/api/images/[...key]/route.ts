// Serves stored product images: public (long-cached) for active products, members-only otherwise.
import { listShopsForUser } from "@/db/queries/shops";
import { findImageByKey } from "@/db/queries/catalog";
import { getCurrentUser } from "@/lib/auth/session";
import { getStorage, isValidStorageKey } from "@/lib/storage";

async function callerIsMember(shopId: string) {
  const user = await getCurrentUser();
  if (!user) return false;
  return (await listShopsForUser(user.id)).some((s) => s.id === shopId);
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
  // Only files that belong to an image row are served: orphans and guessed keys are not.
  const image = await findImageByKey(key);
  if (!image) return notFound();
  const isPublic = image.status === "active";
  if (!isPublic && !(await callerIsMember(image.shopId))) return notFound();
  const file = await getStorage().get(key);
  if (!file) return notFound();
  return new Response(Buffer.from(file.bytes), {
    headers: {
      "Content-Type": image.contentType,
      "Content-Length": String(file.bytes.byteLength),
      // Keys are random and never reused, so a public image can be cached for a year.
      "Cache-Control": isPublic ? "public, max-age=31536000, immutable" : "private, no-store",
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
    },
  });
}
