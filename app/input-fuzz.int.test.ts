// Hostile input against every server action and every route handler, found by scanning the
// source (every `"use server"` module's exports, every app/**/route.ts), not from a hand list:
// NUL bytes, 1 MB strings, malformed text and percent-encoding, negative / NaN / huge numbers
// and arguments of the wrong type. Nothing may throw (a thrown error is a 500 to the caller), no
// route may answer ≥ 500, and input that no field can accept must leave the database unchanged.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startEmulator } from "@/emulator/server";
import { getDb } from "@/db/client";
import type { SessionUser } from "@/db/queries/users";
import { INPUT_MESSAGES, idleState } from "@/lib/actions";
import { setStorage } from "@/lib/storage";
import { memoryStorage } from "@/lib/storage/memory";
import { session } from "@/lib/testing/session";

const ROOT = process.cwd();

// ── what the app consists of, read from its source ────────────────────────────────────────────

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(rel));
    else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) out.push(rel);
  }
  return out;
}

const SOURCES = ["app", "components", "lib"].flatMap(walk);
const read = (file: string) => readFileSync(path.join(ROOT, file), "utf8");
/** Modules whose exports are server actions: a file-level "use server" directive. */
const ACTION_MODULES = SOURCES.filter((f) =>
  /^(\s*\/\/[^\n]*\n)*\s*["']use server["']/.test(read(f)),
);
const ROUTE_MODULES = walk("app").filter((f) => /(^|\/)route\.tsx?$/.test(f));

/** Every form field name the app's forms and actions use. */
function fieldNames(): string[] {
  const names = new Set<string>();
  for (const file of SOURCES) {
    const text = read(file);
    for (const m of text.matchAll(/\bname="([A-Za-z_][\w.-]*)"/g)) names.add(m[1]!);
    for (const m of text.matchAll(/\bname=\{`([^`]+)`\}/g)) names.add(m[1]!);
    for (const m of text.matchAll(/formData\.get(?:All)?\("([^"]+)"\)/g)) names.add(m[1]!);
    for (const m of text.matchAll(/\b(?:raw|values)\.([A-Za-z_]\w*)\b/g)) names.add(m[1]!);
  }
  return [...names].filter((n) => !n.startsWith("$"));
}

/** Query-string keys that route handlers read. */
function queryKeys(file: string): string[] {
  const keys = new Set<string>(["q", "page"]);
  for (const m of read(file).matchAll(/searchParams\.get\("([^"]+)"\)/g)) keys.add(m[1]!);
  return [...keys];
}

// ── the request context the actions and routes run in ─────────────────────────────────────────

const request = vi.hoisted(() => ({ headers: new Headers({ host: "localhost:3000" }) }));
const jar = vi.hoisted(() => ({ values: new Map<string, string>() }));

vi.mock("@/lib/auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/auth")>()),
  auth: (await import("@/lib/testing/session")).testAuth,
  // Signing in needs a real HTTP request; hostile input must be refused before it anyway.
  signIn: async () => {
    throw new Error("signIn reached with hostile input");
  },
  signOut: async () => {},
}));
vi.mock("next/navigation", () => ({
  redirect: (url: string) => {
    throw Object.assign(new Error("NEXT_REDIRECT"), { digest: "NEXT_REDIRECT", url });
  },
  notFound: () => {
    throw Object.assign(new Error("NEXT_NOT_FOUND"), { digest: "NEXT_HTTP_ERROR_FALLBACK;404" });
  },
}));
vi.mock("next/cache", () => ({
  updateTag: () => {},
  revalidateTag: () => {},
  revalidatePath: () => {},
  refresh: () => {},
  cacheTag: () => {},
  cacheLife: () => {},
}));
vi.mock("next/headers", () => ({
  headers: async () => request.headers,
  cookies: async () => ({
    get: (name: string) => {
      const value = jar.values.get(name);
      return value === undefined ? undefined : { name, value };
    },
    set: (name: string, value: string) => void jar.values.set(name, value),
    delete: (name: string) => void jar.values.delete(name),
  }),
}));
vi.mock("next/server", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/server")>()),
  connection: async () => {},
}));

const emulator = await startEmulator({ port: 0, webhookRetry: { delaysMs: [], timeoutMs: 1000 } });
process.env.STRIPE_EMULATOR_URL = emulator.url;
setStorage(memoryStorage());

// ── a shop with something of everything, owned by the signed-in merchant ──────────────────────

type World = Awaited<ReturnType<typeof buildWorld>>;

async function buildWorld() {
  const { makeProduct, makeShop, activateShop, uniqueEmail } =
    await import("@/lib/testing/factories");
  const { createUser } = await import("@/db/queries/users");
  // Users without argon2 (the fixtures are rebuilt often): nobody signs in with these.
  const makeUser = async (opts: { role?: "admin" | "merchant" } = {}) => {
    const user = await createUser({
      email: uniqueEmail("fuzz"),
      name: "Fuzz",
      passwordHash: "not-a-hash",
      role: opts.role,
    });
    if (!user) throw new Error("user not created");
    return user;
  };
  const { insertOrderRow } = await import("@/lib/testing/order-rows");
  const { createCollection } = await import("@/db/queries/catalog");
  const { createContentPage } = await import("@/db/queries/storefront");
  const schema = await import("@/db/schema");
  const db = getDb();
  const merchant = await makeUser();
  const admin = await makeUser({ role: "admin" });
  const other = await makeUser();
  const shop = await makeShop(merchant.id);
  await activateShop(shop.id);
  const product = await makeProduct(shop.id, {
    options: [{ name: "Size", values: ["S", "M"] }],
    variants: [
      { optionValues: ["S"], price: 1500, stock: 5 },
      { optionValues: ["M"], price: 1700, stock: 0 },
    ],
  });
  const [image] = await db
    .insert(schema.productImages)
    .values({
      shopId: shop.id,
      productId: product.id,
      storageKey: `shops/${shop.id}/products/${product.id}/fuzz.png`,
      contentType: "image/png",
      width: 4,
      height: 3,
      alt: "Fuzz",
      position: 0,
    })
    .returning();
  const collection = await createCollection(shop.id, {
    name: "Fuzz",
    slug: `fuzz-${Date.now().toString(36)}`,
    description: "",
  });
  if (!collection.ok) throw new Error("collection not created");
  const page = await createContentPage(shop.id, { title: "About", slug: "about", body: "Hi" });
  if (!page) throw new Error("page not created");
  const order = await insertOrderRow({
    shopId: shop.id,
    items: [{ productId: product.id, productName: product.name, unitPrice: 1500, quantity: 1 }],
  });
  const eventId = `evt_fuzz_${Date.now().toString(36)}`;
  await db.insert(schema.stripeEvents).values({
    id: eventId,
    type: "account.updated",
    source: "connect",
    account: "acct_fuzz",
    livemode: false,
    payload: { id: eventId, type: "account.updated", data: { object: {} } },
    created: new Date(),
  });
  const variant = product.variants[0]!;
  return {
    merchant,
    admin,
    other,
    shop,
    /** Fields that name what the form acts on: valid here, so the actions get past their loaders. */
    context: {
      shop: shop.slug,
      shopId: shop.id,
      productId: product.id,
      variantId: variant.id,
      variantIds: variant.id,
      imageId: image!.id,
      collectionId: collection.id,
      id: page.id,
      orderId: order.id,
      userId: other.id,
      eventId,
      requestId: "7b0e4c7e-3f0a-4a53-9a57-2f3d6c1c0a11",
    } as Record<string, string>,
    /** Ids that templated field names (`v.${id}.price`, `restock_${id}`) are built from. */
    ids: [variant.id, product.variants[1]!.id, "0", "1"],
  };
}

/** Rows of a raw query on either driver (PGlite answers { rows }, postgres.js an array). */
async function rowsOf<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await getDb().execute(query)) as unknown;
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/** One fingerprint of every table's content: equal before and after means nothing changed. */
async function fingerprint() {
  const tables = await rowsOf<{ tablename: string }>(
    sql`select tablename from pg_tables where schemaname = 'public' order by tablename`,
  );
  const parts = tables.map(
    (r) =>
      sql`select ${r.tablename}::text as t, md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h from ${sql.identifier(r.tablename)} x`,
  );
  const hashes = await rowsOf<{ t: string; h: string }>(sql.join(parts, sql` union all `));
  return Object.fromEntries(hashes.map((h) => [h.t, h.h]));
}

/** The tables whose content differs: what a failed "nothing changed" check reports. */
function changed(before: Record<string, string>, after: Record<string, string>) {
  return Object.keys(after).filter((t) => before[t] !== after[t]);
}

// ── hostile values ─────────────────────────────────────────────────────────────────────────────

/** No field can accept these: refused by the input gate, so nothing may change. */
const UNUSABLE: Record<string, string> = {
  nul: "a\u0000b",
  "nul only": "\u0000",
  "1 MB": "x".repeat(1024 * 1024),
  "1 MB of digits": "9".repeat(1024 * 1024),
};
/** Wrong for any number or id; a free-text field may accept some of them. */
const GARBAGE: Record<string, string> = {
  negative: "-1",
  NaN: "NaN",
  Infinity: "-Infinity",
  huge: "99999999999999999999999",
  "over 2^31": "2147483648",
  "over the max charge": "999999999999.99",
  exponent: "1e309",
  hex: "0x7fffffff",
  "malformed percent-encoding": "%E0%A4%A%zz%",
  // A form carries only well-formed text (a lone surrogate arrives as U+FFFD); routes see it raw.
  "lone surrogate": "caf\uD800e",
  "36 dashes": "-".repeat(36),
  empty: "",
  "header injection": "x\r\nSet-Cookie: a=b",
  "protocol-relative URL": "//evil.example/%2e%2e",
};
const WRONG_TYPES: [string, unknown][] = [
  ["undefined", undefined],
  ["null", null],
  ["a string", "shop=x"],
  ["a number", 42],
  ["an object", { shop: "x", get: "not a function" }],
  ["an array", [["shop", "x"]]],
  ["a Blob", new Blob(["x"])],
  ["a Map", new Map([["shop", "x"]])],
];

const FIELDS = fieldNames();

function expandTemplate(name: string, ids: string[]): string[] {
  if (!name.includes("${")) return [name];
  return ids.map((id) => name.replace(/\$\{[^}]*\}/g, id));
}

function hostileForm(world: World, value: string, keepContext: boolean) {
  const fd = new FormData();
  for (const field of FIELDS) {
    for (const name of expandTemplate(field, world.ids)) {
      const context = keepContext ? world.context[name] : undefined;
      fd.append(name, context ?? value);
    }
  }
  return fd;
}

function fileForm(world: World, keepContext: boolean) {
  const fd = new FormData();
  for (const field of FIELDS) {
    for (const name of expandTemplate(field, world.ids)) {
      const context = keepContext ? world.context[name] : undefined;
      if (context) fd.append(name, context);
      else fd.append(name, new File(["\u0000garbage"], "x.png", { type: "image/png" }));
    }
  }
  return fd;
}

/** Runs an action: a redirect is an answer; any other throw is a 500 and fails the test. */
async function call(action: (...args: unknown[]) => unknown, args: unknown[]) {
  try {
    const result = await action(...args);
    return { threw: null, result };
  } catch (error) {
    const digest = (error as { digest?: string }).digest ?? "";
    if (digest.startsWith("NEXT_REDIRECT") || digest.startsWith("NEXT_HTTP_ERROR_FALLBACK"))
      return { threw: null, result: { redirect: (error as { url?: string }).url } };
    return { threw: error, result: null };
  }
}

type ActionEntry = { module: string; name: string; fn: (...args: unknown[]) => unknown };

let world: World;
const actions: ActionEntry[] = [];

beforeAll(async () => {
  world = await buildWorld();
  for (const file of ACTION_MODULES) {
    const mod = (await import(/* @vite-ignore */ path.join(ROOT, file))) as Record<string, unknown>;
    for (const [name, fn] of Object.entries(mod)) {
      if (typeof fn === "function")
        actions.push({ module: file, name, fn: fn as ActionEntry["fn"] });
    }
  }
}, 120_000);

afterAll(() => emulator.close());

/** Fresh fixtures after an action legitimately changed them; the caller keeps their role. */
async function rebuildWorld() {
  const wasAdmin = session.user !== null && session.user.id === world.admin.id;
  const signedIn = session.user !== null;
  world = await buildWorld();
  session.user = !signedIn ? null : wasAdmin ? world.admin : world.merchant;
}

/** The users each action is tried as: nobody, the shop's merchant and a platform admin. */
function callers(): [string, SessionUser | null][] {
  return [
    ["signed out", null],
    ["the merchant", world.merchant],
    ["an admin", world.admin],
  ];
}

describe("every server action", () => {
  it('is found by scanning the source: every export of every "use server" module', () => {
    expect(ACTION_MODULES.length).toBeGreaterThanOrEqual(10);
    const declared = ACTION_MODULES.flatMap((m) =>
      [...read(m).matchAll(/^export (?:const|async function|function) (\w+)/gm)].map(
        (x) => `${m}#${x[1]}`,
      ),
    );
    expect(actions.map((a) => `${a.module}#${a.name}`).sort()).toEqual(declared.sort());
    expect(actions.length).toBeGreaterThanOrEqual(46);
  });

  it("refuses arguments of the wrong type without throwing or changing anything", async () => {
    for (const [, user] of callers()) {
      session.user = user;
      for (const action of actions) {
        const before = await fingerprint();
        for (const [label, value] of WRONG_TYPES) {
          for (const args of [[idleState, value], [value, value], [value]]) {
            const { threw, result } = await call(action.fn, args);
            expect(threw, `${action.name}(${label}) threw`).toBeNull();
            // An action that takes a form says so when it gets something else.
            if (action.name !== "signOutAction" && args.length === 2 && args[0] === idleState) {
              expect(result, `${action.name}(${label})`).toMatchObject({
                status: "error",
                message: INPUT_MESSAGES.unreadable,
              });
            }
          }
        }
        expect(changed(before, await fingerprint()), `${action.name}: tables changed`).toEqual([]);
        // Files where text is expected: with nothing valid nothing changes; with valid ids the
        // action answers (one that needs nothing but ids, like adding to a collection, may act).
        const beforeFiles = await fingerprint();
        const files = await call(action.fn, [idleState, fileForm(world, false)]);
        expect(files.threw, `${action.name}(files) threw`).toBeNull();
        expect(
          changed(beforeFiles, await fingerprint()),
          `${action.name}(files) changed tables`,
        ).toEqual([]);
        const aimed = await call(action.fn, [idleState, fileForm(world, true)]);
        expect(aimed.threw, `${action.name}(files, valid ids) threw`).toBeNull();
        if (changed(beforeFiles, await fingerprint()).length > 0) await rebuildWorld();
      }
    }
  }, 300_000);

  it("refuses NUL bytes, 1 MB strings and malformed text in any field, changing nothing", async () => {
    for (const [who, user] of callers()) {
      session.user = user;
      for (const action of actions) {
        for (const [label, value] of Object.entries(UNUSABLE)) {
          for (const keepContext of [true, false]) {
            const before = await fingerprint();
            const { threw, result } = await call(action.fn, [
              idleState,
              hostileForm(world, value, keepContext),
            ]);
            const what = `${action.name} as ${who} with ${label}${keepContext ? " (valid ids)" : ""}`;
            expect(threw, `${what} threw`).toBeNull();
            expect(changed(before, await fingerprint()), `${what}: tables changed`).toEqual([]);
            if (action.name !== "signOutAction") {
              expect(result, what).toMatchObject({ status: "error" });
              const errors = Object.values(
                (result as { fieldErrors?: Record<string, string> }).fieldErrors ?? {},
              );
              expect(errors.length, `${what}: a message next to the field`).toBeGreaterThan(0);
            }
          }
        }
      }
    }
  }, 600_000);

  it("survives negative, NaN, huge and malformed values in every field", async () => {
    for (const action of actions) {
      // Each action as the one who may use it: admin actions as an admin, the rest as the merchant.
      const who = action.module.startsWith("app/admin/") ? "an admin" : "the merchant";
      session.user = who === "an admin" ? world.admin : world.merchant;
      {
        for (const [label, value] of Object.entries(GARBAGE)) {
          // With nothing valid, nothing is found and nothing may change.
          const before = await fingerprint();
          const loose = await call(action.fn, [idleState, hostileForm(world, value, false)]);
          expect(loose.threw, `${action.name} as ${who} with ${label} threw`).toBeNull();
          expect(
            changed(before, await fingerprint()),
            `${action.name} as ${who} with ${label}: tables changed`,
          ).toEqual([]);
          // With valid ids the action reaches its own validation: it must answer, not throw.
          // (A free-text field may legitimately accept "-1", so the database may change here.)
          const aimed = await call(action.fn, [idleState, hostileForm(world, value, true)]);
          expect(
            aimed.threw,
            `${action.name} as ${who} with ${label} (valid ids) threw: ${String(aimed.threw)}`,
          ).toBeNull();
          if (changed(before, await fingerprint()).length > 0) await rebuildWorld();
        }
      }
    }
  }, 900_000);
});

