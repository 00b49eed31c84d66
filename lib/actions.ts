import type { z } from "zod";

/** What every form action returns: shown next to the fields and in the form's status region. */
export type ActionState = {
  status: "idle" | "error" | "success";
  message?: string;
  fieldErrors?: Record<string, string>;
  /** Non-secret values echoed back so a failed form keeps what the user typed. */
  values?: Record<string, string>;
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
