import "server-only";
import { handleAccountApplicationAuthorized } from "./account.application.authorized";
import { handleAccountApplicationDeauthorized } from "./account.application.deauthorized";
import { handleAccountUpdated } from "./account.updated";
import { handleChargeDisputeCreated } from "./charge.dispute.created";
import { handleChargeRefunded } from "./charge.refunded";
import type { EventHandler } from "./types";

/** Event type → its handler. Later features register checkout, charge and payout handlers here. */
export const eventHandlers: Partial<Record<string, EventHandler>> = {
  "account.updated": handleAccountUpdated,
  "account.application.authorized": handleAccountApplicationAuthorized,
  "account.application.deauthorized": handleAccountApplicationDeauthorized,
  "charge.refunded": handleChargeRefunded,
  "charge.dispute.created": handleChargeDisputeCreated,
};

export function handlerFor(type: string): EventHandler | undefined {
  return Object.hasOwn(eventHandlers, type) ? eventHandlers[type] : undefined;
}
