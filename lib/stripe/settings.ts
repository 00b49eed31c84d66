import type { Env } from "@/lib/env";

/** Everything Bazaar needs to talk to Stripe, resolved from configuration (pure: unit-tested). */
export type StripeSettings = {
  mode: "emulator" | "real";
  secretKey: string;
  publishableKey: string;
  clientId: string;
  webhookSecret: string;
  connectWebhookSecret: string;
  /** Where the OAuth authorize page lives (stripe.oauth.authorizeUrl drops ports, so we build it). */
  connectBaseUrl: string;
  /** API host override: set for the emulator only. */
  api: { host: string; port: number; protocol: "http" | "https" } | null;
  livemode: boolean;
};

export const EMULATOR_KEYS = {
  secretKey: "sk_test_emulator",
  publishableKey: "pk_test_emulator",
  clientId: "ca_emulator",
  webhookSecret: "whsec_emulator_platform",
  connectWebhookSecret: "whsec_emulator_connect",
} as const;

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\]|::1)$/i;

export class StripeConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StripeConfigError";
  }
}

type StripeEnv = Pick<
  Env,
  | "stripeMode"
  | "STRIPE_SECRET_KEY"
  | "STRIPE_PUBLISHABLE_KEY"
  | "STRIPE_CONNECT_CLIENT_ID"
  | "STRIPE_WEBHOOK_SECRET"
  | "STRIPE_CONNECT_WEBHOOK_SECRET"
  | "STRIPE_CONNECT_BASE_URL"
  | "STRIPE_EMULATOR_URL"
>;

function stripSlash(url: string) {
  return url.replace(/\/+$/, "");
}

export function resolveStripeSettings(e: StripeEnv): StripeSettings {
  if (e.stripeMode === "emulator") {
    const url = new URL(e.STRIPE_EMULATOR_URL);
    const protocol = url.protocol === "https:" ? "https" : "http";
    const port = url.port ? Number(url.port) : protocol === "https" ? 443 : 80;
    return {
      mode: "emulator",
      ...EMULATOR_KEYS,
      connectBaseUrl: stripSlash(e.STRIPE_CONNECT_BASE_URL ?? url.origin),
      api: { host: url.hostname, port, protocol },
      livemode: false,
    };
  }
  const secretKey = e.STRIPE_SECRET_KEY;
  const publishableKey = e.STRIPE_PUBLISHABLE_KEY;
  const clientId = e.STRIPE_CONNECT_CLIENT_ID;
  const webhookSecret = e.STRIPE_WEBHOOK_SECRET;
  const connectWebhookSecret = e.STRIPE_CONNECT_WEBHOOK_SECRET;
  if (!secretKey || !publishableKey || !clientId || !webhookSecret || !connectWebhookSecret) {
    throw new StripeConfigError("Real Stripe needs all five STRIPE_* variables.");
  }
  const livemode = /^(sk|rk)_live_/.test(secretKey);
  const connectBaseUrl = stripSlash(e.STRIPE_CONNECT_BASE_URL ?? "https://connect.stripe.com");
  if (livemode && LOOPBACK.test(new URL(connectBaseUrl).hostname)) {
    // A live key must never be sent anywhere but Stripe: refuse a local (emulator) Connect base.
    throw new StripeConfigError(
      "STRIPE_CONNECT_BASE_URL points at a local host while a live key is configured; refusing to use the emulator with a live key.",
    );
  }
  return {
    mode: "real",
    secretKey,
    publishableKey,
    clientId,
    webhookSecret,
    connectWebhookSecret,
    connectBaseUrl,
    api: null,
    livemode,
  };
}
