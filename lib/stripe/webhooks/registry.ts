import "server-only";
import { handleAccountApplicationAuthorized } from "./account.application.authorized";
import { handleAccountApplicationDeauthorized } from "./account.application.deauthorized";
import { handleAccountUpdated } from "./account.updated";
import { handleCheckoutSessionPaid } from "./checkout.session.completed";
import { handleCheckoutSessionClosed } from "./checkout.session.expired";
import type { EventHandler } from "./types";

/** Event type → its handler. Later features register checkout, charge and payout handlers here. */
export const eventHandlers: Partial<Record<string, EventHandler>> = {
  "account.updated": handleAccountUpdated,
  "account.application.authorized": handleAccountApplicationAuthorized,
  "account.application.deauthorized": handleAccountApplicationDeauthorized,
  "checkout.session.completed": handleCheckoutSessionPaid,
  "checkout.session.async_payment_succeeded": handleCheckoutSessionPaid,
  "checkout.session.expired": handleCheckoutSessionClosed,
  "checkout.session.async_payment_failed": handleCheckoutSessionClosed,
};

export function handlerFor(type: string): EventHandler | undefined {
  return Object.hasOwn(eventHandlers, type) ? eventHandlers[type] : undefined;
}
