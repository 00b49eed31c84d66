// Per-endpoint allow-lists and typed readers for request parameters. Stripe rejects any
// parameter it does not know with `parameter_unknown`; so does the emulator, nested keys included.

import { invalidRequest, invalidValue, missingParam, unknownParam } from "./errors";
import type { ParamObject, ParamValue } from "./form";

/**
 * "s": a scalar. "map": free-form string map (metadata). `[spec]`: a list of spec.
 * An object: nested keys allowed by name. "any": accepted without checks.
 */
export type Spec = "s" | "map" | "any" | Spec[] | { [key: string]: Spec };

const ALWAYS_ALLOWED: Record<string, Spec> = { expand: ["s"] };

function label(path: string[]): string {
  const [head, ...rest] = path;
  return `${head ?? ""}${rest.map((p) => `[${p}]`).join("")}`;
}

function check(value: ParamValue, spec: Spec, path: string[]): void {
  if (spec === "any") return;
  if (spec === "s") {
    if (typeof value !== "string")
      throw invalidRequest(
        `Invalid value for ${label(path)}: expected a string.`,
        label(path),
        "parameter_invalid_string",
      );
    return;
  }
  if (spec === "map") {
    // An empty string unsets the whole map, as in Stripe.
    if (typeof value === "string") {
      if (value !== "")
        throw invalidRequest(`Invalid object`, label(path), "parameter_invalid_empty");
      return;
    }
    const entries = Array.isArray(value)
      ? value.map((v, i) => [String(i), v] as const)
      : Object.entries(value);
    if (entries.length > 50)
      throw invalidRequest("Metadata can have at most 50 keys.", label(path));
    for (const [k, v] of entries) {
      if (typeof v !== "string")
        throw invalidRequest(
          `Invalid value for ${label([...path, k])}: metadata values must be strings.`,
          label([...path, k]),
        );
      if (k.length > 40)
        throw invalidRequest(
          `Metadata keys can be at most 40 characters long (${k}).`,
          label([...path, k]),
        );
      if (v.length > 500)
        throw invalidRequest(
          `Metadata values can be at most 500 characters long (${k}).`,
          label([...path, k]),
        );
    }
    return;
  }
  if (Array.isArray(spec)) {
    const item = spec[0] ?? "any";
    if (typeof value === "string") {
      if (value === "") return;
      throw invalidRequest(`Invalid array`, label(path), "parameter_invalid_empty");
    }
    const list = Array.isArray(value) ? value : Object.values(value);
    list.forEach((v, i) => check(v, item, [...path, String(i)]));
    return;
  }
  if (typeof value === "string") {
    if (value === "") return;
    throw invalidRequest(`Invalid object`, label(path), "parameter_invalid_empty");
  }
  if (Array.isArray(value))
    throw invalidRequest(`Invalid object`, label(path), "parameter_invalid_empty");
  for (const [k, v] of Object.entries(value)) {
    const child = spec[k];
    if (child === undefined) throw unknownParam(label([...path, k]));
    check(v, child, [...path, k]);
  }
}

/** Throws `parameter_unknown` (with `param`) for anything outside the allow-list. */
export function validateParams(params: ParamObject, spec: Record<string, Spec>): void {
  for (const [k, v] of Object.entries(params)) {
    const child = spec[k] ?? ALWAYS_ALLOWED[k];
    if (child === undefined) throw unknownParam(k);
    check(v, child, [k]);
  }
}

/** Typed access to a parsed parameter object, with Stripe's error messages. */
export class Params {
  constructor(
    readonly raw: ParamObject,
    private readonly prefix: string[] = [],
  ) {}

  private name(key: string): string {
    return label([...this.prefix, key]);
  }

  has(key: string): boolean {
    return this.raw[key] !== undefined;
  }

  str(key: string): string | undefined {
    const v = this.raw[key];
    if (v === undefined) return undefined;
    if (typeof v !== "string")
      throw invalidRequest(
        `Invalid string: ${this.name(key)}`,
        this.name(key),
        "parameter_invalid_string",
      );
    return v;
  }

  reqStr(key: string): string {
    const v = this.str(key);
    if (v === undefined || v === "") throw missingParam(this.name(key));
    return v;
  }

  oneOf<T extends string>(key: string, allowed: readonly T[]): T | undefined {
    const v = this.str(key);
    if (v === undefined) return undefined;
    if (!(allowed as readonly string[]).includes(v)) {
      throw invalidValue(
        this.name(key),
        `Invalid ${this.name(key)}: must be one of ${allowed.join(", ")}`,
        "parameter_invalid_string",
      );
    }
    return v as T;
  }

  int(key: string): number | undefined {
    const v = this.str(key);
    if (v === undefined || v === "") return undefined;
    if (!/^-?\d+$/.test(v))
      throw invalidValue(this.name(key), `Invalid integer: ${v}`, "parameter_invalid_integer");
    return Number(v);
  }

  reqInt(key: string): number {
    const v = this.int(key);
    if (v === undefined) throw missingParam(this.name(key));
    return v;
  }

  bool(key: string): boolean | undefined {
    const v = this.str(key);
    if (v === undefined || v === "") return undefined;
    if (v === "true") return true;
    if (v === "false") return false;
    throw invalidValue(this.name(key), `Invalid boolean: ${v}`, "parameter_invalid_boolean");
  }

  obj(key: string): Params | undefined {
    const v = this.raw[key];
    if (v === undefined || v === "") return undefined;
    if (typeof v === "string" || Array.isArray(v))
      throw invalidRequest("Invalid object", this.name(key), "parameter_invalid_empty");
    return new Params(v, [...this.prefix, key]);
  }

  list(key: string): Params[] {
    const v = this.raw[key];
    if (v === undefined || v === "") return [];
    const items = Array.isArray(v) ? v : typeof v === "object" ? Object.values(v) : null;
    if (!items) throw invalidRequest("Invalid array", this.name(key), "parameter_invalid_empty");
    return items.map((item, i) => {
      if (typeof item !== "object" || Array.isArray(item))
        throw invalidRequest("Invalid object", this.name(`${key}][${i}`));
      return new Params(item, [...this.prefix, key, String(i)]);
    });
  }

  strings(key: string): string[] {
    const v = this.raw[key];
    if (v === undefined || v === "") return [];
    if (typeof v === "string") return [v];
    const items = Array.isArray(v) ? v : Object.values(v);
    return items.filter((x): x is string => typeof x === "string");
  }

  /** metadata-like map; "" means "unset everything" and is returned as null. */
  map(key: string): Record<string, string> | null | undefined {
    const v = this.raw[key];
    if (v === undefined) return undefined;
    if (v === "") return null;
    if (typeof v === "string") throw invalidRequest("Invalid object", this.name(key));
    const out: Record<string, string> = {};
    const entries = Array.isArray(v) ? v.map((x, i) => [String(i), x] as const) : Object.entries(v);
    for (const [k, x] of entries) if (typeof x === "string") out[k] = x;
    return out;
  }
}

/** Stripe merges metadata on update: "" deletes one key, an empty map param clears all. */
export function mergeMetadata(
  current: Record<string, string>,
  update: Record<string, string> | null | undefined,
): Record<string, string> {
  if (update === undefined) return current;
  if (update === null) return {};
  const next = { ...current };
  for (const [k, v] of Object.entries(update)) {
    if (v === "") delete next[k];
    else next[k] = v;
  }
  return next;
}
