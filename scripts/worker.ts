// `npm run worker`: a job worker (e-mail, Stripe events, sweeps) on the configured database.
// Run as many as you like beside the web instances; each job and each scheduled sweep runs once.
// `npm run worker -- --once` runs what is due now and exits.
import { closeDatabase, getDatabaseHandle } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { runDueJobs, startWorker } from "@/lib/jobs/worker";

const handle = getDatabaseHandle();
if (handle.kind === "pglite" && !process.argv.includes("--once")) {
  console.error(
    "✖ The embedded database (PGlite) can be opened by one process only: its worker runs inside\n" +
      "  `npm run demo` / `npm run dev`. Set DATABASE_URL to run workers of their own.",
  );
  process.exit(1);
}
await migrateDatabase(handle);

if (process.argv.includes("--once")) {
  const result = await runDueJobs();
  console.log(`Ran ${result.ran} job(s), ${result.failed} failed.`);
  await closeDatabase();
  process.exit(result.failed ? 1 : 0);
}

const worker = await startWorker({ handle });
console.log(`[worker] ${process.pid} working on ${handle.kind}`);
let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    await worker.stop();
    await closeDatabase();
    process.exit(0);
  });
}
