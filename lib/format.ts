/**
 * The one place dates and money are formatted for people: every page, e-mail and export uses
 * these (UTC, en-US, so server and browser render the same text and hydration never differs).
 */
export { formatMoney, minorToDecimalString } from "./money";

const dateTimeFormat = new Intl.DateTimeFormat("en-US", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "UTC",
});
const dateFormat = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });
const longDateFormat = new Intl.DateTimeFormat("en-US", { dateStyle: "long", timeZone: "UTC" });

/** "Nov 30, 2026, 4:20 PM" (UTC). */
export function formatDateTime(value: Date | string | number) {
  return `${dateTimeFormat.format(new Date(value))} UTC`;
}

/** "Nov 30, 2026" (UTC). */
export function formatDate(value: Date | string | number) {
  return dateFormat.format(new Date(value));
}

/** "November 30, 2026" (UTC). */
export function formatLongDate(value: Date | string | number) {
  return longDateFormat.format(new Date(value));
}
