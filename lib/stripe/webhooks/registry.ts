import "server-only";
import { handleAccountApplicationAuthorized } from "./account.application.authorized";
import { handleAccountApplicationDeauthorized } from "./account.application.deauthorized";
import { handleAccountUpdated } from "./account.updated";
import { handleChargeDisputeCreated } from "./charge.dispute.created";
import { handleChargeRefunded } from "./charge.refunded";
import { handleCheckoutSessionPaid } from "./checkout.session.completed";
import { handleCheckoutSessionClosed } from "./checkout.session.expired";
import type { EventHandler } from "./types";

/** Event type → its handler. One handler per event type. */
export const eventHandlers: Partial<Record<string, EventHandler>> = {
  "account.updated": handleAccountUpdated,
  "account.application.authorized": handleAccountApplicationAuthorized,
  "account.application.deauthorized": handleAccountApplicationDeauthorized,
  "checkout.session.completed": handleCheckoutSessionPaid,
  "checkout.session.async_payment_succeeded": handleCheckoutSessionPaid,
  "checkout.session.expired": handleCheckoutSessionClosed,
  "checkout.session.async_payment_failed": handleCheckoutSessionClosed,
  "charge.refunded": handleChargeRefunded,
  "charge.dispute.created": handleChargeDisputeCreated,
};

export function handlerFor(type: string): EventHandler | undefined {
  return Object.hasOwn(eventHandlers, type) ? eventHandlers[type] : undefined;
}
