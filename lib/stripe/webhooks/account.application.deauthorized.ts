import "server-only";
import type Stripe from "stripe";
import { markAccountDisconnected } from "@/db/queries/connect";
import type { HandlerResult } from "./types";

/**
 * `account.application.deauthorized`: the account revoked Bazaar's access (on Stripe's side or
 * through our Disconnect). Its shops become `disconnected`: checkout closes and the dashboard
 * tells the merchant.
 */
export async function handleAccountApplicationDeauthorized(
  event: Stripe.Event,
): Promise<HandlerResult> {
  if (event.type !== "account.application.deauthorized" || !event.account) return "ignored";
  const changed = await markAccountDisconnected(event.account, new Date(event.created * 1000));
  return changed > 0 ? "processed" : "ignored";
}
