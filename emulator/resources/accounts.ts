// Connected accounts: controller properties and legacy `type`, capabilities, requirements,
// onboarding state, login links.

import type Stripe from "stripe";
import type { Emulator, RequestContext } from "../context";
import { emit, previousAttributes, requestInfo } from "../events";
import { ApiError, invalidRequest, noAccessToAccount } from "../http/errors";
import type { ApiRouter } from "../http/api";
import { mergeMetadata, type Params } from "../http/params";
import { newId } from "../ids";
import type { AccountRecord } from "../store";
import { paginate, params } from "./shared";

/** What a new account still has to provide; onboarding empties it. */
const INITIAL_REQUIREMENTS = [
  "business_profile.mcc",
  "business_profile.url",
  "business_type",
  "external_account",
  "representative.first_name",
  "representative.last_name",
  "tos_acceptance.date",
  "tos_acceptance.ip",
];

const COUNTRY_CURRENCY: Record<string, string> = {
  US: "usd",
  GB: "gbp",
  JP: "jpy",
  CA: "cad",
  AU: "aud",
  CH: "chf",
  SE: "sek",
  NO: "nok",
  DK: "dkk",
  NZ: "nzd",
  SG: "sgd",
  HK: "hkd",
  MX: "mxn",
  BR: "brl",
  PL: "pln",
  IN: "inr",
};
const EURO_COUNTRIES = new Set([
  "AT",
  "BE",
  "CY",
  "DE",
  "EE",
  "ES",
  "FI",
  "FR",
  "GR",
  "HR",
  "IE",
  "IT",
  "LT",
  "LU",
  "LV",
  "MT",
  "NL",
  "PT",
  "SI",
  "SK",
]);

export function currencyFor(country: string): string {
  if (EURO_COUNTRIES.has(country)) return "eur";
  return COUNTRY_CURRENCY[country] ?? "usd";
}

export function requirements(due: string[]): Stripe.Account.Requirements {
  return {
    alternatives: [],
    current_deadline: null,
    currently_due: [...due],
    disabled_reason: due.length > 0 ? "requirements.past_due" : null,
    errors: [],
    eventually_due: [...due],
    past_due: [...due],
    pending_verification: [],
  } satisfies Stripe.Account.Requirements;
}

function futureRequirements(): Stripe.Account.FutureRequirements {
  return {
    alternatives: [],
    current_deadline: null,
    currently_due: [],
    disabled_reason: null,
    errors: [],
    eventually_due: [],
    past_due: [],
    pending_verification: [],
  } satisfies Stripe.Account.FutureRequirements;
}

type Controller = Stripe.Account.Controller;

function controllerForType(type: string): Controller {
  switch (type) {
    case "express":
      return {
        type: "application",
        is_controller: true,
        fees: { payer: "application_express" },
        losses: { payments: "application" },
        requirement_collection: "stripe",
        stripe_dashboard: { type: "express" },
      };
    case "custom":
      return {
        type: "application",
        is_controller: true,
        fees: { payer: "application_custom" },
        losses: { payments: "application" },
        requirement_collection: "application",
        stripe_dashboard: { type: "none" },
      };
    default:
      return {
        type: "application",
        is_controller: true,
        fees: { payer: "account" },
        losses: { payments: "stripe" },
        requirement_collection: "stripe",
        stripe_dashboard: { type: "full" },
      };
  }
}

function typeForController(c: Controller): Stripe.Account.Type {
  const dashboard = c.stripe_dashboard?.type;
  if (dashboard === "express") return "express";
  if (dashboard === "full") return "standard";
  if (c.requirement_collection === "application") return "custom";
  return "none";
}

/** Controller properties as given, checked against the combinations Stripe refuses. */
function controllerFromParams(p: Params): Controller {
  const fees = p.obj("fees")?.oneOf("payer", ["account", "application"]) ?? "account";
  const losses =
    p.obj("losses")?.oneOf("payments", ["application", "stripe"]) ??
    (fees === "application" ? "application" : "stripe");
  const collection = p.oneOf("requirement_collection", ["application", "stripe"]) ?? "stripe";
  const dashboard =
    p.obj("stripe_dashboard")?.oneOf("type", ["express", "full", "none"]) ??
    (collection === "application" ? "none" : "full");
  if (collection === "application" && dashboard !== "none") {
    throw invalidRequest(
      "When `controller[requirement_collection]` is `application`, `controller[stripe_dashboard][type]` must be `none`.",
      "controller[stripe_dashboard][type]",
    );
  }
  if (dashboard === "express" && (fees !== "application" || losses !== "application")) {
    throw invalidRequest(
      "Accounts with an Express dashboard require `controller[fees][payer]` and `controller[losses][payments]` to be `application`.",
      "controller[fees][payer]",
    );
  }
  if (collection === "application" && losses !== "application") {
    throw invalidRequest(
      "When `controller[requirement_collection]` is `application`, `controller[losses][payments]` must be `application`.",
      "controller[losses][payments]",
    );
  }
  return {
    type: "application",
    is_controller: true,
    fees: { payer: fees },
    losses: { payments: losses },
    requirement_collection: collection,
    stripe_dashboard: { type: dashboard },
  };
}

