// Typed readers for request parameters (which parameters exist is checked before, against the
// SDK's types: see param-schema.ts). Every read is recorded, so the emulator can tell which
// of the parameters a request sent it honoured and which it ignored.

import { invalidRequest, invalidValue, missingParam } from "./errors";
import type { ParamObject, ParamValue } from "./form";

function label(path: string[]): string {
  const [head, ...rest] = path;
  return `${head ?? ""}${rest.map((p) => `[${p}]`).join("")}`;
}

/**
 * The parameter paths a handler read, with list indices as `*` (`line_items[*][quantity]`).
 * A parameter sent but never read (nor any parameter above it) was ignored.
 */
export type ReadLog = Set<string>;

const normalise = (path: string[]) => label(path.map((p) => (/^\d+$/.test(p) ? "*" : p)));

/** Typed access to a parsed parameter object, with Stripe's error messages. */
export class Params {
  constructor(
    readonly raw: ParamObject,
    private readonly prefix: string[] = [],
    private readonly reads: ReadLog | null = null,
  ) {}

  private name(key: string): string {
    return label([...this.prefix, key]);
  }

  private read(key: string): ParamValue | undefined {
    this.reads?.add(normalise([...this.prefix, key]));
    return this.raw[key];
  }

  /** Marks a parameter as honoured when a handler reads it through `raw`. */
  honour(key: string): void {
    this.read(key);
  }

  has(key: string): boolean {
    return this.read(key) !== undefined;
  }

  str(key: string): string | undefined {
    const v = this.read(key);
    if (v === undefined) return undefined;
    if (typeof v !== "string")
      throw invalidRequest(`Invalid string: ${this.name(key)}`, this.name(key));
    return v;
  }

  reqStr(key: string): string {
    const v = this.str(key);
    if (v === undefined || v === "") throw missingParam(this.name(key));
    return v;
  }

  /** An enum value; Stripe's message for another value carries no error code. */
  oneOf<T extends string>(key: string, allowed: readonly T[]): T | undefined {
    const v = this.str(key);
    if (v === undefined) return undefined;
    if (!(allowed as readonly string[]).includes(v)) {
      throw invalidRequest(
        `Invalid ${this.name(key)}: must be one of ${allowed.join(", ")}`,
        this.name(key),
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
    throw invalidRequest(`Invalid boolean: ${v}`, this.name(key));
  }

  /** Opens a nested object; its members count as read only when read themselves. */
  obj(key: string): Params | undefined {
    const v = this.raw[key];
    if (v === "") this.honour(key);
    if (v === undefined || v === "") return undefined;
    if (typeof v === "string" || Array.isArray(v))
      throw invalidRequest("Invalid object", this.name(key));
    return new Params(v, [...this.prefix, key], this.reads);
  }

  list(key: string): Params[] {
    const v = this.raw[key];
    if (v === "") this.honour(key);
    if (v === undefined || v === "") return [];
    const items = Array.isArray(v) ? v : typeof v === "object" ? Object.values(v) : null;
    if (!items) throw invalidRequest("Invalid array", this.name(key));
    return items.map((item, i) => {
      if (typeof item !== "object" || Array.isArray(item))
        throw invalidRequest("Invalid object", label([...this.prefix, key, String(i)]));
      return new Params(item, [...this.prefix, key, String(i)], this.reads);
    });
  }

  strings(key: string): string[] {
    const v = this.read(key);
    if (v === undefined || v === "") return [];
    if (typeof v === "string") return [v];
    const items = Array.isArray(v) ? v : Object.values(v);
    return items.filter((x): x is string => typeof x === "string");
  }

  /** metadata-like map; "" means "unset everything" and is returned as null. */
  map(key: string): Record<string, string> | null | undefined {
    const v = this.read(key);
    if (v === undefined) return undefined;
    if (v === "") return null;
    if (typeof v === "string") throw invalidRequest("Invalid object", this.name(key));
    const out: Record<string, string> = {};
    const entries = Array.isArray(v) ? v.map((x, i) => [String(i), x] as const) : Object.entries(v);
    for (const [k, x] of entries) if (typeof x === "string") out[k] = x;
    return out;
  }
}

/** The leaf parameters of a request that no handler read (nor any parameter above them). */
export function ignoredParams(params: ParamObject, reads: ReadLog): string[] {
  const out: string[] = [];
  const walk = (value: ParamValue, path: string[]) => {
    if (path.length > 0 && reads.has(normalise(path))) return;
    if (typeof value === "string") {
      out.push(normalise(path));
      return;
    }
    const entries = Array.isArray(value)
      ? value.map((v, i) => [String(i), v] as const)
      : Object.entries(value);
    if (entries.length === 0) out.push(normalise(path));
    for (const [k, v] of entries) walk(v, [...path, k]);
  };
  walk(params, []);
  return [...new Set(out)].sort();
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
