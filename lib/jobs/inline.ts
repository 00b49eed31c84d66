import "server-only";
import { log } from "@/lib/log";
import { env } from "@/lib/env";
import { startWorker, type RunningWorker } from "./worker";

type Holder = { worker?: Promise<RunningWorker | null> };
const holder: Holder = ((globalThis as { __bazaarInlineWorker?: Holder }).__bazaarInlineWorker ??=
  {});

/** Where jobs run for this web process: inline by default on PGlite, external with DATABASE_URL. */
export function workerMode() {
  const e = env();
  return e.BAZAAR_WORKER ?? (e.DATABASE_URL ? "external" : "inline");
}

/**
 * The embedded default runs its worker inside the web process (one PGlite directory can be
 * opened by one process only, so `npm run worker` cannot share it). Started once per process.
 */
export function startInlineWorker() {
  if (workerMode() !== "inline") return Promise.resolve(null);
  holder.worker ??= startWorker().then(
    (worker) => {
      log().info("[worker] running inside the web process (BAZAAR_WORKER=inline)");
      const stop = () => void worker.stop().catch(() => {});
      process.once("SIGTERM", stop);
      process.once("SIGINT", stop);
      return worker;
    },
    (error) => {
      log().error({ err: error }, "[worker] could not start");
      holder.worker = undefined;
      return null;
    },
  );
  return holder.worker;
}