// ── route handlers ────────────────────────────────────────────────────────────────────────────

type RouteHandler = (request: Request, ctx: { params: Promise<unknown> }) => Promise<Response>;

function paramsFor(file: string, value: string, keepContext: boolean) {
  const params: Record<string, string | string[]> = {};
  for (const m of file.matchAll(/\[(\.\.\.)?(\w+)\]/g)) {
    const name = m[2]!;
    if (name === "nextauth") params[name] = ["session"];
    else if (m[1]) params[name] = [value, "x.png"];
    else params[name] = keepContext && world.context[name] ? world.context[name] : value;
  }
  return params;
}

/** Percent-encodes a segment; a lone surrogate (which cannot be encoded) goes in malformed. */
function encodeSegment(s: string) {
  try {
    return encodeURIComponent(s);
  } catch {
    return "%ED%A0%80";
  }
}

function urlFor(file: string, params: Record<string, string | string[]>, value: string) {
  const route = file
    .replace(/^app/, "")
    .replace(/\/route\.tsx?$/, "")
    .replace(/\/\([^)]+\)/g, "")
    .replace(/\[(?:\.\.\.)?(\w+)\]/g, (_, name: string) => {
      const p = params[name];
      return (Array.isArray(p) ? p : [p ?? ""]).map(encodeSegment).join("/");
    });
  const url = new URL(route || "/", "http://localhost:3000");
  for (const key of queryKeys(file))
    url.searchParams.set(key, value.replace(/[\uD800-\uDFFF]/g, ""));
  // Raw, malformed percent-encoding straight in the query string too.
  return `${url.toString()}&raw=%E0%A4%A%00%zz`;
}

