// Each integration test file gets its own freshly migrated database: in-memory PGlite by
// default, or a throwaway PostgreSQL database when DATABASE_URL is set (dropped afterwards).
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { afterAll, beforeAll, vi } from "vitest";
import { closeDatabase, openDatabase, useDatabase } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { stopQueueSenders } from "@/db/queue";

// Who is signed in: lib/testing/session. Only Auth.js's cookie reading is replaced; the real
// session, membership and permission checks run on top of it.
vi.mock("@/lib/auth", async (importOriginal) => {
  const { testAuth } = await import("./session");
  return { ...(await importOriginal<typeof import("@/lib/auth")>()), auth: testAuth };
});
// connection() (request-time marker) has no request to wait for in a test.
vi.mock("next/server", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/server")>()),
  connection: async () => {},
}));

const baseUrl = process.env.DATABASE_URL;
// Anything that opens the database from configuration by mistake lands in a scratch directory,
// never in the developer's .data/.
process.env.BAZAAR_DATA_DIR = mkdtempSync(path.join(os.tmpdir(), "bazaar-it-"));
let dropDatabase: (() => Promise<void>) | undefined;

beforeAll(async () => {
  if (baseUrl) {
    // TEST_DB_PREFIX keeps parallel runs on one server apart (each drops only its own).
    const prefix = process.env.TEST_DB_PREFIX ?? "bazaar_it";
    const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
    const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database "${name}"`);
    await admin.end();
    const url = new URL(baseUrl);
    url.pathname = `/${name}`;
    const handle = openDatabase({ url: url.toString() });
    await migrateDatabase(handle);
    useDatabase(handle);
    dropDatabase = async () => {
      const a = postgres(baseUrl, { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists "${name}" with (force)`);
      await a.end();
    };
  } else {
    const handle = openDatabase({ memory: true });
    await migrateDatabase(handle);
    useDatabase(handle);
  }
});

afterAll(async () => {
  await stopQueueSenders();
  await closeDatabase();
  await dropDatabase?.();
});
