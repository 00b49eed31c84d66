// Storefront benchmark: requests/second and p99 latency of cached storefront pages against a
// static page of the same production build, on a fresh embedded database with a 1,000-product
// shop. Loopback only. Usage: node scripts/bench-storefront.mjs [--seconds 10] [--connections 10]
import { rmSync } from "node:fs";
import path from "node:path";
import autocannon from "autocannon";
import {
  ensureBuild,
  portIsFree,
  root,
  runSync,
  startProcess,
  tool,
  tsxArgs,
  waitForUrl,
} from "./lib/run.mjs";

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? Number(process.argv[i + 1]) : fallback;
}
const seconds = arg("seconds", 10);
const connections = arg("connections", 10);
const port = arg("port", 3499);
const PRODUCTS = 1000;
const TARGET = 0.8;

const dataDir = path.join(root, ".data", "bench");
rmSync(dataDir, { recursive: true, force: true });
const env = {
  ...process.env,
  NODE_ENV: "production",
  NEXT_TELEMETRY_DISABLED: "1",
  BAZAAR_DATA_DIR: dataDir,
  APP_URL: `http://localhost:${port}`,
  AUTH_SECRET: "bench-secret-bench-secret-bench-secret-bench",
};
delete env.DATABASE_URL; // always the embedded default

if (!(await portIsFree(port))) {
  console.error(`✖ port ${port} is busy; pass --port <free port>`);
  process.exit(1);
}
const [tsx, seedArgs] = tsxArgs("db/seed-cli.ts");
if (!runSync("migrate + demo seed (bench)", tsx, seedArgs, { env })) process.exit(1);
const [tsx2, fixtureArgs] = tsxArgs("scripts/seed-storefront-fixtures.ts");
if (
  !runSync(
    `storefront fixtures with ${PRODUCTS} products`,
    tsx2,
    [...fixtureArgs, String(PRODUCTS)],
    {
      env,
    },
  )
)
  process.exit(1);
if (!ensureBuild()) process.exit(1);

const server = startProcess("app", tool("next"), ["start", "-p", String(port), "-H", "127.0.0.1"], {
  env,
  stdio: ["ignore", "ignore", "pipe"],
});
const stop = () => {
  if (server.exitCode === null) server.kill("SIGTERM");
};
process.on("SIGINT", () => {
  stop();
  process.exit(130);
});

const base = `http://127.0.0.1:${port}`;
const pages = [
  { name: "static baseline (/sign-up)", path: "/sign-up", baseline: true },
  { name: "storefront home", path: "/s/e2e-market" },
  { name: "collection (1,003 products, page 1)", path: "/s/e2e-market/collections/everyday" },
  { name: "product page", path: "/s/e2e-market/products/item-500" },
];

function run(url) {
  return new Promise((resolve, reject) => {
    autocannon({ url, connections, duration: seconds }, (err, result) =>
      err ? reject(err) : resolve(result),
    );
  });
}

try {
  await waitForUrl(`${base}/api/health`, { child: server, timeoutMs: 120_000 });
  // First visits render each page once and store it (ISR); later visits are served from it.
  for (const p of pages) {
    for (let i = 0; i < 3; i++) {
      const res = await fetch(base + p.path);
      if (res.status !== 200) throw new Error(`${p.path} answered ${res.status}`);
      await res.arrayBuffer();
      await new Promise((r) => setTimeout(r, 300));
    }
  }
  const rows = [];
  for (const p of pages) {
    process.stdout.write(`… ${p.name}: ${seconds}s with ${connections} connections\n`);
    const r = await run(base + p.path);
    rows.push({ ...p, rps: r.requests.average, p99: r.latency.p99, errors: r.non2xx + r.errors });
  }
  const baseline = rows.find((r) => r.baseline);
  console.log(
    `\nStorefront benchmark — ${PRODUCTS}-product shop, ${connections} connections, ${seconds}s per page\n`,
  );
  const header = ["page", "req/s", "p99 ms", "non-2xx", "× static"];
  const table = rows.map((r) => [
    r.name,
    r.rps.toFixed(1),
    String(r.p99),
    String(r.errors),
    (r.rps / baseline.rps).toFixed(2),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i].length)));
  const line = (cells) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const row of table) console.log(line(row));
  const failing = rows.filter((r) => !r.baseline && r.rps / baseline.rps < TARGET);
  console.log(
    failing.length
      ? `\n✖ below ${TARGET}× the static baseline: ${failing.map((r) => r.name).join(", ")}`
      : `\n✔ every storefront page is at least ${TARGET}× the static baseline`,
  );
  process.exitCode = failing.length ? 1 : 0;
} finally {
  stop();
}
