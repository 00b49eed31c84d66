// Runs the Playwright suite against the production build, with a system Chromium.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ensureBuild, root, tool } from "./lib/run.mjs";

function playwrightChromium() {
  const cache =
    process.env.PLAYWRIGHT_BROWSERS_PATH || path.join(os.homedir(), ".cache", "ms-playwright");
  if (!existsSync(cache)) return null;
  for (const dir of readdirSync(cache)
    .filter((d) => d.startsWith("chromium"))
    .sort()
    .reverse()) {
    for (const rel of [
      "chrome-linux64/chrome",
      "chrome-linux/chrome",
      "chrome-headless-shell-linux64/chrome-headless-shell",
    ]) {
      const candidate = path.join(cache, dir, rel);
      if (existsSync(candidate)) return candidate;
    }
  }
  return null;
}

function findChromium() {
  const candidates = [
    process.env.CHROMIUM_PATH,
    playwrightChromium(),
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
    "/usr/bin/google-chrome",
    "/usr/bin/google-chrome-stable",
  ];
  return candidates.find((p) => p && existsSync(p)) ?? null;
}

let chromium = findChromium();
if (!chromium) {
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  console.log(
    `No Chromium found; installing one (${isRoot ? "apt-get" : "npx playwright install"})…`,
  );
  if (isRoot) {
    spawnSync("apt-get", ["update"], { stdio: "inherit" });
    spawnSync("apt-get", ["install", "-y", "chromium"], {
      stdio: "inherit",
      env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    });
  } else {
    spawnSync(tool("playwright"), ["install", "chromium"], { stdio: "inherit", cwd: root });
  }
  chromium = findChromium();
}
if (!chromium) {
  console.error(
    "✖ No Chromium browser is available for the end-to-end tests.\n" +
      "  Install one (Debian/Ubuntu: `sudo apt-get install -y chromium`) or set CHROMIUM_PATH to a Chromium/Chrome binary.",
  );
  process.exit(1);
}
console.log(`Using Chromium at ${chromium}`);

if (!ensureBuild()) process.exit(1);

const result = spawnSync(tool("playwright"), ["test", ...process.argv.slice(2)], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, CHROMIUM_PATH: chromium },
});
process.exit(result.status ?? 1);
