// Errors shaped exactly as Stripe sends them, so the SDK raises the same classes
// (StripeInvalidRequestError, StripeCardError, StripePermissionError, …).

export type StripeErrorType =
  | "api_error"
  | "card_error"
  | "idempotency_error"
  | "invalid_request_error"
  | "authentication_error"
  | "rate_limit_error";

export interface StripeErrorFields {
  type: StripeErrorType;
  message: string;
  code?: string;
  param?: string;
  decline_code?: string;
  /** Extra top-level members of the error object (charge, payment_intent, …). */
  extra?: Record<string, unknown>;
}

export class ApiError extends Error {
  readonly status: number;
  readonly fields: StripeErrorFields;
  constructor(status: number, fields: StripeErrorFields) {
    super(fields.message);
    this.status = status;
    this.fields = fields;
  }

  toJSON(): { error: Record<string, unknown> } {
    const { type, message, code, param, decline_code, extra } = this.fields;
    const error: Record<string, unknown> = { type, message };
    if (code) {
      error.code = code;
      error.doc_url = `https://stripe.com/docs/error-codes/${code.replace(/_/g, "-")}`;
    }
    if (param) error.param = param;
    if (decline_code) error.decline_code = decline_code;
    return { error: { ...error, ...extra } };
  }
}

/** OAuth endpoints answer `{error, error_description}`; the SDK maps `error` to its OAuth error classes. */
export class OAuthError extends Error {
  readonly status: number;
  readonly error: string;
  constructor(status: number, error: string, description: string) {
    super(description);
    this.status = status;
    this.error = error;
  }
  toJSON(): { error: string; error_description: string } {
    return { error: this.error, error_description: this.message };
  }
}

export const invalidRequest = (message: string, param?: string, code?: string): ApiError =>
  new ApiError(400, { type: "invalid_request_error", message, param, code });

export const missingParam = (param: string): ApiError =>
  new ApiError(400, {
    type: "invalid_request_error",
    code: "parameter_missing",
    param,
    message: `Missing required param: ${param}.`,
  });

export const unknownParam = (param: string): ApiError =>
  new ApiError(400, {
    type: "invalid_request_error",
    code: "parameter_unknown",
    param,
    message: `Received unknown parameter: ${param}`,
  });

/** A value of the wrong kind; Stripe adds a code only where one exists (e.g. parameter_invalid_integer). */
export const invalidValue = (param: string, message: string, code?: string): ApiError =>
  new ApiError(400, { type: "invalid_request_error", code, param, message });

/** A missing object named in the path is a 404; one named by a parameter is a 400, as in Stripe. */
export function resourceMissing(kind: string, id: string, param = "id"): ApiError {
  return new ApiError(param === "id" ? 404 : 400, {
    type: "invalid_request_error",
    code: "resource_missing",
    param,
    message: `No such ${kind}: '${id}'`,
  });
}

export const unrecognizedUrl = (method: string, path: string): ApiError =>
  new ApiError(404, {
    type: "invalid_request_error",
    message: `Unrecognized request URL (${method}: ${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
  });

export function maskKey(key: string): string {
  if (key.length <= 12) return key;
  return `${key.slice(0, 8)}${"*".repeat(Math.max(0, key.length - 12))}${key.slice(-4)}`;
}

/** What Stripe answers for a Stripe-Account header naming an account the key cannot reach. */
export function noAccessToAccount(key: string, account: string): ApiError {
  return new ApiError(403, {
    type: "invalid_request_error",
    code: "account_invalid",
    message: `The provided key '${maskKey(key)}' does not have access to account '${account}' (or that account does not exist). Application access may have been revoked.`,
  });
}
