// Every reply the contract tests receive is checked against the pinned SDK's types: JSON
// schemas generated from the `stripe` package's .d.ts (emulator/generated/objects.schema.json)
// and validated with ajv. The check sits in the SDK client's HTTP layer (conformingHttpClient),
// so each object is checked as it came off the wire, expanded or not; webhook events are
// checked by the harness's receiver. Error replies must have Stripe's error shape, an error
// `type` the SDK knows, a `code` from the SDK's list of error codes and a matching HTTP status.
// A violation fails the running test (see setup.ts); the counts feed `npm run emulator:fidelity`.

import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { Ajv, type ValidateFunction } from "ajv";
import Stripe from "stripe";
import { operationFor, type OperationId } from "../operations";

type Schema = Record<string, unknown>;
interface ObjectsFile {
  roots: Record<string, string>;
  events: Record<string, string>;
  errorCodes: string[];
  errorTypes: string[];
  definitions: Record<string, Schema>;
}

const file = JSON.parse(
  readFileSync(new URL("../generated/objects.schema.json", import.meta.url), "utf8"),
) as ObjectsFile;

/** Against real Stripe, fields newer than the pinned SDK are tolerated; the emulator gets none. */
const lenient = (process.env.STRIPE_CONTRACT_SECRET_KEY ?? "").startsWith("sk_test_");

function relax(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(relax);
  if (!value || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (k === "additionalProperties" && v === false) continue;
    out[k] = relax(v);
  }
  return out;
}

const ajv = new Ajv({ strict: false, allErrors: false, validateFormats: false });
ajv.addSchema(
  { $id: "stripe", definitions: lenient ? relax(file.definitions) : file.definitions },
  "stripe",
);
const compiled = new Map<string, ValidateFunction>();
function validator(definition: string): ValidateFunction {
  let fn = compiled.get(definition);
  if (!fn) {
    fn = ajv.compile({ $ref: `stripe#/definitions/${encodeURIComponent(definition)}` });
    compiled.set(definition, fn);
  }
  return fn;
}

export const ERROR_CODES: ReadonlySet<string> = new Set(file.errorCodes);
const API_ERROR_TYPES = new Set(
  [
    "api_error",
    "card_error",
    "idempotency_error",
    "invalid_request_error",
    "authentication_error",
    "rate_limit_error",
  ].filter((t) => file.errorTypes.includes(t)),
);
const OAUTH_ERRORS = new Set(
  [
    "invalid_grant",
    "invalid_client",
    "invalid_request",
    "invalid_scope",
    "unsupported_grant_type",
    "unsupported_response_type",
  ].filter((t) => file.errorTypes.includes(t)),
);
/** Members Stripe's error object may carry (StripeRawError, wire part only). */
const ERROR_MEMBERS = new Set([
  "type",
  "message",
  "code",
  "param",
  "doc_url",
  "decline_code",
  "advice_code",
  "charge",
  "network_advice_code",
  "network_decline_code",
  "payment_intent",
  "payment_method",
  "payment_method_type",
  "request_log_url",
  "setup_intent",
  "source",
  "user_message",
]);

export interface Violation {
  operation: string;
  what: string;
  problems: string[];
}

export interface OperationStats {
  replies: number;
  conforming: number;
  errors: number;
}

const stats = new Map<string, OperationStats>();
let violations: Violation[] = [];

function count(operation: string, ok: boolean, error: boolean): void {
  const s = stats.get(operation) ?? { replies: 0, conforming: 0, errors: 0 };
  s.replies++;
  if (ok) s.conforming++;
  if (error) s.errors++;
  stats.set(operation, s);
}

function describe(fn: ValidateFunction): string[] {
  return (fn.errors ?? [])
    .slice(0, 5)
    .map((e) => `${e.instancePath || "/"} ${e.message ?? ""} ${JSON.stringify(e.params)}`);
}

