// Stripe's wire format: application/x-www-form-urlencoded with bracket nesting
// (`line_items[0][price_data][currency]=usd`). Parsed here by hand so the emulator
// has no dependency that could decode it differently from Stripe.

import { unknownParam } from "./errors";

export type ParamValue = string | ParamValue[] | ParamObject;
export interface ParamObject {
  [key: string]: ParamValue;
}

/**
 * Keys that would reach or replace an object's prototype. No Stripe parameter has these names,
 * so a request using one (`metadata[__proto__][x]=1`) is refused like any unknown parameter,
 * before anything is assigned. Every object the parser builds also has a null prototype.
 */
const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/** A plain map with no prototype: no inherited members, nothing to pollute. */
export function emptyParams(): ParamObject {
  return Object.create(null) as ParamObject;
}

/** No Stripe parameter nests deeper than this; deeper keys are refused before any recursion. */
const MAX_DEPTH = 32;

function checkKey(parts: string[], raw: string): void {
  if (parts.some((part) => FORBIDDEN_KEYS.has(part)) || parts.length > MAX_DEPTH)
    throw unknownParam(raw.length > 200 ? `${raw.slice(0, 200)}…` : raw);
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
      child = isIndex(rest[0]) && !MAP_KEYS.has(parentKey) ? [] : emptyParams();
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
    child = isIndex(rest[0]) && !MAP_KEYS.has(head) ? [] : emptyParams();
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
  const out = emptyParams();
  for (const [k, v] of Object.entries(value)) out[k] = compact(v);
  return out;
}

export function parseForm(body: string): ParamObject {
  const root = emptyParams();
  if (!body) return root;
  for (const pair of body.split("&")) {
    if (!pair) continue;
    const eq = pair.indexOf("=");
    const rawKey = decode(eq === -1 ? pair : pair.slice(0, eq));
    const value = eq === -1 ? "" : decode(pair.slice(eq + 1));
    if (!rawKey) continue;
    const parts = splitKey(rawKey);
    checkKey(parts, rawKey);
    assign(root, parts, value, "");
  }
  return compact(root) as ParamObject;
}

/** JSON bodies (control API only) are turned into the same string-leaf shape. */
export function fromJson(value: unknown, path: string[] = []): ParamValue {
  if (value === null || value === undefined) return "";
  if (path.length > MAX_DEPTH) checkKey(path, path.slice(0, 3).join("."));
  if (Array.isArray(value)) return value.map((v, i) => fromJson(v, [...path, String(i)]));
  if (typeof value === "object") {
    const out = emptyParams();
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      const at = [...path, k];
      checkKey(at, at.map((p, i) => (i === 0 ? p : `[${p}]`)).join(""));
      out[k] = fromJson(v, at);
    }
    return out;
  }
  return String(value);
}

export function parseBody(contentType: string | undefined, body: string): ParamObject {
  if (contentType?.includes("application/json")) {
    if (!body.trim()) return emptyParams();
    const parsed = fromJson(JSON.parse(body) as unknown);
    return typeof parsed === "object" && !Array.isArray(parsed) ? parsed : emptyParams();
  }
  return parseForm(body);
}
