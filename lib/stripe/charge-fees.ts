import "server-only";
import type Stripe from "stripe";
import { getStripe } from "./client";
import { log } from "@/lib/log";

/**
 * Who paid Stripe's processing fee on a direct charge, and how much. The shop's share is on its
 * own balance transaction (`fee_details` of type `stripe_fee`); when the platform pays (Express-
 * style accounts, `controller.fees.payer = application`) the fee is a `stripe_fee` transaction on
 * the platform's balance whose source is the charge.
 */
export async function stripeFeesOfCharge(
  charge: Stripe.Charge,
): Promise<{ shop: number | null; platform: number | null }> {
  const txn = charge.balance_transaction;
  if (!txn || typeof txn !== "object") return { shop: null, platform: null };
  const shop = txn.fee_details
    .filter((d) => d.type === "stripe_fee")
    .reduce((sum, d) => sum + d.amount, 0);
  if (txn.fee_details.some((d) => d.type === "stripe_fee")) return { shop, platform: 0 };
  try {
    const list = await getStripe().balanceTransactions.list({
      source: charge.id,
      type: "stripe_fee",
      limit: 10,
    });
    return { shop, platform: list.data.reduce((sum, t) => sum + Math.abs(t.amount), 0) };
  } catch (error) {
    // The order must still be recorded; the platform's share is then unknown.
    log().error({ err: error }, `[stripe] platform fee lookup for ${charge.id} failed`);
    return { shop, platform: null };
  }
}
