// `npm run images:backfill`: one-off, for images stored before uploads went through sharp —
// strips EXIF/GPS from originals, records missing sizes, writes the resized variants of every
// product image, logo and hero (see README "Storage"). Safe to run again.
import { closeDatabase, getDatabaseHandle } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { getStorage } from "@/lib/storage";
import { backfillImageVariants } from "@/lib/storage/backfill";

const handle = getDatabaseHandle();
await migrateDatabase(handle);
try {
  const started = Date.now();
  const report = await backfillImageVariants(getStorage(), (line) => console.log(line));
  console.log(
    `Done in ${((Date.now() - started) / 1000).toFixed(1)} s: ${report.images} images, ` +
      `${report.sanitized} stripped of metadata, ${report.resized} sizes recorded.`,
  );
  for (const key of report.missing) console.warn(`  missing from storage: ${key}`);
  for (const f of report.failed) console.error(`  failed: ${f.key}: ${f.error}`);
  process.exitCode = report.failed.length > 0 ? 1 : 0;
} finally {
  await closeDatabase();
}
