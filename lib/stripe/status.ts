import type Stripe from "stripe";
import type { ConnectStatus } from "@/db/schema/shops";

/**
 * The Connect status model (pure). `not_connected` and `disconnected` come from the app's own
 * facts (no account; the account revoked our access); every other state is read off the account.
 *
 *   rejected      Stripe rejected the account (disabled_reason `rejected.*`)
 *   onboarding    details not submitted yet: the merchant has to finish onboarding
 *   under_review  details submitted, Stripe is verifying (nothing for the merchant to do)
 *   restricted    something is past due or Stripe disabled the account
 *   active        charges enabled and nothing past due
 */
export function deriveConnectStatus(
  account: Stripe.Account | null,
  opts: { deauthorized?: boolean } = {},
): ConnectStatus {
  if (!account) return "not_connected";
  if (opts.deauthorized) return "disconnected";
  const req = account.requirements;
  const disabled = req?.disabled_reason ?? null;
  const pastDue = req?.past_due ?? [];
  const currentlyDue = req?.currently_due ?? [];
  const pending = req?.pending_verification ?? [];
  const card = account.capabilities?.card_payments;

  if (disabled?.startsWith("rejected")) return "rejected";
  if (!account.details_submitted) return "onboarding";
  if (account.charges_enabled && pastDue.length === 0 && !disabled && card !== "pending") {
    return card === undefined || card === "active" ? "active" : "restricted";
  }
  if (disabled === "under_review" || disabled === "requirements.pending_verification") {
    return "under_review";
  }
  if (pastDue.length > 0 || disabled) return "restricted";
  // Submitted, nothing past due, not yet enabled: Stripe is still verifying.
  if (pending.length > 0 || currentlyDue.length === 0 || card === "pending") return "under_review";
  return "restricted";
}

/** Checkout is open only for an active account on a shop that is not suspended. */
export function canTakePayments(shop: { connectStatus: ConnectStatus; suspendedAt: Date | null }) {
  return shop.connectStatus === "active" && shop.suspendedAt === null;
}

export const CONNECT_STATUS_LABELS: Record<ConnectStatus, string> = {
  not_connected: "Not connected",
  onboarding: "Onboarding",
  under_review: "Under review",
  active: "Active",
  restricted: "Restricted",
  disconnected: "Disconnected",
  rejected: "Rejected",
};
