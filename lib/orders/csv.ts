/**
 * CSV writing (RFC 4180): fields with commas, quotes or line breaks are quoted, quotes doubled.
 * Text that a spreadsheet would run as a formula (starting with = + - @, tab or carriage return)
 * is prefixed with an apostrophe so an e-mail address or a name can never become a formula.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  let text = value;
  if (FORMULA_START.test(text)) text = `'${text}`;
  if (/[",\r\n]/.test(text)) text = `"${text.replace(/"/g, '""')}"`;
  return text;
}

export function csvRow(values: (string | number | null | undefined)[]) {
  return values.map(csvField).join(",");
}

export function toCsv(header: string[], rows: (string | number | null | undefined)[][]) {
  return [csvRow(header), ...rows.map(csvRow)].join("\r\n") + "\r\n";
}
