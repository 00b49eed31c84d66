/**
 * The one error type for failures a caller is expected to meet: bad input, a missing or foreign
 * record, a conflict, a permission refused, a service that is unavailable. Actions throw it (or
 * return its state); the action pipeline turns it into the `ActionState` shown next to the form.
 * Anything else that is thrown is a bug: logged with the request id, shown as one generic message.
 */
export const ERROR_CODES = [
  "invalid",
  "unauthenticated",
  "forbidden",
  "not_found",
  "conflict",
  "unavailable",
  "rate_limited",
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fieldErrors: Record<string, string>;

  constructor(code: ErrorCode, message: string, fieldErrors: Record<string, string> = {}) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.fieldErrors = fieldErrors;
  }

  /** Bad input: `fields` are shown next to the named fields, `message` above the form. */
  static invalid(fields: Record<string, string>, message = CHECK_FIELDS) {
    return new AppError("invalid", message, fields);
  }

  static notFound(message: string) {
    return new AppError("not_found", message);
  }

  static conflict(message: string, fields: Record<string, string> = {}) {
    return new AppError("conflict", message, fields);
  }

  static forbidden(message: string) {
    return new AppError("forbidden", message);
  }

  static unavailable(message: string) {
    return new AppError("unavailable", message);
  }
}

export const CHECK_FIELDS = "Check the highlighted fields.";

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** What the user sees for a bug: nothing about its cause, a reference to quote. */
export function unexpectedErrorMessage(requestId: string) {
  return `Something went wrong on our side and nothing was changed. Try again; if it keeps happening, quote reference ${requestId.slice(0, 8)}.`;
}
