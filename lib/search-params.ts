/**
 * One reader for query-string values (list filters, storefront search, CSV export): the first
 * value only, without NUL and other control characters (PostgreSQL refuses NUL in text) or
 * half surrogate pairs, trimmed and cut to a sane length. A hostile query string gets an
 * ordinary answer, never a 500. The proxy cleans page requests the same way (lib/query-clean).
 */
const UNWANTED =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export const MAX_QUERY_VALUE = 200;

export function cleanQueryValue(value: string, max = MAX_QUERY_VALUE) {
  return value.replace(UNWANTED, "").slice(0, max);
}

export function queryValue(
  value: string | string[] | null | undefined,
  max = MAX_QUERY_VALUE,
): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  if (typeof first !== "string") return undefined;
  return cleanQueryValue(first, max);
}