function safeHeaderValue(value: string) {
  return /^[\t\x20-\x7e]*$/.test(value) && value.length < 8_000 ? value : "%00";
}

async function routeRequests(file: string, method: string, value: string, keepContext: boolean) {
  const params = paramsFor(file, value, keepContext);
  const url = urlFor(file, params, value);
  const headers = {
    "x-forwarded-host": "evil.example/.localhost",
    "x-forwarded-proto": "javascript",
    "stripe-signature": `t=${safeHeaderValue(value)},v1=${safeHeaderValue(value)}`,
    cookie: `authjs.session-token=${safeHeaderValue(value)}; bazaar_cart=${safeHeaderValue(value)}`,
    "x-bazaar-canonical-path": safeHeaderValue(value),
    host: "localhost:3000",
  };
  const bodies =
    method === "GET" || method === "HEAD"
      ? [undefined]
      : [
          value,
          JSON.stringify({ id: value, type: value, data: null, created: value }),
          new URLSearchParams({ email: value, password: value, csrfToken: value }).toString(),
        ];
  return bodies.map((body, i) => ({
    params,
    request: new Request(url, {
      method,
      headers: {
        ...headers,
        "content-type": i === 1 ? "application/json" : "application/x-www-form-urlencoded",
      },
      body,
    }),
  }));
}

