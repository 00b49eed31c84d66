// Currency facts and the fee arithmetic the emulator applies to every charge.

const ZERO_DECIMAL = new Set([
  "bif",
  "clp",
  "djf",
  "gnf",
  "jpy",
  "kmf",
  "krw",
  "mga",
  "pyg",
  "rwf",
  "ugx",
  "vnd",
  "vuv",
  "xaf",
  "xof",
  "xpf",
]);

/** Stripe's minimum charge amounts, in minor units (https://docs.stripe.com/currencies#minimum-and-maximum-charge-amounts). */
const MINIMUMS: Record<string, number> = {
  usd: 50,
  aud: 50,
  brl: 50,
  cad: 50,
  chf: 50,
  dkk: 250,
  eur: 50,
  gbp: 30,
  hkd: 400,
  inr: 50,
  jpy: 50,
  mxn: 1000,
  myr: 200,
  nok: 300,
  nzd: 50,
  pln: 200,
  ron: 200,
  sek: 300,
  sgd: 50,
  thb: 1000,
  huf: 17500,
  czk: 1500,
};

export const SUPPORTED_CURRENCIES = new Set([...Object.keys(MINIMUMS), ...ZERO_DECIMAL]);

export function isZeroDecimal(currency: string): boolean {
  return ZERO_DECIMAL.has(currency.toLowerCase());
}

export function minimumAmount(currency: string): number {
  return MINIMUMS[currency.toLowerCase()] ?? (isZeroDecimal(currency) ? 50 : 50);
}

/** "$0.50 usd" — the way Stripe names a minimum in its error messages. */
export function describeMinimum(currency: string): string {
  const min = minimumAmount(currency);
  const major = isZeroDecimal(currency) ? String(min) : (min / 100).toFixed(2);
  return `${currency.toLowerCase() === "usd" ? "$" : ""}${major} ${currency.toLowerCase()}`;
}

export function formatAmount(amount: number, currency: string): string {
  const major = isZeroDecimal(currency) ? amount : amount / 100;
  try {
    return new Intl.NumberFormat("en-US", {
      style: "currency",
      currency: currency.toUpperCase(),
    }).format(major);
  } catch {
    return `${major.toFixed(isZeroDecimal(currency) ? 0 : 2)} ${currency.toUpperCase()}`;
  }
}

/** Stripe's processing fee: percent of the amount, rounded, plus a fixed part in minor units. */
export function stripeFee(amount: number, percent: number, fixed: number): number {
  return Math.round((amount * percent) / 100) + fixed;
}

/** Share of a fee returned with a refund; the last refund returns whatever is left. */
export function proRata(
  total: number,
  part: number,
  whole: number,
  alreadyReturned: number,
  isFinal: boolean,
): number {
  const left = total - alreadyReturned;
  if (isFinal) return left;
  return Math.min(left, Math.round((total * part) / whole));
}