/** Who pays Stripe's processing fee on this account's charges. */
export function feesPaidByAccount(account: Stripe.Account): boolean {
  return account.controller?.fees?.payer === "account";
}

export function isExpressDashboard(account: Stripe.Account): boolean {
  return account.controller?.stripe_dashboard?.type === "express";
}

export interface NewAccountInput {
  controller: Controller;
  type: Stripe.Account.Type;
  country: string;
  email: string | null;
  businessName: string | null;
  capabilities: string[];
  metadata: Record<string, string>;
  created: number;
}

export function buildAccount(input: NewAccountInput): Stripe.Account {
  const capabilities: Record<string, string> = {};
  for (const name of input.capabilities) capabilities[name] = "inactive";
  return {
    id: newId("acct"),
    object: "account",
    business_profile: {
      mcc: null,
      minority_owned_business_designation: null,
      name: input.businessName,
      specified_commercial_transactions_act_url: null,
      support_address: null,
      support_email: null,
      support_phone: null,
      support_url: null,
      url: null,
    },
    business_type: null,
    capabilities: capabilities as Stripe.Account.Capabilities,
    charges_enabled: false,
    controller: input.controller,
    country: input.country,
    created: input.created,
    default_currency: currencyFor(input.country),
    details_submitted: false,
    email: input.email,
    external_accounts: {
      object: "list",
      data: [],
      has_more: false,
      url: "/v1/accounts/ACCOUNT/external_accounts",
    },
    future_requirements: futureRequirements(),
    metadata: input.metadata,
    payouts_enabled: false,
    requirements: requirements(INITIAL_REQUIREMENTS),
    tos_acceptance: { date: null, ip: null },
    type: input.type,
  } satisfies Stripe.Account;
}

/** The platform's own account, answered by GET /v1/account without Stripe-Account. */
export function buildPlatformAccount(name: string, created: number): Stripe.Account {
  const account = buildAccount({
    controller: { type: "account" },
    type: "standard",
    country: "US",
    email: "platform@example.com",
    businessName: name,
    capabilities: ["card_payments", "transfers"],
    metadata: {},
    created,
  });
  account.id = "acct_1EmulatorPlatform00000";
  markOnboarded(account);
  delete account.controller;
  return account;
}

/** Everything due is provided: the account can take charges and receive payouts. */
export function markOnboarded(account: Stripe.Account): void {
  account.charges_enabled = true;
  account.payouts_enabled = true;
  account.details_submitted = true;
  account.business_type = account.business_type ?? "individual";
  account.requirements = requirements([]);
  account.future_requirements = futureRequirements();
  const caps: Record<string, string> = {};
  for (const name of Object.keys(account.capabilities ?? {})) caps[name] = "active";
  account.capabilities = caps as Stripe.Account.Capabilities;
  account.tos_acceptance = { date: account.created ?? null, ip: "127.0.0.1" };
  if (account.business_profile) {
    account.business_profile.mcc = account.business_profile.mcc ?? "5734";
    account.business_profile.url = account.business_profile.url ?? "https://example.com";
  }
  if (account.external_accounts)
    account.external_accounts.url = `/v1/accounts/${account.id}/external_accounts`;
}

/** Completes onboarding and records `account.updated` with what changed. */
export function completeOnboarding(
  emu: Emulator,
  record: AccountRecord,
  request: { id: string | null; idempotency_key: string | null } | null = null,
): Stripe.Account {
  const before = structuredClone(record.obj);
  markOnboarded(record.obj);
  const previous = previousAttributes(before, record.obj);
  if (Object.keys(previous).length > 0) {
    emit(emu, {
      type: "account.updated",
      object: record.obj,
      account: record.obj.id,
      previous,
      request,
    });
  }
  emu.store.markDirty();
  return record.obj;
}

