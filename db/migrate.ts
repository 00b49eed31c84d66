import "server-only";
import path from "node:path";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import type { DatabaseHandle } from "./client";
import { installQueue } from "./queue";

export const migrationsFolder = path.join(process.cwd(), "db", "migrations");

/** Applies the committed SQL migrations (the same files on PGlite and PostgreSQL), then the queue. */
export async function migrateDatabase(handle: DatabaseHandle) {
  if (handle.kind === "pglite") {
    await migratePglite(handle.db as unknown as PgliteDatabase, { migrationsFolder });
  } else {
    await migratePostgres(handle.db, { migrationsFolder });
  }
  // The job queue's own schema (pg-boss), its queues and the sweep schedules.
  await installQueue(handle);
}
