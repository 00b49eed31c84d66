import "server-only";
import type Stripe from "stripe";
import { applyAccountSnapshot } from "@/db/queries/connect";
import { toAccountSnapshot } from "../account";
import type { HandlerResult } from "./types";

/**
 * `account.updated`: refreshes the stored account and the shop's status from the event's
 * snapshot. An event older than what is stored changes nothing (delivery order is not
 * guaranteed), so a status never moves backwards.
 */
export async function handleAccountUpdated(event: Stripe.Event): Promise<HandlerResult> {
  if (event.type !== "account.updated") return "ignored";
  const account = event.data.object;
  const changed = await applyAccountSnapshot(
    toAccountSnapshot(account),
    new Date(event.created * 1000),
  );
  return changed > 0 ? "processed" : "ignored";
}