/** "Save and finish later": some details provided, but requirements remain. */
export function partialOnboarding(
  emu: Emulator,
  record: AccountRecord,
  businessName: string | null,
): Stripe.Account {
  const before = structuredClone(record.obj);
  const a = record.obj;
  a.business_type = a.business_type ?? "individual";
  if (businessName && a.business_profile) a.business_profile.name = businessName;
  const left = (a.requirements?.currently_due ?? INITIAL_REQUIREMENTS).filter(
    (r) => r !== "business_type" && !r.startsWith("business_profile."),
  );
  a.requirements = requirements(left.length > 0 ? left : ["external_account"]);
  const previous = previousAttributes(before, a);
  if (Object.keys(previous).length > 0)
    emit(emu, { type: "account.updated", object: a, account: a.id, previous });
  emu.store.markDirty();
  return a;
}

export function createConnectedAccount(
  emu: Emulator,
  input: Omit<NewAccountInput, "created">,
  viaOAuth: boolean,
): AccountRecord {
  const account = buildAccount({ ...input, created: emu.now() });
  if (account.external_accounts)
    account.external_accounts.url = `/v1/accounts/${account.id}/external_accounts`;
  const record: AccountRecord = {
    seq: emu.store.nextSeq(),
    obj: account,
    connected: !viaOAuth,
    deauthorized: false,
    deleted: false,
    viaOAuth,
  };
  emu.store.state.accounts[account.id] = record;
  emu.store.markDirty();
  return record;
}

/** An account the platform may act on: connected, not deauthorized, not deleted. */
export function reachableAccount(emu: Emulator, id: string): AccountRecord | null {
  const record = emu.store.state.accounts[id];
  if (!record || !record.connected || record.deauthorized || record.deleted) return null;
  return record;
}

function accountFor(ctx: RequestContext, id: string): AccountRecord {
  const record = reachableAccount(ctx.emu, id);
  // A connected account acting for itself may read only itself.
  if (!record || (ctx.account !== null && ctx.account !== id))
    throw noAccessToAccount(ctx.emu.config.secretKey, id);
  return record;
}

function applyUpdate(account: Stripe.Account, p: Params): void {
  const email = p.str("email");
  if (email !== undefined) account.email = email || null;
  const bp = p.obj("business_profile");
  if (bp && account.business_profile) {
    for (const key of [
      "name",
      "url",
      "mcc",
      "product_description",
      "support_email",
      "support_phone",
      "support_url",
    ] as const) {
      const v = bp.str(key);
      if (v !== undefined)
        (account.business_profile as unknown as Record<string, string | null>)[key] = v || null;
    }
  }
  const businessType = p.oneOf("business_type", [
    "company",
    "government_entity",
    "individual",
    "non_profit",
  ]);
  if (businessType) account.business_type = businessType;
  const currency = p.str("default_currency");
  if (currency) account.default_currency = currency.toLowerCase();
  account.metadata = mergeMetadata(account.metadata ?? {}, p.map("metadata"));
  const caps = p.obj("capabilities");
  if (caps) {
    const current = { ...(account.capabilities ?? {}) } as Record<string, string>;
    for (const name of Object.keys(caps.raw)) {
      const requested = caps.obj(name)?.bool("requested");
      if (requested === true && !current[name])
        current[name] = account.charges_enabled ? "active" : "inactive";
      if (requested === false) delete current[name];
    }
    account.capabilities = current as Stripe.Account.Capabilities;
  }
}

function requestedCapabilities(p: Params): string[] {
  const caps = p.obj("capabilities");
  if (!caps) return [];
  return Object.keys(caps.raw).filter((name) => caps.obj(name)?.bool("requested") === true);
}

