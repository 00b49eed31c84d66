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
      console.error(`\n${error.message}\n`);
    }
    throw error;
  }
  // The job worker (e-mail, webhook events, sweeps) in this process unless it runs separately.
  const { startInlineWorker } = await import("@/lib/jobs/inline");
  await startInlineWorker();
}
