// `npm run emulator:schemas`: JSON schemas for the Stripe objects and request parameters the
// emulator implements, generated from the installed `stripe` package's .d.ts with
// typescript-json-schema. Generation takes longer than the test budget allows, so the output
// is committed (emulator/generated/) and `npm run emulator:schemas -- --check` (run by the
// emulator test layer) fails when it no longer matches the installed SDK.
//
//   params.schema.json   request parameters per operation; the emulator validates requests with it
//   objects.schema.json  reply objects, webhook events and error codes; the contract tests use it

import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as TJS from "typescript-json-schema";
import { OPERATIONS } from "../emulator/operations";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const outDir = path.join(root, "emulator", "generated");
const stripeDir = path.join(root, "node_modules", "stripe");

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Schema = { [key: string]: Json };

/** What the generated files are derived from: regenerate when any of it changes. */
export function sourceFingerprint(): { stripe: string; generator: string; typesHash: string } {
  const hash = createHash("sha256");
  const esm = path.join(stripeDir, "esm");
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(".d.ts")) {
        hash.update(path.relative(esm, full));
        hash.update(readFileSync(full));
      }
    }
  };
  walk(esm);
  hash.update(readFileSync(path.join(root, "emulator", "operations.ts")));
  hash.update(readFileSync(fileURLToPath(import.meta.url)));
  const version = (dir: string) =>
    (JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as { version: string })
      .version;
  return {
    stripe: version(stripeDir),
    generator: `typescript-json-schema@${version(path.join(root, "node_modules", "typescript-json-schema"))}`,
    typesHash: hash.digest("hex").slice(0, 32),
  };
}

/** Event interfaces by event type, read from the SDK's own union (`type: 'x.y'`). */
function eventTypes(): Record<string, string> {
  const text = readFileSync(path.join(stripeDir, "esm", "resources", "Events.d.ts"), "utf8");
  const out: Record<string, string> = {};
  const re = /export interface (\w+Event) extends EventBase \{\s*type: '([^']+)';/g;
  for (let m = re.exec(text); m; m = re.exec(text)) out[m[2]!] = m[1]!;
  return out;
}

const alias = (typeName: string) => `Root_${typeName.replace(/\./g, "_")}`;

function generate(): { params: Schema; objects: Schema } {
  const paramTypes = [...new Set(Object.values(OPERATIONS).map((o) => o.params))];
  const replyTypes = [
    ...new Set([
      ...Object.values(OPERATIONS)
        .map((o) => o.returns)
        .filter((t) => t !== "Event"),
      "EventBase",
      "Dispute",
    ]),
  ];
  const events = eventTypes();
  const codeTypes = [
    "PaymentIntent.LastPaymentError.Code",
    "SetupIntent.LastSetupError.Code",
    "Invoice.LastFinalizationError.Code",
  ];
  const all = [...paramTypes, ...replyTypes, ...Object.values(events), ...codeTypes];

  const entry = path.join(root, "emulator", "generated", ".entry.ts");
  mkdirSync(outDir, { recursive: true });
  writeFileSync(
    entry,
    [
      'import type Stripe from "stripe";',
      'import type { RawErrorType } from "../../node_modules/stripe/esm/Types.js";',
      "export type Root_RawErrorType = RawErrorType;",
      ...all.map((t) => `export type ${alias(t)} = Stripe.${t};`),
      "",
    ].join("\n"),
  );
  try {
    const program = TJS.getProgramFromFiles(
      [entry],
      {
        strict: true,
        skipLibCheck: true,
        esModuleInterop: true,
        module: "esnext",
        moduleResolution: "bundler",
        target: "es2022",
      },
      root,
    );
    const generator = TJS.buildGenerator(program, {
      required: true,
      noExtraProps: true,
      ignoreErrors: true,
      titles: false,
      ref: true,
      aliasRef: false,
    });
    if (!generator) throw new Error("typescript-json-schema could not build a generator");
    const roots = [...all.map(alias), "Root_RawErrorType"];
    const schema = generator.getSchemaForSymbols(roots, true, true) as unknown as Schema;
    const definitions = clean(schema.definitions ?? {}) as Record<string, Schema>;

    const rootMap = (types: string[]) => Object.fromEntries(types.map((t) => [t, alias(t)]));
    const enumOf = (name: string): string[] => {
      const found = new Set<string>();
      const visit = (s: Json) => {
        if (!s || typeof s !== "object") return;
        if (Array.isArray(s)) return s.forEach(visit);
        if (Array.isArray(s.enum)) for (const v of s.enum) if (typeof v === "string") found.add(v);
        for (const key of ["anyOf", "oneOf"]) if (Array.isArray(s[key])) s[key].forEach(visit);
      };
      visit(definitions[name] ?? null);
      return [...found].sort();
    };
    const errorCodes = [...new Set(codeTypes.flatMap((t) => enumOf(alias(t))))].sort();
    const errorTypes = enumOf("Root_RawErrorType");
    for (const t of codeTypes) delete definitions[alias(t)];
    delete definitions.Root_RawErrorType;

    const meta = sourceFingerprint();
    const params = closure(definitions, paramTypes.map(alias));
    const objects = closure(definitions, [
      ...replyTypes.map(alias),
      ...Object.values(events).map(alias),
    ]);
    return {
      params: { meta, roots: rootMap(paramTypes), definitions: params },
      objects: {
        meta,
        roots: rootMap(replyTypes),
        events: Object.fromEntries(Object.entries(events).map(([type, i]) => [type, alias(i)])),
        errorCodes,
        errorTypes,
        definitions: objects,
      },
    };
  } finally {
    rmSync(entry, { force: true });
  }
}

