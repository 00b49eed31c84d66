import type Stripe from "stripe";

/** What a handler reports: it acted on the event, or the event concerns nothing we hold. */
export type HandlerResult = "processed" | "ignored";

/** One handler per event type; it must be idempotent (events arrive at least once, in any order). */
export type EventHandler = (event: Stripe.Event) => Promise<HandlerResult>;
