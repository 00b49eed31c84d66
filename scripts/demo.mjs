// `npm run demo`: a fresh clone to a running platform on the embedded default —
// build (if stale), migrate, seed, start the Stripe emulator and the production server.
import { existsSync } from "node:fs";
import path from "node:path";
import {
  ensureAuthSecret,
  ensureBuild,
  portIsFree,
  root,
  runSync,
  startProcess,
  tool,
  tsxArgs,
  waitForUrl,
} from "./lib/run.mjs";

const started = Date.now();
const port = Number(process.env.PORT ?? 3000);
const emulatorPort = Number(process.env.EMULATOR_PORT ?? 12111);
const dataDir = path.resolve(root, process.env.BAZAAR_DATA_DIR ?? ".data");
const appUrl = `http://localhost:${port}`;
const emulatorUrl = `http://127.0.0.1:${emulatorPort}`;
const useEmulator = !process.env.STRIPE_SECRET_KEY;

for (const [p, what] of [
  [port, "the app"],
  ...(useEmulator ? [[emulatorPort, "the Stripe emulator"]] : []),
]) {
  if (!(await portIsFree(p))) {
    console.error(
      `✖ Port ${p} (for ${what}) is already in use. Stop whatever runs there, or set ${p === port ? "PORT" : "EMULATOR_PORT"}.`,
    );
    process.exit(1);
  }
}

if (process.env.DATABASE_URL && !process.env.AUTH_SECRET) {
  // A secret written to this disk would differ on every machine sharing the database.
  console.error(
    "✖ With DATABASE_URL set, set AUTH_SECRET too (the same on every instance): openssl rand -base64 32",
  );
  process.exit(1);
}

const env = {
  ...process.env,
  NODE_ENV: "production",
  NEXT_TELEMETRY_DISABLED: "1",
  BAZAAR_DATA_DIR: dataDir,
  APP_URL: process.env.APP_URL ?? appUrl,
  AUTH_SECRET: process.env.AUTH_SECRET ?? ensureAuthSecret(dataDir),
  ...(useEmulator ? { STRIPE_EMULATOR_URL: emulatorUrl } : {}),
};

if (!ensureBuild()) process.exit(1);
// The emulator starts first: seeding creates the demo shops' connected accounts in it.
const children = [];
if (useEmulator && existsSync(path.join(root, "emulator", "server.ts"))) {
  const emulator = startProcess("stripe-emulator", tool("tsx"), ["emulator/server.ts"], {
    env: {
      ...env,
      EMULATOR_PORT: String(emulatorPort),
      EMULATOR_DATA_FILE: path.join(dataDir, "stripe-emulator.json"),
      EMULATOR_PLATFORM_WEBHOOK_URL: `${appUrl}/api/stripe/webhook`,
      EMULATOR_PLATFORM_WEBHOOK_SECRET: "whsec_emulator_platform",
      EMULATOR_CONNECT_WEBHOOK_URL: `${appUrl}/api/stripe/connect-webhook`,
      EMULATOR_CONNECT_WEBHOOK_SECRET: "whsec_emulator_connect",
    },
  });
  children.push(emulator);
  await waitForUrl(`${emulatorUrl}/js/stripe.js`, { child: emulator, timeoutMs: 60_000 });
}
const [tsx, seedArgs] = tsxArgs("db/seed-cli.ts");
if (!runSync("migrate + seed", tsx, seedArgs, { env })) {
  for (const child of children) child.kill("SIGTERM");
  process.exit(1);
}
const app = startProcess("app", tool("next"), ["start", "-p", String(port)], { env });
children.push(app);
// On PostgreSQL the jobs run in a worker process of their own (on PGlite, inside the app).
if (process.env.DATABASE_URL && !process.env.BAZAAR_WORKER) {
  const [tsxW, workerArgs] = tsxArgs("scripts/worker.ts");
  children.push(startProcess("worker", tsxW, workerArgs, { env }));
}

const stopAll = (signal) => {
  for (const child of children) if (child.exitCode === null) child.kill(signal);
};
for (const signal of ["SIGINT", "SIGTERM"])
  process.on(signal, () => {
    stopAll(signal);
    process.exit(0);
  });
for (const child of children)
  child.on("exit", (code) => {
    if (code) {
      stopAll("SIGTERM");
      process.exit(code);
    }
  });

await waitForUrl(`${appUrl}/api/health`, { child: app });
const seconds = ((Date.now() - started) / 1000).toFixed(0);
console.log(`
┌──────────────────────────────────────────────────────────────────┐
  Bazaar is running (ready in ${seconds}s) — press Ctrl+C to stop.

  Platform        ${appUrl}
  Sign in         ${appUrl}/sign-in
  Demo storefront http://kai-coffee.localhost:${port}
  Health          ${appUrl}/api/health
  Jobs            ${process.env.DATABASE_URL ? "worker process (npm run worker)" : "inside the app (embedded default)"}
  Stripe          ${useEmulator ? `local emulator at ${emulatorUrl}` : "real Stripe (STRIPE_SECRET_KEY)"}

  Merchant logins merchant@bazaar.test / merchant-demo-password  (kai-coffee: Express, active)
                  standard@bazaar.test / standard-demo-password  (harbor-books: Standard, OAuth)
                  new@bazaar.test / new-demo-password            (fern-and-clay: not connected)
  Admin login     admin@bazaar.test / admin-demo-password

  Data lives in ${path.relative(root, dataDir) || "."}/ — delete it to start over.
└──────────────────────────────────────────────────────────────────┘
`);
