// `npm run dev`: migrate + seed the embedded database, start the Stripe emulator and `next dev`.
import { existsSync } from "node:fs";
import path from "node:path";
import { ensureAuthSecret, root, runSync, startProcess, tool, tsxArgs } from "./lib/run.mjs";

const port = process.env.PORT ?? "3000";
const dataDir = path.resolve(root, process.env.BAZAAR_DATA_DIR ?? ".data");
const env = {
  ...process.env,
  BAZAAR_DATA_DIR: dataDir,
  AUTH_SECRET: process.env.AUTH_SECRET ?? ensureAuthSecret(dataDir),
};
const [tsx, seedArgs] = tsxArgs("db/seed-cli.ts");
if (!runSync("migrate + seed", tsx, seedArgs, { env })) process.exit(1);

const children = [];
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
children.push(startProcess("next", tool("next"), ["dev", "-p", port], { env }));
for (const signal of ["SIGINT", "SIGTERM"])
  process.on(signal, () => {
    for (const c of children) c.kill(signal);
    process.exit(0);
  });
