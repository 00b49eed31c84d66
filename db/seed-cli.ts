// `npm run db:seed`: migrates, then seeds the demo logins and shops (idempotent).
import { closeDatabase, getDatabaseHandle } from "./client";
import { migrateDatabase } from "./migrate";
import { seedDemo, seedDemoStripeAccounts } from "./seed";

const handle = getDatabaseHandle();
await migrateDatabase(handle);
await seedDemo(handle.db);
console.log(`Demo data seeded (${handle.kind}).`);
for (const line of await seedDemoStripeAccounts(handle.db)) console.log(`  Stripe ${line}`);
await closeDatabase();
// pg-boss's and the Stripe client's timers must not keep the process alive.
process.exit(0);
