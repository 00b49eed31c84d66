// Stripe Tax on an account: settings (head office, defaults) and registrations, which decide
// whether Checkout's `automatic_tax` can run and where tax is collected (see tax-table.ts).

import type Stripe from "stripe";
import type { Emulator, RequestContext } from "../context";
import { emit, previousAttributes, requestInfo } from "../events";
import type { ApiRouter } from "../http/api";
import { invalidRequest, missingParam } from "../http/errors";
import { newId } from "../ids";
import { scopedKey, type Owned } from "../store";
import { findOwned, paginate, params } from "./shared";

/** An account's Stripe Tax settings; every account starts `pending` without a head office. */
export function taxSettings(emu: Emulator, owner: string | null): Stripe.Tax.Settings {
  const key = scopedKey(owner, "");
  let settings = emu.store.state.taxSettings[key];
  if (!settings) {
    settings = {
      object: "tax.settings",
      defaults: { provider: "stripe", tax_behavior: null, tax_code: null },
      head_office: null,
      livemode: false,
      status: "pending",
      status_details: { pending: { missing_fields: ["head_office"] } },
    } satisfies Stripe.Tax.Settings;
    emu.store.state.taxSettings[key] = settings;
    emu.store.markDirty();
  }
  return settings;
}

function retrieveSettings(ctx: RequestContext): Stripe.Tax.Settings {
  return taxSettings(ctx.emu, ctx.account);
}

function updateSettings(ctx: RequestContext): Stripe.Tax.Settings {
  const settings = taxSettings(ctx.emu, ctx.account);
  const before = structuredClone(settings);
  const p = params(ctx);
  const defaults = p.obj("defaults");
  if (defaults) {
    const behavior = defaults.oneOf("tax_behavior", [
      "exclusive",
      "inclusive",
      "inferred_by_currency",
    ]);
    if (behavior) settings.defaults.tax_behavior = behavior;
    const code = defaults.str("tax_code");
    if (code !== undefined) {
      if (!/^txcd_\d{8}$/.test(code))
        throw invalidRequest(`Invalid tax code: ${code}`, "defaults[tax_code]");
      settings.defaults.tax_code = code;
    }
  }
  const office = p.obj("head_office");
  if (office) {
    const a = office.obj("address");
    if (!a) throw missingParam("head_office[address]");
    const country = a.str("country");
    if (!country) throw missingParam("head_office[address][country]");
    if (!/^[A-Za-z]{2}$/.test(country))
      throw invalidRequest(`Invalid country: ${country}`, "head_office[address][country]");
    settings.head_office = {
      address: {
        city: a.str("city") ?? null,
        country: country.toUpperCase(),
        line1: a.str("line1") ?? null,
        line2: a.str("line2") ?? null,
        postal_code: a.str("postal_code") ?? null,
        state: a.str("state") ?? null,
      },
    };
  }
  if (settings.head_office) {
    settings.status = "active";
    settings.status_details = { active: {} };
  }
  ctx.emu.store.markDirty();
  const previous = previousAttributes(before, settings);
  if (Object.keys(previous).length > 0)
    emit(ctx.emu, {
      type: "tax.settings.updated",
      object: settings,
      account: ctx.account,
      previous,
      request: requestInfo(ctx),
    });
  return settings;
}

// Registrations ---------------------------------------------------------------------------

function statusOf(emu: Emulator, r: Stripe.Tax.Registration): Stripe.Tax.Registration.Status {
  const now = emu.now();
  if (r.expires_at !== null && r.expires_at <= now) return "expired";
  if (r.active_from > now) return "scheduled";
  return "active";
}

function refresh(emu: Emulator, r: Stripe.Tax.Registration): Stripe.Tax.Registration {
  r.status = statusOf(emu, r);
  return r;
}

/** The account's active registrations covering a country (and, in the US, a state). */
export function isRegistered(
  emu: Emulator,
  owner: string | null,
  country: string,
  state: string | null,
): boolean {
  return Object.values(emu.store.state.taxRegistrations).some((rec) => {
    if (rec.owner !== owner) return false;
    const r = refresh(emu, rec.obj);
    if (r.status !== "active" || r.country !== country) return false;
    if (country !== "US") return true;
    return r.country_options.us?.state === state;
  });
}

function timestamp(
  p: ReturnType<typeof params>,
  key: string,
  now: number,
): number | null | undefined {
  const raw = p.raw[key];
  if (raw === undefined) return undefined;
  if (raw === "") {
    p.honour(key);
    return null;
  }
  if (raw === "now") {
    p.honour(key);
    return now;
  }
  return p.int(key);
}

