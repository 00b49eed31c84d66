import "server-only";
import type Stripe from "stripe";
import { STRIPE_API_VERSION } from "./client";
import { eventHandlers } from "./webhooks/registry";

/**
 * The two webhook endpoints Bazaar needs on Stripe: the platform's own events and the Connect
 * endpoint (events of connected accounts). Each is created with `api_version` pinned to the
 * SDK's: an endpoint otherwise renders events in the account's default API version, whose
 * payloads need not match the types the handlers are written against.
 */
export const WEBHOOK_ENDPOINTS = [
  {
    path: "/api/stripe/webhook",
    connect: false,
    events: ["application_fee.created", "application_fee.refunded"],
  },
  { path: "/api/stripe/connect-webhook", connect: true, events: Object.keys(eventHandlers) },
] as const;

export type EndpointReport = {
  url: string;
  connect: boolean;
  status: "created" | "up_to_date" | "replaced";
  id: string;
  /** Shown once, on creation: what STRIPE_WEBHOOK_SECRET / STRIPE_CONNECT_WEBHOOK_SECRET take. */
  secret?: string;
};

/**
 * Registers (or checks) both endpoints under `appUrl`. An endpoint already registered at the
 * same URL with the pinned version is left alone; one with another version or other events is
 * replaced (its secret changes: the command prints the new one).
 */
export async function registerWebhookEndpoints(stripe: Stripe, appUrl: string) {
  const existing: Stripe.WebhookEndpoint[] = [];
  for await (const endpoint of stripe.webhookEndpoints.list({ limit: 100 }))
    existing.push(endpoint);
  const reports: EndpointReport[] = [];
  for (const spec of WEBHOOK_ENDPOINTS) {
    const url = new URL(spec.path, appUrl).toString();
    const events = [...spec.events].sort();
    const same = existing.filter((e) => e.url === url);
    const current = same.find(
      (e) =>
        e.api_version === STRIPE_API_VERSION &&
        e.status === "enabled" &&
        JSON.stringify([...e.enabled_events].sort()) === JSON.stringify(events),
    );
    if (current) {
      reports.push({ url, connect: spec.connect, status: "up_to_date", id: current.id });
      continue;
    }
    for (const old of same) await stripe.webhookEndpoints.del(old.id);
    const created = await stripe.webhookEndpoints.create(
      {
        url,
        enabled_events: events as Stripe.WebhookEndpointCreateParams.EnabledEvent[],
        connect: spec.connect,
        api_version: STRIPE_API_VERSION,
        description: spec.connect ? "Bazaar: connected accounts" : "Bazaar: platform",
      },
      {
        idempotencyKey: `bazaar-webhook:${url}:${STRIPE_API_VERSION}:${events.join(",")}:${same.map((e) => e.id).join(",")}`,
      },
    );
    reports.push({
      url,
      connect: spec.connect,
      status: same.length > 0 ? "replaced" : "created",
      id: created.id,
      secret: created.secret,
    });
  }
  return reports;
}
