// `npm run test:multi`: Bazaar on N instances, as an operator runs it behind a load balancer.
// Two `next start` instances (A and B) on one PostgreSQL database with the shared Redis cache,
// two `npm run worker` processes, the Stripe emulator and an SMTP server this script controls.
// Proves: a session from A works on B; a price changed through A's dashboard is the price on B's
// product, search and collection pages within 2 s; the same signed event posted to A and B at
// once runs its handler once and records one outcome; e-mails queued while SMTP is down are
// delivered once it is back, once each; an overdue checkout is expired on Stripe and its stock
// released by a worker with no shopper action.
//
// Needs a production build (`npm run build`; `npm test` has made one by the time this runs),
// PostgreSQL at DATABASE_ADMIN_URL (default postgres://postgres@127.0.0.1:5432/postgres) and
// Redis at REDIS_URL (default redis://127.0.0.1:6379). Uses its own database and key prefix and
// removes both afterwards.
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { chromium } from "@playwright/test";
import PgBoss from "pg-boss";
import postgres from "postgres";
import { createClient } from "redis";
import { SMTPServer } from "smtp-server";
import Stripe from "stripe";
import { root, runSync, startProcess, tool, tsxArgs, waitForUrl } from "./lib/run.mjs";

const adminUrl = process.env.DATABASE_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const ports = { a: 3171, b: 3172, emulator: 12171 };
const run = randomBytes(4).toString("hex");
const dbName = `bazaar_multi_${run}`;
const keyPrefix = `bazaar-multi-${run}:`;
const databaseUrl = (() => {
  const u = new URL(adminUrl);
  u.pathname = `/${dbName}`;
  return u.toString();
})();
const A = `http://localhost:${ports.a}`;
const emulatorUrl = `http://127.0.0.1:${ports.emulator}`;
const CONNECT_SECRET = "whsec_emulator_connect";

const children = [];
const results = [];
let failed = false;
const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
let sql;
let redis;
let browser;

function check(name, ok, detail) {
  results.push({ name, ok, detail });
  console.log(`${ok ? "✔" : "✖"} ${name}${detail ? ` — ${detail}` : ""}`);
  if (!ok) failed = true;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * A GET to one instance as the load balancer would send it: on the instance's own port, with
 * the platform's canonical Host (APP_URL's), which every instance answers for.
 */
function getFrom(port, pathname, headers = {}) {
  return new Promise((resolve, reject) => {
    const req = http.get(
      {
        host: "127.0.0.1",
        port,
        path: pathname,
        headers: { host: `localhost:${ports.a}`, ...headers },
      },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (c) => (body += c));
        res.on("end", () => resolve({ status: res.statusCode, body }));
      },
    );
    req.on("error", reject);
  });
}

