import "server-only";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { env } from "@/lib/env";
import * as schema from "./schema";

/**
 * One data-access type for both drivers. PGlite's and postgres.js's drizzle databases share
 * the same query API; we type everything against the postgres-js flavour.
 */
export type Db = PostgresJsDatabase<typeof schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** Anything a query can run on: the database or an open transaction. */
export type Executor = Db | Tx;

export type SqlResult = { rows: Record<string, unknown>[] };

export type DatabaseHandle = {
  db: Db;
  kind: "pglite" | "postgres";
  /** The connection string (PostgreSQL only): pg-boss opens its own small pool on it. */
  url?: string;
  /**
   * Raw SQL with $1… parameters, outside any transaction (pg-boss's executor on PGlite; several
   * statements are allowed when there are no parameters).
   */
  executeSql: (text: string, values?: unknown[]) => Promise<SqlResult>;
  close: () => Promise<void>;
};

export type DatabaseTarget =
  { url: string; prepare?: boolean } | { dataDir: string } | { memory: true };

export function openDatabase(target: DatabaseTarget): DatabaseHandle {
  if ("url" in target) {
    // prepare: false for PgBouncer in transaction mode before 1.21 (DATABASE_PREPARE=false).
    const prepare = target.prepare ?? true;
    const sql = postgres(target.url, { max: 10, onnotice: () => {}, prepare });
    return {
      db: drizzlePostgres(sql, { schema }),
      kind: "postgres",
      url: target.url,
      executeSql: async (text, values) => {
        const rows = values?.length
          ? await sql.unsafe(text, values.map(toParam) as never[], { prepare })
          : await sql.unsafe(text).simple();
        return { rows: Array.isArray(rows) ? (rows as unknown as Record<string, unknown>[]) : [] };
      },
      close: () => sql.end({ timeout: 5 }),
    };
  }
  let client: PGlite;
  if ("dataDir" in target) {
    mkdirSync(path.dirname(target.dataDir), { recursive: true });
    client = new PGlite(target.dataDir);
  } else {
    client = new PGlite();
  }
  // PGlite runs one query at a time and `transaction()` holds its connection for the whole
  // transaction, so concurrent transactions queue instead of interleaving.
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    kind: "pglite",
    executeSql: async (text, values) => {
      if (values?.length) {
        const result = await client.query<Record<string, unknown>>(text, values.map(toParam));
        return { rows: result.rows };
      }
      const results = await client.exec(text);
      return { rows: (results.at(-1)?.rows ?? []) as Record<string, unknown>[] };
    },
    close: () => client.close(),
  };
}

/** Parameters as node-postgres would send them (undefined is NULL). */
function toParam(value: unknown) {
  return value === undefined ? null : value;
}

/** The app's database, chosen by configuration: DATABASE_URL → PostgreSQL, else embedded PGlite. */
export function databaseTargetFromEnv(): DatabaseTarget {
  const e = env();
  return e.DATABASE_URL
    ? { url: e.DATABASE_URL, prepare: e.DATABASE_PREPARE }
    : { dataDir: path.resolve(e.BAZAAR_DATA_DIR, "pglite") };
}

type Holder = { handle?: DatabaseHandle };
// Kept on globalThis so dev-server module reloads reuse the one open PGlite directory.
const holder: Holder = ((globalThis as { __bazaarDb?: Holder }).__bazaarDb ??= {});

/** Installs an already open database (tests, scripts). */
export function useDatabase(handle: DatabaseHandle) {
  holder.handle = handle;
}

export function getDatabaseHandle(): DatabaseHandle {
  holder.handle ??= openDatabase(databaseTargetFromEnv());
  return holder.handle;
}

export function getDb(): Db {
  return getDatabaseHandle().db;
}

export async function closeDatabase() {
  const handle = holder.handle;
  holder.handle = undefined;
  await handle?.close();
}
