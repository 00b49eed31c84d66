import "server-only";
import type Stripe from "stripe";
import {
  claimStripeEvent,
  findStripeEvent,
  recordStripeEventOutcome,
  storeStripeEvent,
} from "@/db/queries/stripe-events";
import type { StripeEventOutcome, StripeEventSource } from "@/db/schema";
import { constructWebhookEvent, stripeSettings } from "../client";
import { handlerFor } from "./registry";
import { log } from "@/lib/log";

export type ProcessResult = {
  eventId: string;
  outcome: StripeEventOutcome | "missing";
  /** True when the event had already been handled and nothing ran. */
  skipped: boolean;
  error?: string;
};

/**
 * Runs the handler of a stored event once: an event already processed or ignored is not run
 * again (unless `force`, which the admin replay uses); a failed one is. Unknown types are stored
 * as ignored. The webhook routes and the admin replay both come through here.
 */
export async function processStoredEvent(
  eventId: string,
  opts: { force?: boolean } = {},
): Promise<ProcessResult> {
  const claimed = await claimStripeEvent(eventId, opts);
  if (!claimed) {
    const stored = await findStripeEvent(eventId);
    return { eventId, outcome: stored?.outcome ?? "missing", skipped: true };
  }
  const handler = handlerFor(claimed.type);
  if (!handler) {
    await recordStripeEventOutcome(eventId, "ignored");
    return { eventId, outcome: "ignored", skipped: false };
  }
  try {
    const ran = await handler(claimed.payload as Stripe.Event);
    // A replay that finds nothing left to do leaves a processed event marked processed.
    const outcome = claimed.outcome === "processed" && ran === "ignored" ? "processed" : ran;
    await recordStripeEventOutcome(eventId, outcome);
    return { eventId, outcome, skipped: false };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log().error({ err: error }, `[stripe] handler for ${claimed.type} (${eventId}) failed`);
    await recordStripeEventOutcome(eventId, "failed", message.slice(0, 2000));
    return { eventId, outcome: "failed", skipped: false, error: message };
  }
}

function json(status: number, body: unknown) {
  return Response.json(body, { status, headers: { "cache-control": "no-store" } });
}

/**
 * A webhook delivery: verify the signature over the raw body with the endpoint's own secret,
 * store the event once by id, run its handler. 400 for a bad signature (nothing stored), 500
 * when the handler failed (Stripe retries), 2xx otherwise, also for types we ignore.
 */
export async function receiveWebhook(
  request: Request,
  source: StripeEventSource,
): Promise<Response> {
  const signature = request.headers.get("stripe-signature");
  if (!signature) return json(400, { error: "Missing Stripe-Signature header." });
  const raw = await request.text();
  const settings = stripeSettings();
  const secret = source === "connect" ? settings.connectWebhookSecret : settings.webhookSecret;
  let event: Stripe.Event;
  try {
    event = constructWebhookEvent(raw, signature, secret);
  } catch {
    return json(400, { error: "Invalid signature." });
  }
  if (source === "connect" && !event.account) {
    return json(400, { error: "Connect events name their account." });
  }

  await storeStripeEvent({
    id: event.id,
    type: event.type,
    source,
    account: event.account ?? null,
    livemode: event.livemode,
    payload: event,
    created: new Date(event.created * 1000),
  });
  const result = await processStoredEvent(event.id);
  if (result.outcome === "failed") return json(500, { error: "Handler failed; retry later." });
  return json(200, { received: true, outcome: result.outcome, duplicate: result.skipped });
}
