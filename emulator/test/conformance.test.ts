// The reply checker itself: a reply that breaks the SDK's types is caught (so a conforming
// suite means something), and the emulator's own replies pass.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkError, ERROR_CODES, eventProblems, replyProblems } from "./conformance";
import { lineItem, onboardedAccount, setUp, type Harness } from "./harness";

let h: Harness;
let session: Record<string, unknown>;
beforeAll(async () => {
  h = await setUp();
  const account = await onboardedAccount(h, "express");
  session = JSON.parse(
    JSON.stringify(
      await h.stripe.checkout.sessions.create(
        {
          mode: "payment",
          line_items: [lineItem(2500)],
          success_url: "http://localhost:3000/ok",
          cancel_url: "http://localhost:3000/cart",
        },
        { stripeAccount: account },
      ),
    ),
  ) as Record<string, unknown>;
  delete session.lastResponse;
});
afterAll(() => h.close());

function problemsOf(body: unknown, method = "GET", url = "/v1/checkout/sessions/cs_test_x") {
  return replyProblems(method, url, 200, body).problems;
}

describe("reply checker", () => {
  it("passes the emulator's own session", () => {
    expect(problemsOf(session)).toEqual([]);
  });

  it("catches a missing required field", () => {
    const { amount_total: _, ...missing } = session;
    expect(problemsOf(missing).join()).toMatch(/must have required property 'amount_total'/);
  });

  it("catches a wrong type", () => {
    expect(problemsOf({ ...session, amount_total: "4500" }).join()).toMatch(/amount_total/);
  });

  it("catches an enum value the SDK type does not allow", () => {
    expect(problemsOf({ ...session, status: "paid" }).join()).toMatch(/status/);
  });

  it("catches a field the SDK type does not have", () => {
    expect(problemsOf({ ...session, shipping_details: null }).join()).toMatch(
      /additional properties/,
    );
  });

  it("checks expanded objects against their own type", () => {
    const expanded = { ...session, payment_intent: { id: "pi_1", object: "payment_intent" } };
    expect(problemsOf(expanded).join()).toMatch(/payment_intent/);
  });

  it("checks each item of a list", () => {
    const list = {
      object: "list",
      data: [session, { ...session, currency: 12 }],
      has_more: false,
      url: "/v1/checkout/sessions",
    };
    expect(problemsOf(list, "GET", "/v1/checkout/sessions").join()).toMatch(/\/data\/1/);
  });

  it("a 2xx from a route that is no SDK operation is a violation", () => {
    expect(problemsOf({}, "GET", "/v1/charges/ch_1/refunds").join()).toMatch(
      /not an operation of the SDK/,
    );
  });
});

describe("error checker", () => {
  const error = (fields: Record<string, unknown>) => ({ error: fields });

  it("accepts Stripe's error shapes", () => {
    expect(
      checkError(
        400,
        error({
          type: "invalid_request_error",
          code: "parameter_unknown",
          param: "colour",
          doc_url: "https://stripe.com/docs/error-codes/parameter-unknown",
          message: "Received unknown parameter: colour",
        }),
      ),
    ).toEqual([]);
    // Expiring a session that is no longer open: no code at all.
    expect(
      checkError(
        400,
        error({ type: "invalid_request_error", message: "Only Checkout Sessions with …" }),
      ),
    ).toEqual([]);
  });

  it("refuses invented error codes, such as checkout_session_not_open", () => {
    expect(ERROR_CODES.has("checkout_session_not_open")).toBe(false);
    expect(ERROR_CODES.has("resource_missing")).toBe(true);
    expect(
      checkError(
        400,
        error({
          type: "invalid_request_error",
          code: "checkout_session_not_open",
          doc_url: "x",
          message: "…",
        }),
      ).join(),
    ).toMatch(/not in the SDK's list of error codes/);
    expect(
      checkError(
        400,
        error({
          type: "invalid_request_error",
          code: "parameter_invalid_string",
          doc_url: "x",
          message: "…",
        }),
      ),
    ).not.toEqual([]);
  });

  it("refuses unknown error types, a status that does not fit the type, and extra members", () => {
    expect(checkError(400, error({ type: "permission_error", message: "…" }))).not.toEqual([]);
    expect(checkError(400, error({ type: "card_error", message: "…" })).join()).toMatch(/HTTP 400/);
    expect(
      checkError(400, error({ type: "invalid_request_error", message: "…", reason: "x" })).join(),
    ).toMatch(/unexpected error member reason/);
    expect(checkError(400, { message: "no envelope" })).not.toEqual([]);
  });
});

describe("event checker", () => {
  it("checks an event's data.object against the event type's object", () => {
    const event = {
      id: "evt_1",
      object: "event",
      api_version: "2026-10-28.endive",
      created: 1,
      data: { object: { ...session, status: 7 } },
      livemode: false,
      pending_webhooks: 0,
      request: { id: null, idempotency_key: null },
      type: "checkout.session.completed",
    };
    expect(eventProblems(event).join()).toMatch(/data\/object\/status/);
    expect(eventProblems({ ...event, data: { object: session } })).toEqual([]);
    expect(eventProblems({ ...event, type: "checkout.session.invented" }).join()).toMatch(
      /not in the SDK/,
    );
  });
});
