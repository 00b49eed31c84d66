// Benchmark: checkout creation as the Checkout button runs it — re-read the cart, reserve stock
// in one transaction, price the application fee, open the Checkout Session on the connected
// account, record it — from call to redirect URL / client secret.
//   npx tsx --conditions=react-server scripts/bench-checkout.ts
// In-memory PGlite (or DATABASE_URL) and an in-process emulator. BENCH_N (default 200) carts,
// checked out one after another; then BENCH_CONCURRENCY (default 10) at a time.
import { randomBytes } from "node:crypto";
import { startEmulator } from "../emulator/server";

const N = Number(process.env.BENCH_N ?? 200);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 10);

function percentile(sorted: number[], p: number) {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

function report(label: string, samples: number[], wallMs: number) {
  const sorted = [...samples].sort((a, b) => a - b);
  const f = (n: number) => n.toFixed(1).padStart(7);
  console.log(
    `${label.padEnd(38)} n=${String(samples.length).padStart(4)}  p50=${f(percentile(sorted, 50))} ms  p95=${f(percentile(sorted, 95))} ms  max=${f(sorted.at(-1) ?? 0)} ms  (${((samples.length / wallMs) * 1000).toFixed(0)}/s)`,
  );
}

async function main() {
  const emulator = await startEmulator({ port: 0, webhookRetry: { delaysMs: [], timeoutMs: 500 } });
  process.env.STRIPE_EMULATOR_URL = emulator.url;
  process.env.BAZAAR_DATA_DIR ??= `/tmp/bazaar-bench-${randomBytes(4).toString("hex")}`;
  const {
    openDatabase,
    useDatabase: installDatabase,
    closeDatabase,
  } = await import("../db/client");
  const { migrateDatabase } = await import("../db/migrate");
  // PostgreSQL: a throwaway database next to the one DATABASE_URL names (dropped afterwards).
  let drop: (() => Promise<void>) | null = null;
  let target: { url: string } | { memory: true } = { memory: true };
  const baseUrl = process.env.DATABASE_URL;
  if (baseUrl) {
    const postgres = (await import("postgres")).default;
    const name = `bazaar_bench_${randomBytes(4).toString("hex")}`;
    const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database "${name}"`);
    await admin.end();
    const url = new URL(baseUrl);
    url.pathname = `/${name}`;
    target = { url: url.toString() };
    drop = async () => {
      const a = postgres(baseUrl, { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists "${name}" with (force)`);
      await a.end();
    };
  }
  const handle = openDatabase(target);
  await migrateDatabase(handle);
  installDatabase(handle);
  const { createUser } = await import("../db/queries/users");
  const { createShopForUser } = await import("../db/queries/shops");
  const { addToCart } = await import("../db/queries/carts");
  const { products, productVariants } = await import("../db/schema");
  const { ensureDemoAccount } = await import("../lib/stripe/demo-accounts");
  const { beginCheckout } = await import("../lib/orders/checkout");
  const { hashCartToken } = await import("../lib/storefront/cart-cookie");

  const user = await createUser({
    email: `bench-${randomBytes(4).toString("hex")}@example.test`,
    name: "Bench",
    passwordHash: "x",
  });
  if (!user) throw new Error("user");
  const created = await createShopForUser(user.id, {
    name: "Bench Shop",
    slug: `bench-${randomBytes(3).toString("hex")}`,
    currency: "USD",
    country: "US",
  });
  if (!created.ok) throw new Error("shop");
  const shop = created.shop;
  const account = await ensureDemoAccount(
    { id: shop.id, slug: shop.slug, name: "Bench Shop", country: "US" },
    "express",
    "bench@example.test",
  );
  if (account.status !== "created") throw new Error("account");

  const db = handle.db;
  const variantIds: string[] = [];
  for (let p = 0; p < 3; p++) {
    const [product] = await db
      .insert(products)
      .values({ shopId: shop.id, slug: `item-${p}`, name: `Item ${p}`, status: "active" })
      .returning();
    const [variant] = await db
      .insert(productVariants)
      .values({ shopId: shop.id, productId: product!.id, price: 1500 + p * 100, stock: 100_000 })
      .returning();
    variantIds.push(variant!.id);
  }

  async function makeCart() {
    const tokenHash = hashCartToken(randomBytes(32).toString("base64url"));
    for (const [i, id] of variantIds.entries()) await addToCart(shop.id, tokenHash, id, i + 1);
    return tokenHash;
  }
  async function timed(tokenHash: string, mode: "embedded" | "hosted") {
    const t0 = performance.now();
    const result = await beginCheckout({
      shop: { id: shop.id },
      tokenHash,
      origin: "http://localhost:3000",
      modeOverride: mode,
      from: "request",
    });
    const ms = performance.now() - t0;
    if (!result.ok) throw new Error(result.message);
    return ms;
  }

  console.log(
    `checkout creation benchmark — ${handle.kind}, in-process emulator, 3-line carts, N=${N}`,
  );
  for (const mode of ["embedded", "hosted"] as const) {
    const carts: string[] = [];
    for (let i = 0; i < N; i++) carts.push(await makeCart());
    await timed(await makeCart(), mode); // warm-up
    const samples: number[] = [];
    const t0 = performance.now();
    for (const c of carts) samples.push(await timed(c, mode));
    report(`new checkout (${mode}, sequential)`, samples, performance.now() - t0);

    const again: number[] = [];
    const t1 = performance.now();
    for (const c of carts.slice(0, Math.min(N, 100))) again.push(await timed(c, mode));
    report(`double click (${mode}, reuse)`, again, performance.now() - t1);
  }

  const carts: string[] = [];
  for (let i = 0; i < N; i++) carts.push(await makeCart());
  const samples: number[] = [];
  const t0 = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < carts.length) {
        const c = carts[next++]!;
        samples.push(await timed(c, "embedded"));
      }
    }),
  );
  report(`new checkout (embedded, ${CONCURRENCY} at once)`, samples, performance.now() - t0);

  await closeDatabase();
  await drop?.();
  await emulator.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
