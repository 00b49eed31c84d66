// Known deviations: valid parameter values (by the SDK's types) that the emulator refuses,
// each with its reason. The parameter sweep (parameters.test.ts) fails on a refusal listed
// here nowhere, and on an entry that no longer matches a refusal, so this list is always
// exactly what the emulator refuses. `npm run emulator:fidelity` prints it; the emulator
// README shows it. Patterns match a sample's label (`param` or `param=value`); `*` is a wildcard.

export interface Deviation {
  match: string;
  reason: string;
}

const NOT_PAYMENT_MODE =
  "Only one-off payments are emulated (Bazaar sells one-off orders); setup and subscription sessions need Customers, SetupIntents, Subscriptions and Invoices, which the emulator does not model yet. Refused with invalid_request_error and param `mode`.";
const NOT_HOSTED_OR_EMBEDDED =
  "Only the hosted page and the embedded page are emulated (the two ui_modes Bazaar offers); `elements`/`form` need the Payment Element and its Checkout SDK. Refused with invalid_request_error and param `ui_mode`.";

export const DEVIATIONS: Record<string, Deviation[]> = {
  "checkout.sessions.create": [
    { match: "mode=setup", reason: NOT_PAYMENT_MODE },
    { match: "mode=subscription", reason: NOT_PAYMENT_MODE },
    { match: "ui_mode=elements", reason: NOT_HOSTED_OR_EMBEDDED },
    { match: "ui_mode=form", reason: NOT_HOSTED_OR_EMBEDDED },
  ],
};
