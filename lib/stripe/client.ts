import "server-only";
import Stripe from "stripe";
import { env } from "@/lib/env";
import { resolveStripeSettings, type StripeSettings } from "./settings";

/**
 * The one Stripe client factory: nothing outside lib/stripe constructs a Stripe client.
 * In the embedded default every base (API, OAuth) points at the local emulator.
 */
export const STRIPE_API_VERSION = "2026-10-28.endive" as const;

type Holder = { settings?: StripeSettings; client?: Stripe };
const holder: Holder = {};

export function stripeSettings(): StripeSettings {
  holder.settings ??= resolveStripeSettings(env());
  return holder.settings;
}

export function getStripe(): Stripe {
  if (holder.client) return holder.client;
  const s = stripeSettings();
  holder.client = new Stripe(s.secretKey, {
    apiVersion: STRIPE_API_VERSION,
    appInfo: { name: "Bazaar", version: "0.1.0", url: "https://github.com/bazaar" },
    maxNetworkRetries: 2,
    telemetry: false,
    timeout: 20_000,
    ...(s.api ? { host: s.api.host, port: s.api.port, protocol: s.api.protocol } : {}),
  });
  return holder.client;
}

/** Verifies a webhook's signature over the raw body and parses it (throws on a bad signature). */
export function constructWebhookEvent(rawBody: string, signature: string, secret: string) {
  return getStripe().webhooks.constructEvent(rawBody, signature, secret);
}

export { Stripe };
