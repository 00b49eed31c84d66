// `npm run db:migrate`: applies db/migrations to the configured database (DATABASE_URL or embedded).
import { closeDatabase, getDatabaseHandle } from "./client";
import { migrateDatabase } from "./migrate";

const handle = getDatabaseHandle();
await migrateDatabase(handle);
console.log(`Migrations applied (${handle.kind}).`);
await closeDatabase();
// pg-boss's and the Stripe client's timers must not keep the process alive.
process.exit(0);