function create(ctx: RequestContext): Stripe.Account {
  if (ctx.account)
    throw new ApiError(400, {
      type: "invalid_request_error",
      message: "Connected accounts cannot create other accounts.",
    });
  const p = params(ctx);
  const legacyType = p.oneOf("type", ["custom", "express", "standard"]);
  const controllerParams = p.obj("controller");
  if (legacyType && controllerParams) {
    throw invalidRequest(
      "You cannot specify both `type` and `controller`. Use controller properties only.",
      "controller",
    );
  }
  const controller = legacyType
    ? controllerForType(legacyType)
    : controllerParams
      ? controllerFromParams(controllerParams)
      : controllerForType("standard");
  // `capabilities` is required only where the account has no Stripe dashboard
  // (`controller.stripe_dashboard.type: "none"`, legacy `type: "custom"`). Elsewhere Stripe
  // requests the platform's default capabilities; the emulator's platform defaults to the two
  // a card-selling marketplace needs.
  let capabilities = requestedCapabilities(p);
  const hasDashboard = controller.stripe_dashboard?.type !== "none";
  if (capabilities.length === 0 && hasDashboard && !p.has("capabilities"))
    capabilities = ["card_payments", "transfers"];
  if (capabilities.length === 0 && !hasDashboard) {
    throw invalidRequest(
      "You must request at least one capability for this account (e.g. `capabilities[transfers][requested]=true`) when `controller[stripe_dashboard][type]` is `none`.",
      "capabilities",
    );
  }
  if (
    capabilities.includes("card_payments") &&
    !capabilities.includes("transfers") &&
    controller.stripe_dashboard?.type !== "full"
  ) {
    throw invalidRequest(
      "The `card_payments` capability requires the `transfers` capability on accounts where the platform is liable or collects requirements.",
      "capabilities",
    );
  }
  const country = (p.str("country") || "US").toUpperCase();
  if (!/^[A-Z]{2}$/.test(country))
    throw invalidRequest(`Country '${country}' is unknown.`, "country");
  const record = createConnectedAccount(
    ctx.emu,
    {
      controller,
      type: legacyType ?? typeForController(controller),
      country,
      email: p.str("email") ?? null,
      businessName: p.obj("business_profile")?.str("name") ?? null,
      capabilities,
      metadata: {},
    },
    false,
  );
  applyUpdate(record.obj, p);
  return record.obj;
}

function update(ctx: RequestContext, path: Record<string, string>): Stripe.Account {
  const record = accountFor(ctx, path.id ?? "");
  const before = structuredClone(record.obj);
  applyUpdate(record.obj, params(ctx));
  const previous = previousAttributes(before, record.obj);
  if (Object.keys(previous).length > 0) {
    emit(ctx.emu, {
      type: "account.updated",
      object: record.obj,
      account: record.obj.id,
      previous,
      request: requestInfo(ctx),
    });
  }
  ctx.emu.store.markDirty();
  return record.obj;
}

function retrieve(ctx: RequestContext, path: Record<string, string>): Stripe.Account {
  return accountFor(ctx, path.id ?? "").obj;
}

function retrieveCurrent(ctx: RequestContext): Stripe.Account {
  if (ctx.account) return accountFor(ctx, ctx.account).obj;
  return ctx.emu.store.state.platform;
}

function list(ctx: RequestContext): Stripe.ApiList<Stripe.Account> {
  if (ctx.account)
    throw new ApiError(400, {
      type: "invalid_request_error",
      message: "Only platforms can list their connected accounts.",
    });
  const accounts = Object.values(ctx.emu.store.state.accounts)
    .filter((r) => r.connected && !r.deauthorized && !r.deleted)
    .sort((a, b) => b.seq - a.seq)
    .map((r) => r.obj);
  return paginate(accounts, params(ctx), "/v1/accounts");
}

function del(ctx: RequestContext, path: Record<string, string>): Stripe.DeletedAccount {
  const record = accountFor(ctx, path.id ?? "");
  record.deleted = true;
  ctx.emu.store.markDirty();
  return { id: record.obj.id, object: "account", deleted: true } satisfies Stripe.DeletedAccount;
}

function createLoginLink(ctx: RequestContext, path: Record<string, string>): Stripe.LoginLink {
  const record = accountFor(ctx, path.id ?? "");
  if (!isExpressDashboard(record.obj)) {
    throw invalidRequest(
      "Cannot create a login link for an account that does not use the Express Dashboard (controller[stripe_dashboard][type] must be `express`).",
      "account",
    );
  }
  if (!record.obj.details_submitted) {
    throw invalidRequest(
      "Cannot create a login link for an account that has not completed onboarding.",
      "account",
    );
  }
  return {
    object: "login_link",
    created: ctx.emu.now(),
    url: `${ctx.emu.baseUrl}/express/${encodeURIComponent(record.obj.id)}`,
  } satisfies Stripe.LoginLink;
}

export function registerAccounts(api: ApiRouter): void {
  api.operation("accounts.create", create);
  api.operation("accounts.list", list);
  api.operation("accounts.retrieveCurrent", retrieveCurrent);
  api.operation("accounts.retrieve", retrieve);
  api.operation("accounts.update", update);
  api.operation("accounts.del", del);
  api.operation("accounts.createLoginLink", createLoginLink);
}