function createRegistration(ctx: RequestContext): Stripe.Tax.Registration {
  const p = params(ctx);
  const emu = ctx.emu;
  const now = emu.now();
  const country = p.reqStr("country").toUpperCase();
  const options = p.obj("country_options");
  if (!options) throw missingParam("country_options");
  const key = country.toLowerCase();
  const own = options.obj(key);
  if (!own) throw missingParam(`country_options[${key}]`);
  for (const other of Object.keys(options.raw))
    if (other !== key)
      throw invalidRequest(
        `country_options[${other}] does not match country ${country}.`,
        `country_options[${other}]`,
      );
  const type = own.reqStr("type");
  let state: string | null = null;
  if (country === "US") state = own.reqStr("state").toUpperCase();
  const activeFrom = timestamp(p, "active_from", now);
  if (activeFrom === undefined || activeFrom === null) throw missingParam("active_from");
  const expiresAt = timestamp(p, "expires_at", now) ?? null;
  if (expiresAt !== null && expiresAt <= activeFrom)
    throw invalidRequest("expires_at must be after active_from.", "expires_at");
  const clash = Object.values(emu.store.state.taxRegistrations).some(
    (r) =>
      r.owner === ctx.account &&
      r.obj.country === country &&
      refresh(emu, r.obj).status !== "expired" &&
      (country !== "US" || r.obj.country_options.us?.state === state),
  );
  if (clash)
    throw invalidRequest(
      `A registration already exists for ${country}${state ? `-${state}` : ""}.`,
      "country",
    );
  const countryOptions = {
    [key]: state !== null ? { state, type } : { type },
  } as unknown as Stripe.Tax.Registration.CountryOptions;
  const registration = {
    id: newId("taxreg"),
    object: "tax.registration",
    active_from: activeFrom,
    country,
    country_options: countryOptions,
    created: now,
    expires_at: expiresAt,
    livemode: false,
    status: "active",
  } satisfies Stripe.Tax.Registration;
  refresh(emu, registration);
  emu.store.state.taxRegistrations[registration.id] = {
    owner: ctx.account,
    seq: emu.store.nextSeq(),
    obj: registration,
  };
  emu.store.markDirty();
  return registration;
}

function registrationFor(ctx: RequestContext, id: string): Owned<Stripe.Tax.Registration> {
  const record = findOwned(ctx, ctx.emu.store.state.taxRegistrations, id, "tax.registration");
  refresh(ctx.emu, record.obj);
  return record;
}

function retrieveRegistration(
  ctx: RequestContext,
  path: Record<string, string>,
): Stripe.Tax.Registration {
  return registrationFor(ctx, path.id ?? "").obj;
}

function updateRegistration(
  ctx: RequestContext,
  path: Record<string, string>,
): Stripe.Tax.Registration {
  const r = registrationFor(ctx, path.id ?? "").obj;
  const p = params(ctx);
  const now = ctx.emu.now();
  const activeFrom = timestamp(p, "active_from", now);
  if (activeFrom !== undefined && activeFrom !== null) r.active_from = activeFrom;
  const expiresAt = timestamp(p, "expires_at", now);
  if (expiresAt !== undefined) {
    if (expiresAt !== null && expiresAt < r.active_from)
      throw invalidRequest("expires_at must be after active_from.", "expires_at");
    r.expires_at = expiresAt;
  }
  refresh(ctx.emu, r);
  ctx.emu.store.markDirty();
  return r;
}

function listRegistrations(ctx: RequestContext): Stripe.ApiList<Stripe.Tax.Registration> {
  const p = params(ctx);
  const status = p.oneOf("status", ["active", "all", "expired", "scheduled"]) ?? "all";
  const items = ctx.emu.store
    .list(ctx.emu.store.state.taxRegistrations, ctx.account)
    .map((r) => refresh(ctx.emu, r))
    .filter((r) => status === "all" || r.status === status);
  return paginate(items, p, "/v1/tax/registrations");
}

export function registerTax(api: ApiRouter): void {
  api.operation("tax.settings.retrieve", retrieveSettings);
  api.operation("tax.settings.update", updateSettings);
  api.operation("tax.registrations.create", createRegistration);
  api.operation("tax.registrations.list", listRegistrations);
  api.operation("tax.registrations.retrieve", retrieveRegistration);
  api.operation("tax.registrations.update", updateRegistration);
}
