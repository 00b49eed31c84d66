/** Basis points → the percentage string a form shows (530 → "5.3", 500 → "5"). */
export function bpsToPercentString(bps: number | null | undefined) {
  if (bps == null) return "";
  return (bps / 100).toFixed(2).replace(/\.?0+$/, "");
}

export function minorToString(v: number | null | undefined) {
  return v == null ? "" : String(v);
}
