// Real-shaped Stripe.Account fixtures (API 2026-10-28) for status and webhook tests.
import type Stripe from "stripe";

/** A freshly created Express-style account, shaped as Stripe returns it (API 2026-10-28). */
export function newExpressAccount(id = "acct_1TestExpress000001"): Stripe.Account {
  const due = [
    "business_profile.mcc",
    "business_profile.url",
    "business_type",
    "external_account",
    "representative.first_name",
    "representative.last_name",
    "tos_acceptance.date",
    "tos_acceptance.ip",
  ];
  return {
    id,
    object: "account",
    business_profile: {
      annual_revenue: null,
      estimated_worker_count: null,
      mcc: null,
      minority_owned_business_designation: null,
      name: "Kai's Coffee",
      product_description: null,
      support_address: null,
      support_email: null,
      support_phone: null,
      support_url: null,
      url: null,
    },
    business_type: null,
    capabilities: { card_payments: "inactive", transfers: "inactive" },
    charges_enabled: false,
    controller: {
      type: "application",
      is_controller: true,
      fees: { payer: "application" },
      losses: { payments: "application" },
      requirement_collection: "stripe",
      stripe_dashboard: { type: "express" },
    },
    country: "US",
    created: 1_790_000_000,
    default_currency: "usd",
    details_submitted: false,
    email: "kai@example.com",
    external_accounts: {
      object: "list",
      data: [],
      has_more: false,
      url: "/v1/accounts/x/external_accounts",
    },
    future_requirements: {
      alternatives: [],
      current_deadline: null,
      currently_due: [],
      disabled_reason: null,
      errors: [],
      eventually_due: [],
      past_due: [],
      pending_verification: [],
    },
    metadata: {},
    payouts_enabled: false,
    requirements: {
      alternatives: [],
      current_deadline: null,
      currently_due: due,
      disabled_reason: "requirements.past_due",
      errors: [],
      eventually_due: due,
      past_due: due,
      pending_verification: [],
    },
    tos_acceptance: { date: null, ip: null },
    type: "express",
  } as unknown as Stripe.Account;
}

export function withRequirements(
  account: Stripe.Account,
  patch: Partial<Stripe.Account.Requirements>,
  top: Partial<Stripe.Account> = {},
): Stripe.Account {
  return {
    ...account,
    ...top,
    requirements: { ...account.requirements!, ...patch },
  } as Stripe.Account;
}

export function onboarded(account = newExpressAccount()): Stripe.Account {
  return withRequirements(
    account,
    { currently_due: [], eventually_due: [], past_due: [], disabled_reason: null },
    {
      charges_enabled: true,
      payouts_enabled: true,
      details_submitted: true,
      business_type: "individual",
      capabilities: { card_payments: "active", transfers: "active" },
    },
  );
}

/** A Stripe event as delivered to a webhook endpoint. */
export function accountEvent(
  type: "account.updated" | "account.application.authorized" | "account.application.deauthorized",
  account: Stripe.Account,
  created: number,
  id = `evt_${Math.random().toString(36).slice(2, 14)}`,
): Stripe.Event {
  const object =
    type === "account.updated"
      ? account
      : { id: "ca_emulator", object: "application", name: "Bazaar" };
  return {
    id,
    object: "event",
    api_version: "2026-10-28.endive",
    account: account.id,
    created,
    data: { object },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
  } as unknown as Stripe.Event;
}
