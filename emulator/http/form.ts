// Stripe's wire format: application/x-www-form-urlencoded with bracket nesting
// (`line_items[0][price_data][currency]=usd`). Parsed here by hand so the emulator
// has no dependency that could decode it differently from Stripe.

export type ParamValue = string | ParamValue[] | ParamObject;
export interface ParamObject {
  [key: string]: ParamValue;
}

/** Keys under these names are free-form maps, never arrays, even when numeric. */
const MAP_KEYS = new Set(["metadata"]);

function splitKey(raw: string): string[] {
  const first = raw.indexOf("[");
  if (first <= 0) return [raw];
  const parts = [raw.slice(0, first)];
  const re = /\[([^\]]*)\]/g;
  const rest = raw.slice(first);
  let m: RegExpExecArray | null;
  let consumed = 0;
  while ((m = re.exec(rest)) !== null) {
    if (m.index !== consumed) break;
    parts.push(m[1] ?? "");
    consumed = m.index + m[0].length;
  }
  // Trailing garbage such as `a[b]c` is kept as part of the last key, like Stripe does not.
  if (consumed !== rest.length) return [raw];
  return parts;
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, " "));
  } catch {
    return s;
  }
}

function assign(
  target: ParamObject | ParamValue[],
  path: string[],
  value: string,
  parentKey: string,
): void {
  const [head, ...rest] = path;
  if (head === undefined) return;
  if (Array.isArray(target)) {
    const index = head === "" ? target.length : Number(head);
    if (!Number.isInteger(index) || index < 0 || index > 10_000) return;
    if (rest.length === 0) {
      target[index] = value;
      return;
    }
    let child = target[index];
    if (child === undefined || typeof child === "string") {
      child = isIndex(rest[0]) && !MAP_KEYS.has(parentKey) ? [] : {};
      target[index] = child;
    }
    assign(child, rest, value, parentKey);
    return;
  }
  if (rest.length === 0) {
    target[head] = value;
    return;
  }
  let child = target[head];
  if (child === undefined || typeof child === "string") {
    child = isIndex(rest[0]) && !MAP_KEYS.has(head) ? [] : {};
    target[head] = child;
  }
  assign(child, rest, value, head);
}

function isIndex(key: string | undefined): boolean {
  return key !== undefined && (key === "" || /^\d+$/.test(key));
}

/** Sparse arrays (`a[1]` without `a[0]`) are compacted, as Stripe does. */
function compact(value: ParamValue): ParamValue {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return value.filter((v) => v !== undefined).map(compact);
  const out: ParamObject = {};
  for (const [k, v] of Object.entries(value)) out[k] = compact(v);
  return out;
}

export function parseForm(body: string): ParamObject {
  const root: ParamObject = {};
  if (!body) return root;
  for (const pair of body.split("&")) {
    if (!pair) continue;
    const eq = pair.indexOf("=");
    const rawKey = decode(eq === -1 ? pair : pair.slice(0, eq));
    const value = eq === -1 ? "" : decode(pair.slice(eq + 1));
    if (!rawKey) continue;
    assign(root, splitKey(rawKey), value, "");
  }
  return compact(root) as ParamObject;
}

/** JSON bodies (control API only) are turned into the same string-leaf shape. */
export function fromJson(value: unknown): ParamValue {
  if (value === null || value === undefined) return "";
  if (Array.isArray(value)) return value.map(fromJson);
  if (typeof value === "object") {
    const out: ParamObject = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = fromJson(v);
    return out;
  }
  return String(value);
}

export function parseBody(contentType: string | undefined, body: string): ParamObject {
  if (contentType?.includes("application/json")) {
    if (!body.trim()) return {};
    const parsed = fromJson(JSON.parse(body) as unknown);
    return typeof parsed === "object" && !Array.isArray(parsed) ? parsed : {};
  }
  return parseForm(body);
}
