import type { z } from "zod";
import type { ErrorCode } from "./errors";

/** What every form action returns: shown next to the fields and in the form's status region. */
export type ActionState = {
  status: "idle" | "error" | "success";
  message?: string;
  fieldErrors?: Record<string, string>;
  /** Non-secret values echoed back so a failed form keeps what the user typed. */
  values?: Record<string, string>;
  /** Where the browser goes next with a full page load (a same-site path). */
  redirectTo?: string;
  /** Why an action refused (lib/errors): for callers and tests, not shown. */
  code?: ErrorCode;
  /** Set when something unexpected failed: the reference the user can quote. */
  requestId?: string;
};

export const idleState: ActionState = { status: "idle" };

export function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".") || "form";
    out[key] ??= issue.message;
  }
  return out;
}

/** FormData → plain object of strings (files and repeated keys are not handled here). */
export function formObject(formData: FormData, omit: string[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (key.startsWith("$ACTION") || omit.includes(key)) continue;
    if (typeof value === "string") out[key] = value;
  }
  return out;
}

export function errorState(
  message: string | undefined,
  fieldErrors: Record<string, string> = {},
  values: Record<string, string> = {},
): ActionState {
  return { status: "error", message, fieldErrors, values };
}

// ── One gate for every form action's input ─────────────────────────────────────────────────

/** No text field of ours is this long (the longest, a content page's body, stops at 20,000). */
export const MAX_FIELD_CHARS = 50_000;
const MAX_FIELDS = 2_000;
const MAX_KEY_CHARS = 200;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const INPUT_MESSAGES = {
  unreadable: "This form could not be read. Reload the page and try again.",
  nul: "Remove the invisible control character (NUL) from this field.",
  encoding: "This field contains text that could not be read. Retype it.",
  tooLong: `This is too long: use at most ${MAX_FIELD_CHARS.toLocaleString("en-US")} characters.`,
} as const;

/**
 * Why a text value cannot be used at all, whatever the field: a NUL character (PostgreSQL
 * refuses it in text), half of a UTF-16 surrogate pair (malformed text) or absurd length.
 */
export function unusableText(value: string, max = MAX_FIELD_CHARS): string | null {
  if (value.length > max)
    return `This is too long: use at most ${max.toLocaleString("en-US")} characters.`;
  if (value.includes("\u0000")) return INPUT_MESSAGES.nul;
  if (LONE_SURROGATE.test(value)) return INPUT_MESSAGES.encoding;
  return null;
}

/** A form action, called through useActionState (or `<form action>`, which passes the form alone). */
export type FormHandler = (prev: ActionState, formData: FormData) => Promise<ActionState>;

/**
 * Wraps a form action so that nothing unusable reaches it: a server action is a public POST
 * endpoint that anyone may call with any arguments. Refused here, with a message next to the
 * field and nothing changed: arguments that are not a form, NUL characters, malformed text,
 * over-long values and absurd numbers of fields. Each action still validates its own fields.
 */
export function formAction(handler: FormHandler): FormHandler {
  return async function checkedFormAction(prev: unknown, formData?: unknown) {
    // `<form action={fn}>` without useActionState calls fn(formData).
    if (formData === undefined && prev instanceof FormData) [prev, formData] = [idleState, prev];
    if (!(formData instanceof FormData)) return errorState(INPUT_MESSAGES.unreadable);
    const keep: Record<string, string> = {};
    let count = 0;
    let problem: { field: string; message: string } | null = null;
    for (const [key, value] of formData.entries()) {
      if (++count > MAX_FIELDS) return errorState(INPUT_MESSAGES.unreadable);
      const keyProblem = key.length > MAX_KEY_CHARS ? INPUT_MESSAGES.unreadable : unusableText(key);
      if (keyProblem) return errorState(INPUT_MESSAGES.unreadable);
      if (typeof value !== "string") continue; // files are checked by the actions that take them
      const message = unusableText(value);
      if (message) problem ??= { field: key, message };
      else if (!key.startsWith("$ACTION") && !/password/i.test(key)) keep[key] = value;
    }
    if (problem) {
      return errorState(
        "Check the highlighted field.",
        { [problem.field]: problem.message },
        // Echo what can be echoed, so the form keeps what the user typed elsewhere.
        Object.fromEntries(Object.entries(keep).filter(([k]) => k !== problem.field)),
      );
    }
    return handler(isActionState(prev) ? prev : idleState, formData);
  } as FormHandler;
}

function isActionState(value: unknown): value is ActionState {
  return (
    typeof value === "object" &&
    value !== null &&
    "status" in value &&
    ["idle", "error", "success"].includes((value as { status: unknown }).status as string)
  );
}
