// The emulator's tax table: a small, deterministic stand-in for Stripe Tax's rates. One
// standard rate per country (VAT / GST / JCT) and the state sales tax rate per US state (no
// county or city taxes). Tax is collected only where the account has an active registration
// (tax.registrations), as Stripe Tax does; elsewhere the amount is 0 with `not_collecting`.

import type Stripe from "stripe";

export interface Jurisdiction {
  /** Stable key, e.g. `US-CA` or `DE`. */
  key: string;
  country: string;
  state: string | null;
  name: string;
  level: "country" | "state";
  percentage: number;
  taxType: "vat" | "gst" | "jct" | "sales_tax";
  displayName: string;
}

const COUNTRIES: Record<string, [string, number, Jurisdiction["taxType"]]> = {
  AT: ["Austria", 20, "vat"],
  AU: ["Australia", 10, "gst"],
  BE: ["Belgium", 21, "vat"],
  CA: ["Canada", 5, "gst"],
  CH: ["Switzerland", 8.1, "vat"],
  DE: ["Germany", 19, "vat"],
  DK: ["Denmark", 25, "vat"],
  ES: ["Spain", 21, "vat"],
  FI: ["Finland", 25.5, "vat"],
  FR: ["France", 20, "vat"],
  GB: ["United Kingdom", 20, "vat"],
  IE: ["Ireland", 23, "vat"],
  IT: ["Italy", 22, "vat"],
  JP: ["Japan", 10, "jct"],
  NL: ["Netherlands", 21, "vat"],
  NO: ["Norway", 25, "vat"],
  NZ: ["New Zealand", 15, "gst"],
  PL: ["Poland", 23, "vat"],
  PT: ["Portugal", 23, "vat"],
  SE: ["Sweden", 25, "vat"],
  SG: ["Singapore", 9, "gst"],
};

/** State-level sales tax rates (percent); states without a sales tax are 0. */
const US_STATES: Record<string, [string, number]> = {
  AL: ["Alabama", 4],
  AK: ["Alaska", 0],
  AZ: ["Arizona", 5.6],
  AR: ["Arkansas", 6.5],
  CA: ["California", 7.25],
  CO: ["Colorado", 2.9],
  CT: ["Connecticut", 6.35],
  DE: ["Delaware", 0],
  DC: ["District of Columbia", 6],
  FL: ["Florida", 6],
  GA: ["Georgia", 4],
  HI: ["Hawaii", 4],
  ID: ["Idaho", 6],
  IL: ["Illinois", 6.25],
  IN: ["Indiana", 7],
  IA: ["Iowa", 6],
  KS: ["Kansas", 6.5],
  KY: ["Kentucky", 6],
  LA: ["Louisiana", 5],
  ME: ["Maine", 5.5],
  MD: ["Maryland", 6],
  MA: ["Massachusetts", 6.25],
  MI: ["Michigan", 6],
  MN: ["Minnesota", 6.875],
  MS: ["Mississippi", 7],
  MO: ["Missouri", 4.225],
  MT: ["Montana", 0],
  NE: ["Nebraska", 5.5],
  NV: ["Nevada", 6.85],
  NH: ["New Hampshire", 0],
  NJ: ["New Jersey", 6.625],
  NM: ["New Mexico", 4.875],
  NY: ["New York", 4],
  NC: ["North Carolina", 4.75],
  ND: ["North Dakota", 5],
  OH: ["Ohio", 5.75],
  OK: ["Oklahoma", 4.5],
  OR: ["Oregon", 0],
  PA: ["Pennsylvania", 6],
  RI: ["Rhode Island", 7],
  SC: ["South Carolina", 6],
  SD: ["South Dakota", 4.2],
  TN: ["Tennessee", 7],
  TX: ["Texas", 6.25],
  UT: ["Utah", 6.1],
  VT: ["Vermont", 6],
  VA: ["Virginia", 5.3],
  WA: ["Washington", 6.5],
  WV: ["West Virginia", 6],
  WI: ["Wisconsin", 5],
  WY: ["Wyoming", 4],
};

export const US_STATE_NAMES: Record<string, string> = Object.fromEntries(
  Object.entries(US_STATES).map(([code, [name]]) => [code, name]),
);

export const TAX_COUNTRY_NAMES: Record<string, string> = {
  US: "United States",
  ...Object.fromEntries(Object.entries(COUNTRIES).map(([code, [name]]) => [code, name])),
};

/** The jurisdiction of an address, or null when the table has no rate for it. */
export function jurisdictionFor(address: {
  country: string | null;
  state: string | null;
}): Jurisdiction | null {
  const country = (address.country ?? "").toUpperCase();
  if (country === "US") {
    const state = (address.state ?? "").toUpperCase();
    const entry = US_STATES[state];
    if (!entry) return null;
    return {
      key: `US-${state}`,
      country,
      state,
      name: entry[0],
      level: "state",
      percentage: entry[1],
      taxType: "sales_tax",
      displayName: "Sales Tax",
    };
  }
  const entry = COUNTRIES[country];
  if (!entry) return null;
  return {
    key: country,
    country,
    state: null,
    name: entry[0],
    level: "country",
    percentage: entry[1],
    taxType: entry[2],
    displayName: entry[2] === "vat" ? "VAT" : entry[2] === "gst" ? "GST" : "JCT",
  };
}

/** Tax on an amount: added on top (exclusive) or contained in it (inclusive). */
export function taxOn(amount: number, percentage: number, inclusive: boolean): number {
  if (amount <= 0 || percentage <= 0) return 0;
  if (inclusive) return amount - Math.round(amount / (1 + percentage / 100));
  return Math.round((amount * percentage) / 100);
}

/** A deterministic TaxRate object per jurisdiction and inclusiveness, as Stripe Tax reports it. */
export function taxRateFor(j: Jurisdiction, inclusive: boolean, created: number): Stripe.TaxRate {
  const slug = `${j.key.replace("-", "")}${inclusive ? "I" : "E"}`;
  return {
    id: `txr_1Emu${slug}${"0".repeat(Math.max(0, 20 - slug.length))}`,
    object: "tax_rate",
    active: true,
    country: j.country,
    created,
    description: null,
    display_name: j.displayName,
    effective_percentage: j.percentage,
    flat_amount: null,
    inclusive,
    jurisdiction: j.name,
    jurisdiction_level: j.level,
    livemode: false,
    metadata: null,
    percentage: j.percentage,
    rate_type: "percentage",
    state: j.state,
    tax_type: j.taxType,
  } satisfies Stripe.TaxRate;
}
