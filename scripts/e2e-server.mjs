// Playwright's app server: a fresh embedded database, migrated and seeded, then `next start`.
import { rmSync } from "node:fs";
import path from "node:path";
import { root, runSync, startProcess, tool, tsxArgs, waitForUrl } from "./lib/run.mjs";

const port = process.env.PORT ?? "3100";
const dataDir = path.join(root, ".data", "e2e");
rmSync(dataDir, { recursive: true, force: true });

const env = {
  ...process.env,
  NODE_ENV: "production",
  NEXT_TELEMETRY_DISABLED: "1",
  BAZAAR_DATA_DIR: dataDir,
  APP_URL: `http://localhost:${port}`,
  AUTH_SECRET: "e2e-secret-e2e-secret-e2e-secret-e2e-secret",
  // Every e2e browser comes from 127.0.0.1: per-address limits would count the whole suite as
  // one visitor. The limits themselves are covered by integration tests.
  SIGNUP_LIMIT_PER_HOUR: "10000",
  CHECKOUT_LIMIT_PER_CLIENT: "10000",
};
delete env.DATABASE_URL; // e2e always runs on the embedded default

// Seeding creates the demo shops' connected accounts in the emulator: wait until it is up.
if (env.STRIPE_EMULATOR_URL && !env.STRIPE_SECRET_KEY) {
  await waitForUrl(`${env.STRIPE_EMULATOR_URL}/js/stripe.js`, { timeoutMs: 60_000 });
}

const [tsx, args] = tsxArgs("db/seed-cli.ts");
if (!runSync("migrate + seed (e2e)", tsx, args, { env })) process.exit(1);
const [tsxF, fixtureArgs] = tsxArgs("scripts/seed-storefront-fixtures.ts");
if (!runSync("storefront fixtures (e2e)", tsxF, fixtureArgs, { env })) process.exit(1);

const server = startProcess("app", tool("next"), ["start", "-p", port], { env });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
