import type Stripe from "stripe";
import type { ConnectStatus } from "@/db/schema/shops";
import { deriveConnectStatus } from "./status";

/** What Bazaar keeps about a connected account: Stripe's object reshaped into the app's type. */
export type AccountSnapshot = {
  accountId: string;
  type: "standard" | "express";
  businessName: string | null;
  email: string | null;
  chargesEnabled: boolean;
  payoutsEnabled: boolean;
  detailsSubmitted: boolean;
  currentlyDue: string[];
  pastDue: string[];
  eventuallyDue: string[];
  pendingVerification: string[];
  currentDeadline: Date | null;
  disabledReason: string | null;
  feesPayer: string | null;
  accountCreatedAt: Date | null;
  status: ConnectStatus;
};

const fromUnix = (t: number | null | undefined) => (t ? new Date(t * 1000) : null);

/** Express-style when the account uses the Express dashboard; everything else is Standard-style. */
export function accountTypeOf(account: Stripe.Account): "standard" | "express" {
  if (account.controller?.stripe_dashboard?.type === "express") return "express";
  if (account.type === "express") return "express";
  return "standard";
}

export function toAccountSnapshot(account: Stripe.Account): AccountSnapshot {
  const req = account.requirements;
  return {
    accountId: account.id,
    type: accountTypeOf(account),
    businessName:
      account.business_profile?.name ?? account.settings?.dashboard?.display_name ?? null,
    email: account.email ?? null,
    chargesEnabled: account.charges_enabled ?? false,
    payoutsEnabled: account.payouts_enabled ?? false,
    detailsSubmitted: account.details_submitted ?? false,
    currentlyDue: req?.currently_due ?? [],
    pastDue: req?.past_due ?? [],
    eventuallyDue: req?.eventually_due ?? [],
    pendingVerification: req?.pending_verification ?? [],
    currentDeadline: fromUnix(req?.current_deadline),
    disabledReason: req?.disabled_reason ?? null,
    feesPayer: account.controller?.fees?.payer ?? null,
    accountCreatedAt: fromUnix(account.created),
    status: deriveConnectStatus(account),
  };
}

/** Human words for Stripe's requirement paths (`individual.dob.day` → "Date of birth"). */
const REQUIREMENT_LABELS: Array<[RegExp, string]> = [
  [/^external_account$/, "Bank account for payouts"],
  [/^tos_acceptance\./, "Acceptance of Stripe's terms"],
  [/^business_profile\.mcc$/, "Business category"],
  [/^business_profile\.url$/, "Business website"],
  [/^business_profile\./, "Business details"],
  [/^business_type$/, "Business type"],
  [/(^|\.)first_name$|(^|\.)last_name$/, "Representative's name"],
  [/\.dob\./, "Date of birth"],
  [/\.address\./, "Address"],
  [/\.(ssn_last_4|id_number)$/, "Identity number"],
  [/\.verification\./, "Identity document"],
  [/\.(email)$/, "E-mail address"],
  [/\.(phone)$/, "Phone number"],
  [/^company\./, "Company details"],
];

export function requirementLabel(path: string): string {
  for (const [re, label] of REQUIREMENT_LABELS) if (re.test(path)) return label;
  return path;
}

/** Distinct human labels for a list of requirement paths, in first-seen order. */
export function requirementLabels(paths: string[]): string[] {
  return [...new Set(paths.map(requirementLabel))];
}
