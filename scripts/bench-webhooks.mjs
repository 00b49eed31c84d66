// `node scripts/bench-webhooks.mjs`: webhook ingestion against /api/health on the same server,
// in the same run. Signed `account.updated` events with unique ids, 20 concurrent connections,
// alternating 5-second slices (health, webhook, health, …) so both see the same machine load.
// Ingestion = verify + store + enqueue + 200; the worker is off so only ingestion is measured.
// Uses the production build; PGlite by default, PostgreSQL with BENCH_DATABASE_URL (a database
// it creates and drops).
import { createHmac, randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import path from "node:path";
import autocannon from "autocannon";
import postgres from "postgres";
import { root, runSync, startProcess, tool, tsxArgs, waitForUrl } from "./lib/run.mjs";

const port = Number(process.env.BENCH_PORT ?? 3497);
const slices = Number(process.env.BENCH_SLICES ?? 3);
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const connections = 20;
const secret = "whsec_emulator_connect";
const run = randomBytes(3).toString("hex");
const dataDir = path.join(root, ".data", `bench-webhooks-${run}`);
const adminUrl = process.env.BENCH_DATABASE_URL;
let databaseUrl;
let admin;

if (adminUrl) {
  admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  const name = `bazaar_bench_${run}`;
  await admin.unsafe(`create database "${name}"`);
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  databaseUrl = u.toString();
}

const env = {
  ...process.env,
  NODE_ENV: "production",
  NEXT_TELEMETRY_DISABLED: "1",
  BAZAAR_DATA_DIR: dataDir,
  APP_URL: `http://localhost:${port}`,
  AUTH_SECRET: "bench-secret-bench-secret-bench-secret-00",
  BAZAAR_WORKER: "off",
  ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
};
if (!databaseUrl) delete env.DATABASE_URL;
const [tsx, args] = tsxArgs("db/migrate-cli.ts");
if (!runSync("migrate", tsx, args, { env })) process.exit(1);
const app = startProcess("app", tool("next"), ["start", "-p", String(port)], { env });
await waitForUrl(`http://localhost:${port}/api/health`);

let seq = 0;
function signedEvent() {
  const event = {
    id: `evt_bench_${run}_${++seq}`,
    object: "event",
    api_version: "2026-10-28.endive",
    created: Math.floor(Date.now() / 1000),
    data: { object: { id: "acct_bench", object: "account" } },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type: "account.updated",
    account: "acct_bench",
  };
  const body = JSON.stringify(event);
  const t = Math.floor(Date.now() / 1000);
  const v1 = createHmac("sha256", secret).update(`${t}.${body}`).digest("hex");
  return { body, signature: `t=${t},v1=${v1}` };
}

function slice(kind) {
  const url = `http://localhost:${port}`;
  const options =
    kind === "health"
      ? { url: `${url}/api/health`, connections, duration: seconds }
      : {
          url: `${url}/api/stripe/connect-webhook`,
          connections,
          duration: seconds,
          requests: [
            {
              method: "POST",
              setupRequest(req) {
                const { body, signature } = signedEvent();
                return {
                  ...req,
                  body,
                  headers: { "content-type": "application/json", "stripe-signature": signature },
                };
              },
            },
          ],
        };
  return new Promise((resolve, reject) =>
    autocannon(options, (error, result) => (error ? reject(error) : resolve(result))),
  );
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rates = { health: [], webhook: [] };
const errors = { health: 0, webhook: 0 };
try {
  await slice("health"); // warm-up
  await slice("webhook");
  for (let i = 0; i < slices; i++) {
    for (const kind of ["health", "webhook"]) {
      const r = await slice(kind);
      rates[kind].push(r.requests.average);
      errors[kind] += r.non2xx + r.errors;
    }
  }
  const health = median(rates.health);
  const webhook = median(rates.webhook);
  console.log(
    `\nDatabase: ${databaseUrl ? "PostgreSQL" : "PGlite"} · ${connections} connections · ${slices}×${seconds}s slices`,
  );
  console.log(
    `/api/health  ${health.toFixed(0)} req/s (slices: ${rates.health.map((x) => x.toFixed(0)).join(", ")})`,
  );
  console.log(
    `webhooks     ${webhook.toFixed(0)} events/s (slices: ${rates.webhook.map((x) => x.toFixed(0)).join(", ")})`,
  );
  console.log(`ratio        ${(webhook / health).toFixed(2)}× of /api/health (target ≥ 0.8×)`);
  console.log(`non-2xx      health ${errors.health}, webhooks ${errors.webhook}`);
} finally {
  app.kill("SIGTERM");
  await new Promise((r) => setTimeout(r, 1000));
  rmSync(dataDir, { recursive: true, force: true });
  if (admin) {
    await admin.unsafe(`drop database if exists "bazaar_bench_${run}" with (force)`);
    await admin.end();
  }
}
process.exit(0);
