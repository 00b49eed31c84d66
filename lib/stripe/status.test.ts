import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { accountTypeOf, requirementLabels, toAccountSnapshot } from "./account";
import { canTakePayments, deriveConnectStatus } from "./status";
import { newExpressAccount, onboarded, withRequirements } from "./testing/accounts";

describe("deriveConnectStatus", () => {
  it("is not_connected without an account", () => {
    expect(deriveConnectStatus(null)).toBe("not_connected");
  });

  it("is onboarding for a new account with everything due", () => {
    expect(deriveConnectStatus(newExpressAccount())).toBe("onboarding");
  });

  it("stays onboarding when some details were saved but not submitted", () => {
    const partial = withRequirements(newExpressAccount(), {
      currently_due: ["external_account", "tos_acceptance.date"],
      past_due: ["external_account", "tos_acceptance.date"],
    });
    expect(deriveConnectStatus(partial)).toBe("onboarding");
  });

  it("is active once charges are enabled and nothing is past due", () => {
    expect(deriveConnectStatus(onboarded())).toBe("active");
  });

  it("stays active while something is due by a future deadline", () => {
    const dueLater = withRequirements(onboarded(), {
      currently_due: ["individual.verification.document"],
      eventually_due: ["individual.verification.document"],
      current_deadline: 1_800_000_000,
    });
    expect(deriveConnectStatus(dueLater)).toBe("active");
  });

  it("is under_review while Stripe verifies submitted details", () => {
    const reviewing = withRequirements(
      onboarded(),
      {
        disabled_reason: "requirements.pending_verification",
        pending_verification: ["individual.id_number"],
      },
      { charges_enabled: false, capabilities: { card_payments: "pending", transfers: "pending" } },
    );
    expect(deriveConnectStatus(reviewing)).toBe("under_review");
    const manual = withRequirements(
      onboarded(),
      { disabled_reason: "under_review" },
      { charges_enabled: false, payouts_enabled: false },
    );
    expect(deriveConnectStatus(manual)).toBe("under_review");
  });

  it("is restricted when requirements are past due", () => {
    const restricted = withRequirements(
      onboarded(),
      {
        currently_due: ["individual.dob.day"],
        past_due: ["individual.dob.day"],
        disabled_reason: "requirements.past_due",
      },
      { charges_enabled: false, payouts_enabled: false },
    );
    expect(deriveConnectStatus(restricted)).toBe("restricted");
  });

  it("is restricted when Stripe disabled charges for another reason", () => {
    const paused = withRequirements(
      onboarded(),
      { disabled_reason: "platform_paused" },
      { charges_enabled: false },
    );
    expect(deriveConnectStatus(paused)).toBe("restricted");
  });

  it("is restricted when charges work but something is past due", () => {
    const pastDue = withRequirements(onboarded(), {
      currently_due: ["external_account"],
      past_due: ["external_account"],
    });
    expect(deriveConnectStatus(pastDue)).toBe("restricted");
  });

  it("is rejected when Stripe rejected the account", () => {
    const rejected = withRequirements(
      onboarded(),
      { disabled_reason: "rejected.fraud" },
      { charges_enabled: false, payouts_enabled: false },
    );
    expect(deriveConnectStatus(rejected)).toBe("rejected");
  });

  it("is disconnected once the account revoked access, whatever the account says", () => {
    expect(deriveConnectStatus(onboarded(), { deauthorized: true })).toBe("disconnected");
  });
});

describe("toAccountSnapshot", () => {
  it("reshapes an Express-style account", () => {
    const snap = toAccountSnapshot(newExpressAccount());
    expect(snap).toMatchObject({
      accountId: "acct_1TestExpress000001",
      type: "express",
      businessName: "Kai's Coffee",
      feesPayer: "application",
      chargesEnabled: false,
      status: "onboarding",
      currentDeadline: null,
      accountCreatedAt: new Date(1_790_000_000 * 1000),
    });
    expect(snap.pastDue).toContain("external_account");
  });

  it("recognises a Standard-style account by its full dashboard", () => {
    const standard = {
      ...onboarded(),
      type: "standard",
      controller: {
        type: "account",
        is_controller: false,
        fees: { payer: "account" },
        losses: { payments: "stripe" },
        requirement_collection: "stripe",
        stripe_dashboard: { type: "full" },
      },
    } as unknown as Stripe.Account;
    expect(accountTypeOf(standard)).toBe("standard");
    expect(toAccountSnapshot(standard).feesPayer).toBe("account");
  });

  it("turns a deadline into a date and requirement paths into words", () => {
    const due = withRequirements(onboarded(), { current_deadline: 1_800_000_000 });
    expect(toAccountSnapshot(due).currentDeadline).toEqual(new Date(1_800_000_000_000));
    expect(
      requirementLabels(["external_account", "tos_acceptance.date", "tos_acceptance.ip"]),
    ).toEqual(["Bank account for payouts", "Acceptance of Stripe's terms"]);
  });
});

describe("canTakePayments", () => {
  it("needs an active account and a shop that is not suspended", () => {
    expect(canTakePayments({ connectStatus: "active", suspendedAt: null })).toBe(true);
    expect(canTakePayments({ connectStatus: "active", suspendedAt: new Date() })).toBe(false);
    expect(canTakePayments({ connectStatus: "disconnected", suspendedAt: null })).toBe(false);
    expect(canTakePayments({ connectStatus: "onboarding", suspendedAt: null })).toBe(false);
  });
});