function checkAgainst(definition: string, value: unknown): string[] {
  const fn = validator(definition);
  return fn(value) ? [] : describe(fn);
}

/** An object, or an event (checked against its own event type's schema). */
function checkObject(type: string, value: unknown): string[] {
  if (type === "Event") return checkEventBody(value);
  const definition = file.roots[type];
  if (!definition) return [`no schema for Stripe.${type}`];
  return checkAgainst(definition, value);
}

function checkEventBody(value: unknown): string[] {
  const type = (value as { type?: unknown } | null)?.type;
  if (typeof type !== "string") return ["event without a type"];
  const definition = file.events[type];
  if (!definition) return [`event type ${type} is not in the SDK's Stripe.Event union`];
  return checkAgainst(definition, value).map((p) => `${type}: ${p}`);
}

function checkList(type: string, body: unknown): string[] {
  const list = body as { object?: unknown; data?: unknown; has_more?: unknown; url?: unknown };
  const problems: string[] = [];
  if (list?.object !== "list")
    problems.push(`/object is ${JSON.stringify(list?.object)}, not "list"`);
  if (typeof list?.has_more !== "boolean") problems.push("/has_more is not a boolean");
  if (typeof list?.url !== "string") problems.push("/url is not a string");
  const extra = Object.keys(list ?? {}).filter(
    (k) => !["object", "data", "has_more", "url"].includes(k),
  );
  if (extra.length > 0 && !lenient) problems.push(`unexpected list members ${extra.join(", ")}`);
  if (!Array.isArray(list?.data)) return [...problems, "/data is not an array"];
  list.data.forEach((item, i) => {
    for (const p of checkObject(type, item)) problems.push(`/data/${i}${p}`);
  });
  return problems;
}

const STATUS_FOR_TYPE: Record<string, number[]> = {
  authentication_error: [401],
  card_error: [402],
  rate_limit_error: [429],
  idempotency_error: [400, 409],
  invalid_request_error: [400, 403, 404, 409],
  api_error: [500, 502, 503, 504],
};

export function checkError(status: number, body: unknown): string[] {
  const error = (body as { error?: unknown } | null)?.error;
  if (!error || typeof error !== "object") return ["error reply without an `error` object"];
  const e = error as Record<string, unknown>;
  const problems: string[] = [];
  if (typeof e.type !== "string" || !API_ERROR_TYPES.has(e.type))
    problems.push(`error type ${JSON.stringify(e.type)} is not one the SDK knows`);
  else if (!STATUS_FOR_TYPE[e.type]?.includes(status))
    problems.push(`HTTP ${status} with error type ${e.type}`);
  if (typeof e.message !== "string" || e.message === "") problems.push("error without a message");
  if (e.code !== undefined && (typeof e.code !== "string" || !ERROR_CODES.has(e.code)))
    problems.push(`error code ${JSON.stringify(e.code)} is not in the SDK's list of error codes`);
  for (const key of ["param", "doc_url", "decline_code", "charge"] as const)
    if (e[key] !== undefined && typeof e[key] !== "string")
      problems.push(`error ${key} is not a string`);
  if (e.code !== undefined && e.doc_url === undefined) problems.push("error code without doc_url");
  for (const key of Object.keys(e))
    if (!ERROR_MEMBERS.has(key)) problems.push(`unexpected error member ${key}`);
  if (e.payment_intent !== undefined)
    for (const p of checkObject("PaymentIntent", e.payment_intent))
      problems.push(`error payment_intent${p}`);
  if (Object.keys(body as object).length !== 1) problems.push("members beside `error`");
  return problems;
}

function checkOAuthError(body: unknown): string[] {
  const b = body as { error?: unknown; error_description?: unknown } | null;
  const problems: string[] = [];
  if (typeof b?.error !== "string" || !OAUTH_ERRORS.has(b.error))
    problems.push(`OAuth error ${JSON.stringify(b?.error)} is not one the SDK knows`);
  if (typeof b?.error_description !== "string") problems.push("OAuth error without a description");
  return problems;
}

