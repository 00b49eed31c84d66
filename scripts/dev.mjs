// `npm run dev`: migrate + seed the embedded database, start the Stripe emulator and `next dev`.
import { existsSync } from "node:fs";
import path from "node:path";
import {
  ensureAuthSecret,
  root,
  runSync,
  startProcess,
  tool,
  tsxArgs,
  waitForUrl,
} from "./lib/run.mjs";

const port = process.env.PORT ?? "3000";
const dataDir = path.resolve(root, process.env.BAZAAR_DATA_DIR ?? ".data");
if (process.env.DATABASE_URL && !process.env.AUTH_SECRET) {
  console.error("✖ With DATABASE_URL set, set AUTH_SECRET too: openssl rand -base64 32");
  process.exit(1);
}
const env = {
  ...process.env,
  BAZAAR_DATA_DIR: dataDir,
  AUTH_SECRET: process.env.AUTH_SECRET ?? ensureAuthSecret(dataDir),
};

// The emulator starts first: seeding creates the demo shops' connected accounts in it.
const children = [];
const emulatorUrl = process.env.STRIPE_EMULATOR_URL ?? "http://127.0.0.1:12111";
if (!process.env.STRIPE_SECRET_KEY && existsSync(path.join(root, "emulator", "server.ts"))) {
  children.push(
    startProcess("stripe-emulator", tool("tsx"), ["emulator/server.ts"], {
      env: {
        ...env,
        EMULATOR_DATA_FILE: path.join(dataDir, "stripe-emulator.json"),
        EMULATOR_PLATFORM_WEBHOOK_URL: `http://localhost:${port}/api/stripe/webhook`,
        EMULATOR_PLATFORM_WEBHOOK_SECRET: "whsec_emulator_platform",
        EMULATOR_CONNECT_WEBHOOK_URL: `http://localhost:${port}/api/stripe/connect-webhook`,
        EMULATOR_CONNECT_WEBHOOK_SECRET: "whsec_emulator_connect",
      },
    }),
  );
}
if (children.length) {
  await waitForUrl(`${emulatorUrl}/js/stripe.js`, { child: children[0], timeoutMs: 60_000 });
}
const [tsx, seedArgs] = tsxArgs("db/seed-cli.ts");
if (!runSync("migrate + seed", tsx, seedArgs, { env })) {
  for (const c of children) c.kill("SIGTERM");
  process.exit(1);
}
children.push(startProcess("next", tool("next"), ["dev", "-p", port], { env }));
// On PostgreSQL the jobs run in a worker process of their own (on PGlite, inside next dev).
if (process.env.DATABASE_URL && !process.env.BAZAAR_WORKER) {
  const [tsxW, workerArgs] = tsxArgs("scripts/worker.ts");
  children.push(startProcess("worker", tsxW, workerArgs, { env }));
}
for (const signal of ["SIGINT", "SIGTERM"])
  process.on(signal, () => {
    for (const c of children) c.kill(signal);
    process.exit(0);
  });
