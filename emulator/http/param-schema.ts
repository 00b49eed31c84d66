// Request validation against the pinned SDK's parameter types. The schemas are generated from
// the `stripe` package's .d.ts (`npm run emulator:schemas`, committed under emulator/generated/),
// so the emulator accepts exactly the parameters the SDK can send for an operation it
// implements, and refuses anything else the way Stripe does: `parameter_unknown` with `param`,
// `parameter_missing`, `parameter_invalid_integer`, `parameter_invalid_empty`, and Stripe's
// code-less messages for bad booleans, enum values and objects. What a handler cannot honour it
// ignores (see emulator/README.md); nothing valid is refused here.

import { readFileSync } from "node:fs";
import { invalidRequest, missingParam, unknownParam, type ApiError } from "./errors";
import type { ParamObject, ParamValue } from "./form";

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
  pattern?: string;
  not?: Schema;
};

interface ParamsFile {
  meta: { stripe: string };
  roots: Record<string, string>;
  definitions: Record<string, Schema>;
}

let loaded: ParamsFile | null = null;
function file(): ParamsFile {
  loaded ??= JSON.parse(
    readFileSync(new URL("../generated/params.schema.json", import.meta.url), "utf8"),
  ) as ParamsFile;
  return loaded;
}

export function paramSchemaFor(typeName: string): Schema {
  const name = file().roots[typeName];
  const schema = name ? file().definitions[name] : undefined;
  if (!schema) throw new Error(`No generated parameter schema for Stripe.${typeName}`);
  return schema;
}

function resolve(schema: Schema): Schema {
  let s = schema;
  for (let i = 0; s.$ref && i < 20; i++) {
    const name = decodeURIComponent(s.$ref.slice("#/definitions/".length));
    const next = file().definitions[name];
    if (!next) throw new Error(`Unresolved $ref ${s.$ref}`);
    s = next;
  }
  return s;
}

const isMetadata = (schema: Schema) => schema.$ref === "#/definitions/MetadataParam";

function label(path: string[]): string {
  const [head, ...rest] = path;
  return `${head ?? ""}${rest.map((p) => `[${p}]`).join("")}`;
}

function types(schema: Schema): string[] {
  if (schema.type === undefined) return [];
  return Array.isArray(schema.type) ? schema.type : [schema.type];
}

function emptyString(path: string[]): ApiError {
  const name = label(path);
  return invalidRequest(
    `You passed an empty string for '${name}'. We assume empty values are an attempt to unset a parameter; however '${name}' cannot be unset. You should remove '${name}' from your request or supply a non-empty value.`,
    name,
    "parameter_invalid_empty",
  );
}

function describeEnum(values: string[]): string {
  if (values.length <= 1) return values.join("");
  return `${values.slice(0, -1).join(", ")}, or ${values[values.length - 1]}`;
}

/** Stripe's metadata limits: 50 keys, keys up to 40 characters, values up to 500. */
function checkMetadata(value: ParamObject | ParamValue[], path: string[]): void {
  const entries = Array.isArray(value)
    ? value.map((v, i) => [String(i), v] as const)
    : Object.entries(value);
  if (entries.length > 50) throw invalidRequest("Metadata can have at most 50 keys.", label(path));
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
}

