import type { Instrumentation } from "next";

// Runs once when the server starts: invalid configuration stops start-up with a clear message.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { loadEnv, EnvError } = await import("@/lib/env");
  const { resolveStripeSettings, StripeConfigError } = await import("@/lib/stripe/settings");
  try {
    // Also refuses a Stripe set-up that must never run (a live key pointed at a local host).
    resolveStripeSettings(loadEnv());
  } catch (error) {
    if (error instanceof EnvError || error instanceof StripeConfigError) {
      // The configuration is what is wrong, so the logger cannot read its level from it.
      const { createLogger } = await import("@/lib/logger");
      createLogger("app").fatal(`\n${error.message}\n`);
    }
    throw error;
  }
  // The job worker (e-mail, webhook events, sweeps) in this process unless it runs separately.
  const { startInlineWorker } = await import("@/lib/jobs/inline");
  await startInlineWorker();
}

/**
 * Every error Next catches while rendering a page or running a route handler or server action
 * (the pipeline handles actions' own errors first): one structured log line with the request id
 * the proxy set, the route and what kind of work it was.
 */
export const onRequestError: Instrumentation.onRequestError = async (error, request, context) => {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { log } = await import("@/lib/log");
  const { REQUEST_ID_HEADER } = await import("@/lib/request-id");
  const header = request.headers[REQUEST_ID_HEADER];
  log().error(
    {
      err: error,
      requestId: Array.isArray(header) ? header[0] : header,
      method: request.method,
      path: request.path,
      routePath: context.routePath,
      routeType: context.routeType,
      digest: (error as { digest?: string }).digest,
    },
    "request failed",
  );
};
