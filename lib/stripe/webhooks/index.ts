import "server-only";
import { hostname } from "node:os";
import type Stripe from "stripe";
import { z } from "zod";
import {
  claimStripeEvent,
  enqueueEventReplay,
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
  /** True when nothing ran: already handled, or another worker holds the claim. */
  skipped: boolean;
  error?: string;
};

/** Which worker recorded an outcome (shown on the admin's event page). */
export const WORKER_NAME = `${hostname()}:${process.pid}`;

/**
 * Runs the handler of a stored event once, under an exclusive claim: an event already
 * processed or ignored is not run again (unless `force`, the admin replay); a failed one is.
 * Unknown types are stored as ignored. Only the claim holder records the outcome, so two
 * workers (or a worker and a replay) never both run it. The `stripe-event` job and the admin
 * replay come through here; the job fails (and is retried with backoff) when the handler does.
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
  const record = (outcome: StripeEventOutcome, error: string | null = null) =>
    recordStripeEventOutcome(eventId, claimed.claimToken, outcome, error, WORKER_NAME);
  const handler = handlerFor(claimed.type);
  if (!handler) {
    await record("ignored");
    return { eventId, outcome: "ignored", skipped: false };
  }
  try {
    const ran = await handler(claimed.payload as Stripe.Event);
    // A replay that finds nothing left to do leaves a processed event marked processed.
    const outcome = claimed.outcome === "processed" && ran === "ignored" ? "processed" : ran;
    await record(outcome);
    return { eventId, outcome, skipped: false };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log().error({ err: error }, `[stripe] handler for ${claimed.type} (${eventId}) failed`);
    await record("failed", message.slice(0, 2000));
    return { eventId, outcome: "failed", skipped: false, error: message };
  }
}

/**
 * The admin replay, through the same queue as deliveries: enqueues a forced run and waits
 * (up to `waitMs`) for a worker to record its outcome. `queued` when no worker answered in time.
 */
export async function replayStoredEvent(
  eventId: string,
  waitMs = 8000,
): Promise<ProcessResult | { eventId: string; outcome: "queued"; skipped: false }> {
  const before = await findStripeEvent(eventId);
  if (!before) return { eventId, outcome: "missing", skipped: true };
  await enqueueEventReplay(eventId);
  const deadline = Date.now() + waitMs;
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 150));
    const now = await findStripeEvent(eventId);
    if (now && now.attempts > before.attempts && !now.claimed) {
      return {
        eventId,
        outcome: now.outcome ?? "missing",
        skipped: false,
        ...(now.outcome === "failed" && now.error ? { error: now.error } : {}),
      };
    }
  }
  return { eventId, outcome: "queued", skipped: false };
}

function json(status: number, body: unknown) {
  return Response.json(body, { status, headers: { "cache-control": "no-store" } });
}

/** The fields every Stripe event carries; a body without them is refused before it is stored. */
const eventShape = z.object({
  id: z.string().min(1).max(255),
  type: z.string().min(1).max(255),
  created: z.number().int().nonnegative(),
  livemode: z.boolean(),
  account: z.string().max(255).optional(),
});

/**
 * A webhook delivery: verify the signature over the raw body with the endpoint's own secret,
 * then store the event once by id together with its processing job, and answer 200 at once.
 * The worker runs the handler (processStoredEvent). 400 for a bad signature or a body that is
 * not an event (nothing stored).
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
  if (!eventShape.safeParse(event).success) {
    return json(400, { error: "The body is not a Stripe event." });
  }
  if (source === "connect" && !event.account) {
    return json(400, { error: "Connect events name their account." });
  }

  const { inserted } = await storeStripeEvent({
    id: event.id,
    type: event.type,
    source,
    account: event.account ?? null,
    livemode: event.livemode,
    payload: event,
    created: new Date(event.created * 1000),
  });
  return json(200, { received: true, duplicate: !inserted });
}