/** Returns null when `value` fits `schema`, else the error Stripe would give. */
function check(value: ParamValue, schema: Schema, path: string[]): ApiError | null {
  if (isMetadata(schema) && typeof value !== "string") {
    checkMetadata(value, path);
    return null;
  }
  const s = resolve(schema);
  if (s.not) return invalidRequest(`Invalid parameter: ${label(path)}`, label(path));
  if (s.anyOf) return checkUnion(value, s.anyOf, path);
  const kinds = types(s);
  if (kinds.length > 1)
    return checkUnion(
      value,
      kinds.map((type) => ({ ...s, type })),
      path,
    );
  const kind = kinds[0] ?? (s.enum || s.const !== undefined ? "string" : undefined);
  const name = label(path);
  switch (kind) {
    case undefined:
      return null;
    case "null":
      // The SDK sends null as an empty string (an unset).
      return value === "" ? null : invalidRequest(`Invalid ${name}`, name);
    case "string": {
      if (typeof value !== "string") return invalidRequest(`Invalid string: ${name}`, name);
      // Literal unions may mix booleans in (`boolean | 'one_off'`): on the wire all are strings.
      const allowed = (s.enum ?? (s.const !== undefined ? [s.const] : null))?.map(String) ?? null;
      if (allowed && !allowed.includes(value)) {
        if (value === "") return emptyString(path);
        return invalidRequest(`Invalid ${name}: must be one of ${describeEnum(allowed)}`, name);
      }
      if (s.pattern && value !== "" && !new RegExp(s.pattern).test(value))
        return invalidRequest(`Invalid decimal: ${value}`, name);
      return null;
    }
    case "number":
    case "integer":
      if (typeof value !== "string")
        return invalidRequest(`Invalid integer: ${name}`, name, "parameter_invalid_integer");
      if (value === "") return emptyString(path);
      if (!/^-?(\d+|\d*\.\d+)$/.test(value))
        return invalidRequest(`Invalid integer: ${value}`, name, "parameter_invalid_integer");
      return null;
    case "boolean":
      if (value === "") return emptyString(path);
      if (value !== "true" && value !== "false")
        return invalidRequest(`Invalid boolean: ${typeof value === "string" ? value : name}`, name);
      return null;
    case "array": {
      if (value === "") return emptyString(path);
      if (typeof value === "string") return invalidRequest(`Invalid array`, name);
      const items = Array.isArray(value)
        ? value
        : Object.keys(value).every((k) => /^\d+$/.test(k))
          ? Object.values(value)
          : null;
      if (!items) return invalidRequest(`Invalid array`, name);
      for (let i = 0; i < items.length; i++) {
        const error = check(items[i]!, s.items ?? {}, [...path, String(i)]);
        if (error) return error;
      }
      return null;
    }
    case "object": {
      if (value === "") return emptyString(path);
      if (typeof value === "string" || Array.isArray(value))
        return invalidRequest(`Invalid object`, name);
      return checkObject(value, s, path);
    }
    default:
      return null;
  }
}

function checkObject(value: ParamObject, s: Schema, path: string[]): ApiError | null {
  for (const [key, v] of Object.entries(value)) {
    const child = s.properties?.[key];
    if (child) {
      const error = check(v, child, [...path, key]);
      if (error) return error;
    } else if (s.additionalProperties && typeof s.additionalProperties === "object") {
      const error = check(v, s.additionalProperties, [...path, key]);
      if (error) return error;
    } else if (s.additionalProperties !== true) {
      return unknownParam(label([...path, key]));
    }
  }
  for (const key of s.required ?? []) {
    if (value[key] === undefined) return missingParam(label([...path, key]));
  }
  return null;
}

/** The value fits one branch; if none, the error of the branch of the value's own shape. */
function checkUnion(value: ParamValue, branches: Schema[], path: string[]): ApiError | null {
  const errors: { error: ApiError; shape: boolean }[] = [];
  for (const branch of branches) {
    const error = check(value, branch, path);
    if (!error) return null;
    const kinds = types(resolve(branch));
    const shape =
      typeof value === "string"
        ? !kinds.includes("object") && !kinds.includes("array")
        : Array.isArray(value)
          ? kinds.includes("array")
          : kinds.includes("object") || kinds.includes("array");
    errors.push({ error, shape });
  }
  // A structural error (unknown or missing nested parameter) says most about what went wrong.
  const preferred =
    errors.find((e) => e.shape && e.error.fields.code === "parameter_unknown") ??
    errors.find((e) => e.shape && e.error.fields.code === "parameter_missing") ??
    errors.find((e) => e.shape) ??
    errors[0];
  return preferred?.error ?? null;
}

/** Throws what Stripe would answer for parameters its SDK type `typeName` does not allow. */
export function validateRequest(params: ParamObject, typeName: string): void {
  const error = checkObject(params, paramSchemaFor(typeName), []);
  if (error) throw error;
}