async function waitFor(label, fn, { timeoutMs = 30_000, intervalMs = 100 } = {}) {
  const started = Date.now();
  for (;;) {
    const value = await fn();
    if (value) return { value, ms: Date.now() - started };
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${label}`);
    await sleep(intervalMs);
  }
}

// ── an SMTP server the test controls: down at first ─────────────────────────────
const received = [];
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  logger: false,
  onData(stream, session, callback) {
    let data = "";
    stream.on("data", (c) => (data += c.toString("utf8")));
    stream.on("end", () => {
      received.push({ to: session.envelope.rcptTo.map((r) => r.address), data });
      callback();
    });
  },
});
const smtpPort = 2500 + Math.floor(Math.random() * 400);

async function cleanup() {
  await browser?.close().catch(() => {});
  for (const child of children.reverse()) {
    if (child.exitCode === null) child.kill("SIGTERM");
  }
  await sleep(1500);
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
  await new Promise((r) => smtp.close(r)).catch(() => {});
  await sql?.end({ timeout: 2 }).catch(() => {});
  if (redis) {
    for await (const keys of redis.scanIterator({ MATCH: `${keyPrefix}*`, COUNT: 500 })) {
      const batch = Array.isArray(keys) ? keys : [keys];
      if (batch.length) await redis.del(batch);
    }
    await redis.quit().catch(() => {});
  }
  await admin.unsafe(`drop database if exists "${dbName}" with (force)`).catch(() => {});
  await admin.end({ timeout: 2 });
}

async function main() {
  if (!existsSync(path.join(root, ".next", "BUILD_ID"))) {
    if (!runSync("next build", tool("next"), ["build"])) throw new Error("build failed");
  }
  redis = createClient({ url: redisUrl });
  await redis.connect();
  // The cache handler follows other instances' writes through keyspace notifications.
  await redis.configSet("notify-keyspace-events", "Exe");
  await admin.unsafe(`create database "${dbName}"`);
  sql = postgres(databaseUrl, { max: 2, onnotice: () => {} });

  const env = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    REDIS_KEY_PREFIX: keyPrefix,
    KEY_PREFIX: keyPrefix,
    SKIP_KEYSPACE_CONFIG_CHECK: "true",
    BAZAAR_DATA_DIR: path.join(root, ".data", `multi-${run}`),
    APP_URL: A,
    // One secret, one action key for every instance (README: Running in production).
    AUTH_SECRET: `multi-${run}-secret-multi-secret-multi-secret`,
    NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    STRIPE_EMULATOR_URL: emulatorUrl,
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    EMAIL_RETRY_DELAY_SECONDS: "1",
    BAZAAR_WORKER: "external",
    SIGNUP_LIMIT_PER_HOUR: "1000",
    CHECKOUT_LIMIT_PER_CLIENT: "1000",
  };

  const emulator = startProcess("emulator", tool("tsx"), ["emulator/server.ts"], {
    env: {
      ...env,
      EMULATOR_PORT: String(ports.emulator),
      EMULATOR_DATA_FILE: path.join(env.BAZAAR_DATA_DIR, "stripe-emulator.json"),
      EMULATOR_PLATFORM_WEBHOOK_URL: `${A}/api/stripe/webhook`,
      EMULATOR_PLATFORM_WEBHOOK_SECRET: "whsec_emulator_platform",
      EMULATOR_CONNECT_WEBHOOK_URL: `${A}/api/stripe/connect-webhook`,
      EMULATOR_CONNECT_WEBHOOK_SECRET: CONNECT_SECRET,
    },
  });
  children.push(emulator);
  await waitForUrl(`${emulatorUrl}/js/stripe.js`, { child: emulator, timeoutMs: 60_000 });
  const [tsx, seedArgs] = tsxArgs("db/seed-cli.ts");
  if (!runSync("migrate + seed (PostgreSQL)", tsx, seedArgs, { env }))
    throw new Error("seed failed");
  const queuedBefore = Number(
    (await sql`select count(*)::int as n from email_outbox where status = 'queued'`)[0].n,
  );

  for (const [name, port] of [
    ["app-A", ports.a],
    ["app-B", ports.b],
  ]) {
    children.push(startProcess(name, tool("next"), ["start", "-p", String(port)], { env }));
  }
  const [tsxW, workerArgs] = tsxArgs("scripts/worker.ts");
  for (const name of ["worker-1", "worker-2"]) {
    children.push(startProcess(name, tsxW, workerArgs, { env }));
  }
  await waitForUrl(`${A}/api/health`, { timeoutMs: 120_000 });
  await waitForUrl(`http://127.0.0.1:${ports.b}/api/health`, { timeoutMs: 120_000 });

  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });

  // 1. E-mails queued while SMTP was down are retried by the workers, then delivered once.
  {
    const failedOnce = await waitFor(
      "a failed delivery attempt",
      async () =>
        Number(
          (
            await sql`select count(*)::int as n from email_outbox where status = 'failed' and attempts >= 1`
          )[0].n,
        ) > 0,
    );
    await new Promise((resolve) => smtp.listen(smtpPort, "127.0.0.1", resolve));
    const upAt = Date.now();
    const { ms } = await waitFor(
      "every e-mail sent",
      async () =>
        Number(
          (await sql`select count(*)::int as n from email_outbox where status <> 'sent'`)[0].n,
        ) === 0,
      { timeoutMs: 60_000 },
    );
    await sleep(2000); // a duplicate would arrive now
    const rows = await sql`select "to", attempts from email_outbox`;
    const perAddress = new Map();
    for (const r of received)
      for (const to of r.to) perAddress.set(to, (perAddress.get(to) ?? 0) + 1);
    const expected = new Map();
    for (const r of rows) expected.set(r.to, (expected.get(r.to) ?? 0) + 1);
    const same =
      received.length === rows.length && [...expected].every(([to, n]) => perAddress.get(to) === n);
    check(
      "e-mails queued while SMTP was down are delivered once it is back, once each",
      same && rows.length >= queuedBefore && rows.length > 0 && failedOnce.value,
      `${rows.length} messages, ${received.length} received, all sent ${ms} ms after SMTP came up ` +
        `(max attempts ${Math.max(...rows.map((r) => r.attempts))}); ${Date.now() - upAt} ms`,
    );
  }

  // 2. A session made on A is a session on B.
  const context = await browser.newContext({ baseURL: A });
  const page = await context.newPage();
  {
    await page.goto(`${A}/sign-in`);
    await page.getByLabel("E-mail").fill("merchant@bazaar.test");
    await page.getByLabel("Password").fill("merchant-demo-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/dashboard/);
    const cookies = await context.cookies(A);
    const cookieHeader = cookies.map((c) => `${c.name}=${c.value}`).join("; ");
    const onB = await getFrom(ports.b, "/dashboard", { cookie: cookieHeader });
    const html = onB.status === 200 ? onB.body : "";
    check(
      "a session from A works on B",
      onB.status === 200 && html.includes("/dashboard/kai-coffee"),
      `B answered ${onB.status} for /dashboard with A's session cookie`,
    );
  }

  // 3. A price changed through A is the price on B's product, search and collection pages.
  {
    const [product] = await sql`
      select p.id, p.slug, v.price from products p
      join shops s on s.id = p.shop_id join product_variants v on v.product_id = p.id
      where s.slug = 'kai-coffee' and p.slug = 'brew-scale'`;
    const oldPrice = (product.price / 100).toFixed(2);
    const newCents = product.price + 1234;
    const newPrice = (newCents / 100).toFixed(2);
    const pages = [
      `/s/kai-coffee/products/${product.slug}`,
      `/s/kai-coffee/search?q=scale`,
      `/s/kai-coffee/collections/brewing-gear`,
    ];
    const onB = async (pathname) => (await getFrom(ports.b, pathname)).body;
    // Warm B's caches with the old price.
    for (const pathname of pages) {
      for (let i = 0; i < 2; i++) {
        if (!(await onB(pathname)).includes(`$${oldPrice}`)) {
          throw new Error(`B's ${pathname} does not show $${oldPrice}`);
        }
      }
    }
    await page.goto(`${A}/dashboard/kai-coffee/products/${product.id}`);
    await page.getByLabel(/^Price/).fill(newPrice);
    await page.getByRole("button", { name: "Save product" }).click();
    try {
      await page.getByText("Product saved.").waitFor({ timeout: 15_000 });
    } catch (error) {
      await page.screenshot({ path: path.join(root, "test-results", "multi-price.png") });
      throw error;
    }
    const savedAt = Date.now();
    // All three pages at once: each records when B first shows the new price.
    const times = await Promise.all(
      pages.map(async (pathname) => {
        try {
          await waitFor(
            `the new price on B's ${pathname}`,
            async () => (await onB(pathname)).includes(`$${newPrice}`),
            { timeoutMs: 10_000, intervalMs: 25 },
          );
          return Date.now() - savedAt;
        } catch {
          return Infinity;
        }
      }),
    );
    check(
      "a price changed on A is the price on B's product, search and collection pages within 2 s",
      times.every((t) => t <= 2000),
      `$${oldPrice} → $${newPrice}; seen on B after ${times.join(" / ")} ms (product / search / collection)`,
    );
  }

  // 4. The same signed event at A and B at the same moment: one job, one handler run, one outcome.
  {
    const [acct] = await sql`
      select a.account_id from stripe_accounts a join shops s on s.id = a.shop_id
      where s.slug = 'kai-coffee'`;
    const stripe = new Stripe("sk_test_emulator", {
      host: "127.0.0.1",
      port: ports.emulator,
      protocol: "http",
    });
    const account = await stripe.accounts.retrieve(acct.account_id);
    const event = {
      id: `evt_multi_${run}_${Date.now()}`,
      object: "event",
      api_version: "2026-10-28.endive",
      created: Math.floor(Date.now() / 1000),
      data: { object: account },
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type: "account.updated",
      account: acct.account_id,
    };
    // The events the emulator delivered while the instances started (the seed's payments) are
    // worked off first; the count is reported.
    const backlog = await waitFor(
      "the event backlog worked off",
      async () =>
        Number(
          (
            await sql`select count(*)::int as n from pgboss.job where name = 'stripe-event' and state in ('created', 'active')`
          )[0].n,
        ) === 0,
      { timeoutMs: 120_000, intervalMs: 250 },
    );
    const [{ n: processed }] =
      await sql`select count(*)::int as n from stripe_events where outcome is not null`;
    console.log(`  (${processed} earlier events processed; backlog empty after ${backlog.ms} ms)`);
    const payload = JSON.stringify(event);
    const header = stripe.webhooks.generateTestHeaderString({ payload, secret: CONNECT_SECRET });
    const post = (port) =>
      fetch(`http://127.0.0.1:${port}/api/stripe/connect-webhook`, {
        method: "POST",
        headers: { "content-type": "application/json", "stripe-signature": header },
        body: payload,
      });
    const answers = await Promise.all(
      [ports.a, ports.b, ports.a, ports.b, ports.a, ports.b].map(post),
    );
    const bodies = await Promise.all(answers.map((r) => r.json()));
    const { value: row } = await waitFor("the event's outcome", async () => {
      const [r] = await sql`select * from stripe_events where id = ${event.id}`;
      return r?.outcome ? r : null;
    }).catch(async (error) => {
      const [r] =
        await sql`select id, outcome, attempts, error from stripe_events where id = ${event.id}`;
      const j =
        await sql`select state, output from pgboss.job where data->>'eventId' = ${event.id}`;
      console.error(
        "answers",
        answers.map((a) => a.status),
        bodies,
        "row",
        r,
        "jobs",
        j,
      );
      throw error;
    });
    await sleep(1500); // a second run would show now
    const [again] = await sql`select * from stripe_events where id = ${event.id}`;
    const jobs = await sql`select state from pgboss.job where data->>'eventId' = ${event.id}`;
    check(
      "the same event posted to A and B concurrently runs its handler once and records one outcome",
      answers.every((r) => r.status === 200) &&
        bodies.filter((b) => b.duplicate === false).length === 1 &&
        jobs.length === 1 &&
        again.attempts === 1 &&
        again.outcome === row.outcome &&
        again.processed_by === row.processed_by,
      `6 deliveries → ${jobs.length} job, ${again.attempts} handler run, outcome ${again.outcome} by ${again.processed_by}`,
    );
  }

  // 5. An overdue checkout is expired on Stripe and its stock released by a worker.
  {
    const shopper = await browser.newContext({ baseURL: A });
    const sp = await shopper.newPage();
    const [variant] = await sql`
      select v.id, v.stock from product_variants v join products p on p.id = v.product_id
      join shops s on s.id = p.shop_id where s.slug = 'kai-coffee' and p.slug = 'paper-filters'`;
    await sp.goto(`${A}/s/kai-coffee/products/paper-filters`);
    await sp.getByRole("button", { name: "Add to cart" }).click();
    await sp.getByText(/Added to your cart/).waitFor();
    await sp.goto(`${A}/s/kai-coffee/cart`);
    await sp.getByRole("button", { name: "Checkout" }).click();
    const { value: order } = await waitFor("a pending order", async () => {
      const [o] = await sql`
        select o.* from orders o join order_items i on i.order_id = o.id
        where o.status = 'pending' and i.variant_id = ${variant.id} order by o.created_at desc limit 1`;
      return o ?? null;
    });
    const [{ stock: reserved }] =
      await sql`select stock from product_variants where id = ${variant.id}`;
    await shopper.close();
    // Its time runs out (as if 30 minutes passed); no shopper comes back.
    await sql`update orders set session_expires_at = now() - interval '1 minute' where id = ${order.id}`;
    // The sweep is scheduled every two minutes; send its job now rather than wait.
    const boss = new PgBoss({
      connectionString: databaseUrl,
      max: 1,
      supervise: false,
      schedule: false,
      migrate: false,
    });
    await boss.start();
    await boss.send("sweep-expire-checkouts", {});
    await boss.stop({ graceful: false, close: true });
    const { ms } = await waitFor(
      "the overdue checkout released",
      async () => {
        const [o] = await sql`select status from orders where id = ${order.id}`;
        return o.status === "expired";
      },
      { timeoutMs: 30_000 },
    );
    const [{ stock: after }] =
      await sql`select stock from product_variants where id = ${variant.id}`;
    const session = await fetch(
      `${emulatorUrl}/v1/checkout/sessions/${order.checkout_session_id}`,
      {
        headers: {
          authorization: "Bearer sk_test_emulator",
          "stripe-account": order.stripe_account_id,
        },
      },
    ).then((r) => r.json());
    check(
      "an overdue checkout is expired and its stock released by the worker, with no shopper action",
      after === reserved + 1 && session.status === "expired",
      `stock ${variant.stock} → ${reserved} reserved → ${after} after the sweep (${ms} ms); session ${session.status}`,
    );
  }
}

try {
  await main();
} catch (error) {
  failed = true;
  console.error("✖ multi-instance test aborted:", error);
} finally {
  await cleanup();
}
console.log(
  `\n${results.filter((r) => r.ok).length}/${results.length} multi-instance checks passed.`,
);
process.exit(failed || results.length < 5 ? 1 : 0);
