// Every state change is recorded as an Event and handed to the webhook dispatcher.

import type Stripe from "stripe";
import type { Emulator } from "./context";
import { newId } from "./ids";

export const API_VERSION = "2026-10-28.endive";

export type EventType = Stripe.Event["type"];
export type EventObject<T extends EventType> = Extract<Stripe.Event, { type: T }>["data"]["object"];

export interface EmitInput<T extends EventType> {
  type: T;
  object: EventObject<T>;
  /** Connected account the event belongs to; null for platform events. */
  account: string | null;
  previous?: Record<string, unknown>;
  request?: { id: string | null; idempotency_key: string | null } | null;
}

export function emit<T extends EventType>(emu: Emulator, input: EmitInput<T>): Stripe.Event {
  const endpoints = emu.webhooks.endpointsFor(input.type, input.account);
  const base = {
    id: newId("evt"),
    object: "event" as const,
    api_version: API_VERSION,
    created: emu.now(),
    // A snapshot: later changes to the object must not rewrite history.
    data: {
      object: structuredClone(input.object),
      ...(input.previous ? { previous_attributes: structuredClone(input.previous) } : {}),
    },
    livemode: false,
    pending_webhooks: endpoints.length,
    request: input.request ?? { id: null, idempotency_key: null },
    type: input.type,
    ...(input.account ? { account: input.account } : {}),
  } satisfies Stripe.EventBase;
  // The Event union is discriminated by `type`; `EventObject<T>` already tied the object to it.
  const event = base as unknown as Stripe.Event;
  emu.store.state.events[event.id] = { owner: input.account, seq: emu.store.nextSeq(), obj: event };
  emu.store.markDirty();
  emu.webhooks.dispatch(event.id, endpoints);
  return event;
}

/** What an API request contributes to its events' `request` member. */
export function requestInfo(ctx: { requestId: string; idempotencyKey: string | null }): {
  id: string;
  idempotency_key: string | null;
} {
  return { id: ctx.requestId, idempotency_key: ctx.idempotencyKey };
}

/** The top-level fields of `before` that differ from `after`, as Stripe puts in previous_attributes. */
export function previousAttributes(before: object, after: object): Record<string, unknown> {
  const prev: Record<string, unknown> = {};
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  for (const key of Object.keys(a)) {
    if (JSON.stringify(b[key]) !== JSON.stringify(a[key])) prev[key] = b[key] ?? null;
  }
  return prev;
}
