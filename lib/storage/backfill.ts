import sharp from "sharp";
import { listProductImagesPage, setProductImageSize } from "@/db/queries/catalog";
import { listDesignImageKeys } from "@/db/queries/storefront";
import { sanitizeImage, writeVariants } from "./process-image";
import type { Storage } from "./types";
import { fallbackFormat } from "./variants";

export type BackfillReport = {
  images: number;
  /** Originals that still carried metadata (EXIF/GPS, XMP, IPTC) or a rotation, re-written. */
  sanitized: number;
  /** Product images whose recorded size was missing or wrong. */
  resized: number;
  /** Keys in the database with no stored file. */
  missing: string[];
  failed: { key: string; error: string }[];
};

async function needsSanitizing(bytes: Uint8Array) {
  const meta = await sharp(bytes).metadata();
  return Boolean(meta.exif || meta.xmp || meta.iptc || (meta.orientation ?? 1) !== 1);
}

/**
 * For images stored before uploads went through sharp: strips metadata from originals that
 * still carry it, records missing sizes, and writes every variant. Safe to run again, and on two
 * machines at once (each write is the same bytes under the same key).
 */
export async function backfillImageVariants(
  storage: Storage,
  log: (line: string) => void = () => {},
): Promise<BackfillReport> {
  const report: BackfillReport = { images: 0, sanitized: 0, resized: 0, missing: [], failed: [] };

  async function processOne(key: string, contentType: string, widthRecorded: boolean) {
    report.images++;
    const file = await storage.get(key);
    if (!file) {
      report.missing.push(key);
      return null;
    }
    let bytes = file.bytes;
    let { width, height } = await sharp(bytes).metadata();
    if (await needsSanitizing(bytes)) {
      const clean = await sanitizeImage(bytes, fallbackFormat(key));
      await storage.put(key, clean.bytes, contentType);
      ({ bytes, width, height } = clean);
      report.sanitized++;
    }
    await writeVariants(storage, key, bytes, widthRecorded ? width : null);
    return { width, height };
  }

  let after: string | null = null;
  for (;;) {
    const page = await listProductImagesPage(after, 100);
    if (page.length === 0) break;
    for (const img of page) {
      try {
        const size = await processOne(img.storageKey, img.contentType, true);
        if (size && (size.width !== img.width || size.height !== img.height)) {
          await setProductImageSize(img.id, size.width, size.height);
          report.resized++;
        }
      } catch (error) {
        report.failed.push({ key: img.storageKey, error: String(error) });
      }
    }
    after = page[page.length - 1]!.id;
    log(`  ${report.images} images…`);
  }
  for (const key of await listDesignImageKeys()) {
    try {
      await processOne(key, contentTypeOf(key), false);
    } catch (error) {
      report.failed.push({ key, error: String(error) });
    }
  }
  return report;
}

function contentTypeOf(key: string) {
  const f = fallbackFormat(key);
  return f === "jpg" ? "image/jpeg" : `image/${f}`;
}
