// Samples of valid requests, drawn from the SDK's parameter types: every leaf parameter of an
// operation (`line_items[0][price_data][currency]`, `metadata[key]`, …) with a value its type
// allows — each value of an enum, `true` for booleans, a plausible string or number otherwise,
// and "" (unset) where the type is Emptyable.

import { readFileSync } from "node:fs";

type Schema = {
  $ref?: string;
  type?: string | string[];
  enum?: string[];
  const?: string;
  anyOf?: Schema[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  not?: Schema;
};

const file = JSON.parse(
  readFileSync(new URL("../generated/params.schema.json", import.meta.url), "utf8"),
) as { roots: Record<string, string>; definitions: Record<string, Schema> };

function resolve(schema: Schema): Schema {
  let s = schema;
  for (let i = 0; s.$ref && i < 20; i++)
    s = file.definitions[decodeURIComponent(s.$ref.slice("#/definitions/".length))] ?? {};
  return s;
}

export interface Sample {
  /** The parameter, e.g. `payment_intent_data[metadata][key]`. */
  param: string;
  /** Path segments to set (array indices as numbers). */
  path: (string | number)[];
  value: string;
  /** `param=value` for enum values and unsets; the parameter otherwise. */
  label: string;
  /** Required siblings along the way, so the request is valid: [path, value]. */
  fills: [(string | number)[], string][];
}

export type ValueFor = (name: string, path: (string | number)[], kind: string) => string;

const label = (path: (string | number)[]) =>
  path.map((p, i) => (i === 0 ? String(p) : `[${p}]`)).join("");

function types(s: Schema): string[] {
  if (s.type === undefined) return s.enum || s.const !== undefined ? ["string"] : [];
  return Array.isArray(s.type) ? s.type : [s.type];
}

/** The smallest valid value of `schema` at `path`, as [path, value] entries. */
function minimal(
  schema: Schema,
  path: (string | number)[],
  valueFor: ValueFor,
  depth = 0,
): [(string | number)[], string][] {
  if (depth > 12) return [];
  const s = resolve(schema);
  if (s.anyOf) {
    const branch = s.anyOf.find((b) => {
      const r = resolve(b);
      return r.const !== "" && types(r).join() !== "null" && !r.not;
    });
    return branch ? minimal(branch, path, valueFor, depth) : [];
  }
  const kind = types(s).find((t) => t !== "null");
  const name = String([...path].reverse().find((p) => typeof p === "string") ?? "");
  switch (kind) {
    case "object": {
      // No member required: any one member makes the object present.
      const keys = s.required?.length ? s.required : Object.keys(s.properties ?? {}).slice(0, 1);
      return keys.flatMap((key) =>
        minimal(s.properties?.[key] ?? {}, [...path, key], valueFor, depth + 1),
      );
    }
    case "array":
      return minimal(s.items ?? {}, [...path, 0], valueFor, depth + 1);
    case "string":
      return [[path, String(s.enum?.[0] ?? s.const ?? valueFor(name, path, "string"))]];
    case "boolean":
      return [[path, "true"]];
    case "number":
    case "integer":
      return [[path, valueFor(name, path, "number")]];
    default:
      return [];
  }
}

/** Every leaf parameter of the SDK type `typeName`, with sample values. */
export function samplesFor(typeName: string, valueFor: ValueFor, skip: string[] = []): Sample[] {
  const root = file.roots[typeName];
  if (!root) throw new Error(`no parameter schema for ${typeName}`);
  const out: Sample[] = [];
  type Fills = Sample["fills"];
  const push = (path: (string | number)[], value: string, variant: boolean, fills: Fills) => {
    const param = label(path);
    out.push({
      param,
      path,
      value,
      label: variant ? `${param}=${value || '""'}` : param,
      fills: fills.filter(([p]) => label(p) !== param),
    });
  };
  const walk = (schema: Schema, path: (string | number)[], depth: number, fills: Fills) => {
    if (depth > 12) return;
    const s = resolve(schema);
    if (s.not) return;
    if (s.anyOf) {
      const emptyable = s.anyOf.some((b) => resolve(b).const === "");
      for (const branch of s.anyOf) {
        const b = resolve(branch);
        if (b.const === "" || types(b).join() === "null") continue;
        walk(branch, path, depth, fills);
      }
      if (emptyable && path.length > 0) push(path, "", true, fills);
      return;
    }
    const kinds = types(s);
    if (kinds.length > 1) {
      for (const type of kinds) if (type !== "null") walk({ ...s, type }, path, depth, fills);
      return;
    }
    const name = String([...path].reverse().find((p) => typeof p === "string") ?? "");
    switch (kinds[0]) {
      case "object": {
        const props = Object.entries(s.properties ?? {});
        // The object's other required members, so that setting one member is a valid request.
        const required = (key: string) =>
          path.length === 0
            ? []
            : (s.required ?? [])
                .filter((r) => r !== key)
                .flatMap((r) =>
                  minimal(s.properties?.[r] ?? {}, [...path, r], valueFor, depth + 1),
                );
        for (const [key, child] of props) {
          if (path.length === 0 && skip.includes(key)) continue;
          walk(child, [...path, key], depth + 1, [...fills, ...required(key)]);
        }
        if (
          props.length === 0 &&
          s.additionalProperties &&
          typeof s.additionalProperties === "object"
        )
          // Maps keyed by currency (`currency_options`) need a currency as their key.
          walk(
            s.additionalProperties,
            [...path, name === "currency_options" ? "eur" : "sample_key"],
            depth + 1,
            fills,
          );
        return;
      }
      case "array":
        walk(s.items ?? {}, [...path, 0], depth + 1, fills);
        return;
      case "string": {
        const values = s.enum ?? (s.const !== undefined ? [s.const] : null);
        if (values && values.length > 1) for (const v of values) push(path, String(v), true, fills);
        else
          push(
            path,
            values?.[0] !== undefined ? String(values[0]) : valueFor(name, path, "string"),
            false,
            fills,
          );
        return;
      }
      case "boolean":
        push(path, "true", false, fills);
        return;
      case "number":
      case "integer":
        push(path, valueFor(name, path, "number"), false, fills);
        return;
      default:
        return;
    }
  };
  walk({ $ref: `#/definitions/${root}` }, [], 0, []);
  return out;
}

/** Form encoding as the SDK does it (brackets, indexed arrays), for GET query strings. */
export function encodeQuery(params: Record<string, unknown>): string {
  const parts: string[] = [];
  const walk = (value: unknown, key: string) => {
    if (value === undefined) return;
    if (value === null) parts.push(`${encodeURIComponent(key)}=`);
    else if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${key}[${i}]`));
    else if (typeof value === "object")
      for (const [k, v] of Object.entries(value)) walk(v, key ? `${key}[${k}]` : k);
    else parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
  };
  walk(params, "");
  return parts.join("&");
}

/** Deep-copies `base` and sets `value` at `path` (numbers index arrays). */
export function withParam(
  base: Record<string, unknown>,
  path: (string | number)[],
  value: unknown,
): Record<string, unknown> {
  const copy = structuredClone(base);
  let target: Record<string | number, unknown> = copy;
  path.forEach((key, i) => {
    if (i === path.length - 1) {
      target[key] = value;
      return;
    }
    const next = path[i + 1];
    const existing = target[key];
    if (existing === undefined || existing === null || typeof existing !== "object")
      target[key] = typeof next === "number" ? [] : {};
    target = target[key] as Record<string | number, unknown>;
  });
  return copy;
}

/** The countries `tax.registrations.create` takes options for (`country_options[xx]`). */
export function countryOptionKeys(): string[] {
  const root = file.roots["Tax.RegistrationCreateParams"];
  const params = root ? resolve({ $ref: `#/definitions/${root}` }) : {};
  const options = resolve(params.properties?.country_options ?? {});
  return Object.keys(options.properties ?? {});
}
