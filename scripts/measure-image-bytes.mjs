// Bytes of images a shopper downloads, before and after resized variants (issue 15 item 5), in
// one run on a fresh embedded database: the demo shop (its 480-pixel seed drawings) plus a
// product with three 4032×3024 phone photos. "Before" is what the pages loaded until now: each
// image's file as uploaded. "After" is what Chromium really downloads from the <picture>
// srcsets, on a desktop (1280 px, 1×) and a phone (390 px, 3×) screen, with every lazy image
// scrolled into view. Usage: node scripts/measure-image-bytes.mjs [--port 3600]
import { readdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";
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
import { spawnSync } from "node:child_process";

const i = process.argv.indexOf("--port");
const port = i >= 0 ? Number(process.argv[i + 1]) : 3600;
const dataDir = path.join(root, ".data", "image-bytes");
rmSync(dataDir, { recursive: true, force: true });
const env = {
  ...process.env,
  NODE_ENV: "production",
  NEXT_TELEMETRY_DISABLED: "1",
  BAZAAR_DATA_DIR: dataDir,
  APP_URL: `http://localhost:${port}`,
  AUTH_SECRET: "image-bytes-secret-image-bytes-secret-0123",
  // No emulator is needed: the demo's Stripe accounts are skipped when none answers.
  STRIPE_EMULATOR_URL: process.env.STRIPE_EMULATOR_URL ?? "http://127.0.0.1:9",
};
delete env.DATABASE_URL;
for (const k of Object.keys(env)) if (k.startsWith("S3_")) delete env[k];

if (!(await portIsFree(port))) {
  console.error(`✖ port ${port} is busy; pass --port <free port>`);
  process.exit(1);
}
const [tsx, seedArgs] = tsxArgs("db/seed-cli.ts");
if (!runSync("migrate + demo seed", tsx, seedArgs, { env })) process.exit(1);
const [tsx2, photoArgs] = tsxArgs("scripts/lib/image-bytes-photos.ts");
const photos = spawnSync(tsx2, photoArgs, { env, cwd: root, encoding: "utf8" });
if (photos.status !== 0) {
  console.error(photos.stderr);
  process.exit(1);
}
/** storage key → bytes as uploaded (what the old pages served for it). */
const uploaded = new Map(Object.entries(JSON.parse(photos.stdout.trim().split("\n").pop())));
const assets = path.join(root, "db", "seed-assets");
for (const f of readdirSync(assets)) uploaded.set(f, statSync(path.join(assets, f)).size);
const uploadedSize = (key) => uploaded.get(key) ?? uploaded.get(path.basename(key));

if (!ensureBuild()) process.exit(1);
const server = startProcess("app", tool("next"), ["start", "-p", String(port), "-H", "127.0.0.1"], {
  env,
  stdio: ["ignore", "ignore", "pipe"],
});
const stop = () => {
  if (server.exitCode === null) server.kill("SIGTERM");
};

// The canonical host (APP_URL): any other host is redirected there first.
const base = `http://localhost:${port}`;
const pages = [
  { name: "product page, 2 seed drawings", path: "/s/kai-coffee/products/gooseneck-kettle" },
  { name: "product page, 3 phone photos", path: "/s/kai-coffee/products/photo-test" },
  { name: "shop home (product cards)", path: "/s/kai-coffee" },
];
const screens = [
  { name: "desktop", viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 },
  { name: "phone", viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true },
];
const VARIANT = /^(.+\.(?:jpe?g|png|gif|webp))\.w\d+\.(?:avif|webp|jpg|png|gif)$/i;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
});
const rows = [];
try {
  await waitForUrl(`http://127.0.0.1:${port}/api/health`, { child: server, timeoutMs: 120_000 });
  // Render each page and let a page cached by an earlier run (another database) be replaced.
  for (const p of pages) {
    for (let n = 0; n < 3; n++) {
      const res = await fetch(base + p.path);
      if (res.status !== 200) throw new Error(`${p.path} answered ${res.status}`);
      await res.arrayBuffer();
      await new Promise((r) => setTimeout(r, 300));
    }
  }
  for (const screen of screens) {
    for (const p of pages) {
      const context = await browser.newContext(screen);
      const page = await context.newPage();
      const downloads = [];
      page.on("response", async (r) => {
        const url = new URL(r.url());
        if (!url.pathname.startsWith("/api/images/")) return;
        const body = await r.body().catch(() => Buffer.alloc(0));
        downloads.push({ key: decodeURIComponent(url.pathname.slice(12)), bytes: body.length });
      });
      await page.goto(base + p.path, { waitUntil: "networkidle" });
      // Bring every lazy image into view.
      for (let y = 0; y < 20; y++) {
        await page.mouse.wheel(0, 800);
        await page.waitForTimeout(100);
      }
      await page.waitForLoadState("networkidle");
      const after = downloads.reduce((s, d) => s + d.bytes, 0);
      // The old pages loaded each image's uploaded file (once per distinct image).
      const originals = new Set(downloads.map((d) => VARIANT.exec(d.key)?.[1] ?? d.key));
      let before = 0;
      for (const key of originals) {
        const size = uploadedSize(key);
        if (size === undefined) throw new Error(`no upload size for ${key}`);
        before += size;
      }
      const formats = [...new Set(downloads.map((d) => d.key.split(".").pop()))].join("/");
      rows.push({
        screen: screen.name,
        page: p.name,
        images: originals.size,
        before,
        after,
        formats,
      });
      await context.close();
    }
  }
} finally {
  await browser.close();
  stop();
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const header = ["screen", "page", "images", "before", "after", "after/before", "formats"];
const table = rows.map((r) => [
  r.screen,
  r.page,
  String(r.images),
  kb(r.before),
  kb(r.after),
  (r.after / r.before).toFixed(3),
  r.formats,
]);
const widths = header.map((h, c) => Math.max(h.length, ...table.map((row) => row[c].length)));
const line = (cells) =>
  cells.map((c, k) => (k < 2 ? c.padEnd(widths[k]) : c.padStart(widths[k]))).join("  ");
console.log("\nImage bytes per page view (fresh cache), before → after variants\n");
console.log(line(header));
console.log(widths.map((w) => "-".repeat(w)).join("  "));
for (const row of table) console.log(line(row));
const worse = rows.filter((r) => r.after > r.before);
if (worse.length) {
  console.log(
    `\n✖ more bytes than before on: ${worse.map((r) => `${r.screen} ${r.page}`).join(", ")}`,
  );
  process.exitCode = 1;
}
