/**
 * Money is an integer amount in the currency's minor unit plus the currency code. This module
 * is the one place that converts between what people type or read and minor units.
 */

// Stripe's zero-decimal currencies (amounts are already in the major unit).
const ZERO_DECIMAL = new Set([
  "BIF",
  "CLP",
  "DJF",
  "GNF",
  "JPY",
  "KMF",
  "KRW",
  "MGA",
  "PYG",
  "RWF",
  "UGX",
  "VND",
  "VUV",
  "XAF",
  "XOF",
  "XPF",
]);
// Three-decimal currencies Stripe supports.
const THREE_DECIMAL = new Set(["BHD", "JOD", "KWD", "OMR", "TND"]);

export const MAX_AMOUNT_MINOR = 99_999_999; // Stripe's per-charge ceiling in minor units

export function currencyExponent(currency: string) {
  const c = currency.toUpperCase();
  if (ZERO_DECIMAL.has(c)) return 0;
  if (THREE_DECIMAL.has(c)) return 3;
  return 2;
}

export type ParseMoneyResult = { ok: true; minor: number } | { ok: false; error: string };

/**
 * Parses what a merchant typed ("12", "12.5", "1,299.00", "12.50 ") into minor units.
 * Rejects negatives, too many decimals for the currency, and amounts above Stripe's limit.
 */
export function parseMoney(input: string, currency: string): ParseMoneyResult {
  const exponent = currencyExponent(currency);
  const text = input.trim().replace(/[\s,_]/g, "");
  if (text === "") return { ok: false, error: "Enter an amount." };
  if (text.startsWith("-")) return { ok: false, error: "The amount cannot be negative." };
  const match = /^(\d+)(?:\.(\d*))?$/.exec(text);
  if (!match) return { ok: false, error: "Enter a number, like 12.50." };
  const whole = match[1] ?? "0";
  const fraction = match[2] ?? "";
  if (fraction.length > exponent) {
    return {
      ok: false,
      error:
        exponent === 0
          ? `${currency.toUpperCase()} has no decimal places.`
          : `Use at most ${exponent} decimal places.`,
    };
  }
  const minor = Number(whole) * 10 ** exponent + Number(fraction.padEnd(exponent, "0") || "0");
  if (!Number.isSafeInteger(minor) || minor > MAX_AMOUNT_MINOR) {
    return { ok: false, error: "That amount is too large." };
  }
  return { ok: true, minor };
}

/** Minor units → the plain decimal string a form field shows ("1250" USD → "12.50"). */
export function minorToDecimalString(minor: number, currency: string) {
  const exponent = currencyExponent(currency);
  if (exponent === 0) return String(minor);
  const sign = minor < 0 ? "-" : "";
  const abs = Math.abs(minor);
  const base = 10 ** exponent;
  return `${sign}${Math.floor(abs / base)}.${String(abs % base).padStart(exponent, "0")}`;
}

const formatters = new Map<string, Intl.NumberFormat>();

/** Minor units → a localised price ("$12.50", "¥1,200", "12,50 €" for locale fr). */
export function formatMoney(minor: number, currency: string, locale = "en-US") {
  const c = currency.toUpperCase();
  const key = `${locale}:${c}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    const exponent = currencyExponent(c);
    formatter = new Intl.NumberFormat(locale, {
      style: "currency",
      currency: c,
      minimumFractionDigits: exponent,
      maximumFractionDigits: exponent,
    });
    formatters.set(key, formatter);
  }
  return formatter.format(minor / 10 ** currencyExponent(c));
}