/**
 * Makes the schemas say what the wire says:
 * - enums are strict: the SDK widens them with `OtherString` (any string) so that integrations
 *   survive new values, but the emulator may only send values the pinned SDK names;
 * - `Decimal` (an SDK class built from a JSON string) is a decimal string on the wire;
 * - `deleted?: void` (an empty anyOf) means the member is never present;
 * - descriptions are dropped (size).
 */
function clean(value: Json): Json {
  if (Array.isArray(value)) return value.map(clean);
  if (!value || typeof value !== "object") return value;
  if (value.$ref === "#/definitions/Decimal")
    return { type: "string", pattern: "^-?\\d+(\\.\\d+)?$" };
  const out: Schema = {};
  for (const [key, v] of Object.entries(value)) {
    if (key === "description" || key === "$schema") continue;
    // `properties` maps member names (one may well be called "description") to schemas.
    out[key] =
      key === "properties" && v && typeof v === "object" && !Array.isArray(v)
        ? Object.fromEntries(Object.entries(v).map(([name, s]) => [name, clean(s)]))
        : clean(v);
  }
  if (Array.isArray(out.anyOf)) {
    const kept = out.anyOf.filter(
      (s) =>
        !(
          s &&
          typeof s === "object" &&
          !Array.isArray(s) &&
          s.$ref === "#/definitions/OtherString"
        ),
    );
    if (kept.length === 0) return { not: {} };
    if (kept.length === 1 && Object.keys(out).length === 1) return kept[0]!;
    out.anyOf = kept;
  }
  return out;
}

/** The definitions reachable from `roots`, so each file carries only what it needs. */
function closure(definitions: Record<string, Schema>, roots: string[]): Record<string, Schema> {
  const out: Record<string, Schema> = {};
  const queue = [...roots];
  while (queue.length > 0) {
    const name = queue.pop()!;
    if (out[name] || !definitions[name]) continue;
    out[name] = definitions[name];
    const visit = (s: Json) => {
      if (!s || typeof s !== "object") return;
      if (Array.isArray(s)) return s.forEach(visit);
      if (typeof s.$ref === "string" && s.$ref.startsWith("#/definitions/"))
        queue.push(decodeURIComponent(s.$ref.slice("#/definitions/".length)));
      for (const v of Object.values(s)) visit(v);
    };
    visit(definitions[name]);
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

/** One definition per line: small diffs when the SDK changes, no formatter needed. */
function write(file: string, schema: Schema): void {
  const { definitions, ...head } = schema;
  const lines = Object.entries(definitions as Record<string, Json>).map(
    ([name, def]) => `    ${JSON.stringify(name)}: ${JSON.stringify(def)}`,
  );
  const headText = JSON.stringify(head, null, 2).slice(0, -2);
  writeFileSync(
    path.join(outDir, file),
    `${headText},\n  "definitions": {\n${lines.join(",\n")}\n  }\n}\n`,
  );
}

function check(): void {
  const expected = sourceFingerprint();
  for (const file of ["params.schema.json", "objects.schema.json"]) {
    let meta: unknown;
    try {
      meta = (JSON.parse(readFileSync(path.join(outDir, file), "utf8")) as { meta: unknown }).meta;
    } catch {
      meta = null;
    }
    if (JSON.stringify(meta) !== JSON.stringify(expected)) {
      console.error(
        `emulator/generated/${file} does not match the installed stripe SDK (${expected.stripe}) and emulator/operations.ts: run \`npm run emulator:schemas\` and commit the result.`,
      );
      process.exit(1);
    }
  }
  console.log(`Emulator schemas are up to date with stripe ${expected.stripe}.`);
}

if (process.argv.includes("--check")) {
  check();
} else {
  const started = Date.now();
  const { params, objects } = generate();
  write("params.schema.json", params);
  write("objects.schema.json", objects);
  const count = (s: Schema) => Object.keys(s.definitions as object).length;
  console.log(
    `Wrote emulator/generated/{params,objects}.schema.json (${count(params)} + ${count(objects)} definitions) in ${((Date.now() - started) / 1000).toFixed(1)}s.`,
  );
}
