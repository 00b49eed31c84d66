// Seeds the storefront fixtures (see scripts/lib/storefront-fixtures.ts) into the configured db.
// Usage: tsx --conditions=react-server scripts/seed-storefront-fixtures.ts [extraProducts]
import { closeDatabase, getDatabaseHandle } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { seedStorefrontFixtures } from "./lib/storefront-fixtures";

const extra = Number(process.argv[2] ?? 0) || 0;
const handle = getDatabaseHandle();
await migrateDatabase(handle);
const shop = await seedStorefrontFixtures(handle.db, { extraProducts: extra });
console.log(`Storefront fixtures seeded: /s/${shop.slug} (+${extra} generated products).`);
await closeDatabase();