describe("every route handler", () => {
  it("answers hostile requests below 500 and changes nothing", async () => {
    const { NextRequest } = await import("next/server");
    expect(ROUTE_MODULES.length).toBeGreaterThanOrEqual(14);
    const tried = new Set<string>();
    // Route handlers have no admin-only ones: signed out and as the shop's merchant.
    for (const [who, user] of callers().slice(0, 2)) {
      session.user = user;
      for (const file of ROUTE_MODULES) {
        const mod = (await import(/* @vite-ignore */ path.join(ROOT, file))) as Record<
          string,
          unknown
        >;
        for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"]) {
          const handler = mod[method] as RouteHandler | undefined;
          if (typeof handler !== "function") continue;
          tried.add(`${file} ${method}`);
          for (const [label, value] of Object.entries({ ...UNUSABLE, ...GARBAGE })) {
            for (const keepContext of [true, false]) {
              for (const { params, request: req } of await routeRequests(
                file,
                method,
                value,
                keepContext,
              )) {
                request.headers = new Headers(req.headers);
                const before = await fingerprint();
                const what = `${method} ${file} as ${who} with ${label}${keepContext ? " (valid ids)" : ""}`;
                let status: number;
                try {
                  const response = await handler(new NextRequest(req), {
                    params: Promise.resolve(params),
                  });
                  status = response.status;
                  const location = response.headers.get("location");
                  if (location) {
                    // Redirects stay on our own hosts, whatever the forwarded headers say.
                    expect(new URL(location).host, `${what}: redirect ${location}`).not.toContain(
                      "evil.example",
                    );
                  }
                  const body = await response.text();
                  expect(body, `${what}: body`).not.toContain("evil.example");
                } catch (error) {
                  const digest = (error as { digest?: string }).digest ?? "";
                  if (digest.startsWith("NEXT_REDIRECT") || digest.startsWith("NEXT_HTTP_ERROR"))
                    status = 303;
                  else throw new Error(`${what} threw: ${String(error)}`);
                }
                expect(status, what).toBeLessThan(500);
                expect(changed(before, await fingerprint()), `${what}: tables changed`).toEqual([]);
              }
            }
          }
        }
      }
    }
    expect(tried.size).toBeGreaterThanOrEqual(ROUTE_MODULES.length);
  }, 900_000);
});