/** What is wrong with one HTTP reply of the Stripe API (or Connect OAuth); nothing recorded. */
export function replyProblems(
  method: string,
  url: string,
  status: number,
  body: unknown,
): { operation: string; problems: string[] } {
  const pathname = url.split("?")[0] ?? url;
  const found = operationFor(method, pathname);
  const operation: string =
    found?.id ?? `${method} ${pathname.replace(/\/[a-z]+_[A-Za-z0-9_]+/g, "/:id")}`;
  const ok = status >= 200 && status < 300;
  let problems: string[];
  if (pathname.startsWith("/oauth/")) {
    problems = ok
      ? found
        ? checkObject(found.op.returns, body)
        : ["unknown OAuth route"]
      : checkOAuthError(body);
  } else if (!ok) {
    problems = checkError(status, body);
  } else if (!found) {
    problems = [`a 2xx reply from ${method} ${pathname}, which is not an operation of the SDK`];
  } else if (found.op.list) {
    problems = checkList(found.op.returns, body);
  } else {
    problems = checkObject(found.op.returns, body);
  }
  return { operation, problems };
}

/** Checks one reply and records the outcome (counts, and a violation if it does not conform). */
export function checkReply(method: string, url: string, status: number, body: unknown): void {
  const { operation, problems } = replyProblems(method, url, status, body);
  count(operation, problems.length === 0, status < 200 || status >= 300);
  if (problems.length > 0)
    violations.push({ operation, what: `${method} ${url.split("?")[0]} → ${status}`, problems });
}

/** What is wrong with a webhook event as delivered; nothing recorded. */
export function eventProblems(event: unknown): string[] {
  return checkEventBody(event);
}

/** Checks a webhook event as delivered. */
export function checkEvent(event: unknown): void {
  const problems = checkEventBody(event);
  const type = (event as { type?: string } | null)?.type ?? "?";
  count(`webhook ${type}`, problems.length === 0, false);
  if (problems.length > 0)
    violations.push({ operation: `webhook ${type}`, what: "delivered event", problems });
}

/** The violations recorded since the last call (the test setup fails the test on any). */
export function takeViolations(): Violation[] {
  const out = violations;
  violations = [];
  return out;
}

export function replyStats(): Record<string, OperationStats> {
  return Object.fromEntries(stats);
}

/** Writes this test file's counts for the fidelity report (EMULATOR_FIDELITY_DIR). */
export function saveStats(testFile: string): void {
  const dir = process.env.EMULATOR_FIDELITY_DIR;
  if (!dir || stats.size === 0) return;
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, `replies-${path.basename(testFile)}.json`),
    JSON.stringify(replyStats()),
  );
}

/** The SDK's own Node HTTP client, with every reply checked on the way in. */
export function conformingHttpClient(): Stripe.HttpClient {
  const inner = Stripe.createNodeHttpClient();
  return {
    getClientName: () => "emulator-conformance",
    makeRequest: async (
      host,
      port,
      requestPath,
      method,
      headers,
      requestData,
      protocol,
      timeout,
    ) => {
      const response = await inner.makeRequest(
        host,
        port,
        requestPath,
        method,
        headers,
        requestData,
        protocol,
        timeout,
      );
      let json: Promise<unknown> | null = null;
      return {
        getStatusCode: () => response.getStatusCode(),
        getHeaders: () => response.getHeaders(),
        getRawResponse: () => response.getRawResponse(),
        toStream: (done: () => void) => response.toStream(done),
        toJSON: () => {
          json ??= response.toJSON().then((body: unknown) => {
            checkReply(method, requestPath, response.getStatusCode(), body);
            return body;
          });
          return json;
        },
      } as Stripe.HttpClientResponse;
    },
  };
}

export type { OperationId };
