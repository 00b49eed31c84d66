import type Stripe from "stripe";

/**
 * What a handler reports: it acted on the event; the event concerns nothing we hold; or its work
 * had already been done another way (the return page finalised the order first).
 */
export type HandlerResult = "processed" | "ignored" | "already_handled";

/** One handler per event type; it must be idempotent (events arrive at least once, in any order). */
export type EventHandler = (event: Stripe.Event) => Promise<HandlerResult>;
