import "server-only";
import type Stripe from "stripe";
import { shopIdsForAccount } from "@/db/queries/connect";
import type { HandlerResult } from "./types";

/**
 * `account.application.authorized`: an account granted Bazaar access (OAuth). The callback route
 * already stored the connection when it exchanged the code; this only confirms we know it.
 */
export async function handleAccountApplicationAuthorized(
  event: Stripe.Event,
): Promise<HandlerResult> {
  if (event.type !== "account.application.authorized" || !event.account) return "ignored";
  const shops = await shopIdsForAccount(event.account);
  return shops.length > 0 ? "processed" : "ignored";
}
