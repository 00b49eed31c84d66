// Benchmark: requests per second and latency of checkout.sessions.create on a connected
// account, driven through the official stripe SDK over loopback.
//   npx tsx scripts/bench-emulator.ts                       (starts an emulator in-process)
//   EMULATOR_URL=http://127.0.0.1:12111 npx tsx scripts/bench-emulator.ts   (uses a running one)
// BENCH_SECONDS (default 10) and BENCH_CONCURRENCY (default 10) tune the run.

import Stripe from "stripe";
import { startEmulator, type RunningEmulator } from "../emulator/server";

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 10);

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function main(): Promise<void> {
  let running: RunningEmulator | null = null;
  let base = process.env.EMULATOR_URL ?? "";
  if (!base) {
    running = await startEmulator({ port: 0, dataFile: null, webhookEndpoints: [] });
    base = running.url;
  }
  const url = new URL(base);
  if (url.hostname !== "127.0.0.1" && url.hostname !== "localhost")
    throw new Error("The benchmark only talks to a loopback emulator.");
  const stripe = new Stripe("sk_test_emulator", {
    host: url.hostname,
    port: Number(url.port),
    protocol: "http",
    maxNetworkRetries: 0,
  });

  const account = await stripe.accounts.create({
    controller: {
      stripe_dashboard: { type: "express" },
      fees: { payer: "application" },
      losses: { payments: "application" },
      requirement_collection: "stripe",
    },
    capabilities: { card_payments: { requested: true }, transfers: { requested: true } },
    business_profile: { name: "Bench Shop" },
  });
  await fetch(`${base}/_emulator/accounts/${account.id}/onboard`, { method: "POST" });

  const params: Stripe.Checkout.SessionCreateParams = {
    mode: "payment",
    line_items: [
      {
        price_data: { currency: "usd", unit_amount: 2400, product_data: { name: "Ceramic mug" } },
        quantity: 2,
      },
      {
        price_data: { currency: "usd", unit_amount: 1200, product_data: { name: "Tea towel" } },
        quantity: 1,
      },
    ],
    payment_intent_data: { application_fee_amount: 300 },
    success_url: "http://localhost:3000/success?session_id={CHECKOUT_SESSION_ID}",
    cancel_url: "http://localhost:3000/cart",
  };

  // Warm-up, so JIT compilation does not count against the first second.
  for (let i = 0; i < 50; i++)
    await stripe.checkout.sessions.create(params, { stripeAccount: account.id });

  const latencies: number[] = [];
  let errors = 0;
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  async function worker(): Promise<void> {
    while (performance.now() < deadline) {
      const t0 = performance.now();
      try {
        await stripe.checkout.sessions.create(params, { stripeAccount: account.id });
        latencies.push(performance.now() - t0);
      } catch {
        errors++;
      }
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);

  console.log(
    `\ncheckout.sessions.create on a connected account (${running ? "in-process emulator" : base}, SDK client, ${concurrency} concurrent, ${seconds} s)\n`,
  );
  console.table({
    requests: latencies.length,
    errors,
    "req/s": Math.round(latencies.length / elapsed),
    "p50 ms": Number(percentile(latencies, 50).toFixed(2)),
    "p90 ms": Number(percentile(latencies, 90).toFixed(2)),
    "p99 ms": Number(percentile(latencies, 99).toFixed(2)),
    "max ms": Number((latencies[latencies.length - 1] ?? 0).toFixed(2)),
  });
  if (running) await running.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
