// Known deviations: valid parameter values (by the SDK's types) that the emulator refuses,
// each with its reason. The parameter sweep (parameters.test.ts) fails on a refusal listed
// here nowhere, and on an entry that no longer matches a refusal, so this list is always
// exactly what the emulator refuses. `npm run emulator:fidelity` prints it; the emulator
// README shows it. Patterns match a sample's label (`param` or `param=value`); `*` is a wildcard.

export interface Deviation {
  match: string;
  reason: string;
}

const NOT_SETUP_MODE =
  "Payments and subscriptions are emulated; setup sessions (saving a card without a payment) need SetupIntents, which the emulator does not model. Refused with invalid_request_error and param `mode`.";
const NOT_HOSTED_OR_EMBEDDED =
  "Only the hosted page and the embedded page are emulated (the two ui_modes Bazaar offers); `elements`/`form` need the Payment Element and its Checkout SDK. Refused with invalid_request_error and param `ui_mode`.";

const NOT_PER_UNIT =
  "Only per-unit prices with a fixed amount are emulated (what Bazaar sells); tiered prices, customer-chosen amounts and metered usage (which needs billing meters) are refused with invalid_request_error naming the parameter.";

export const DEVIATIONS: Record<string, Deviation[]> = {
  "prices.create": [
    { match: "billing_scheme=tiered", reason: NOT_PER_UNIT },
    { match: "tiers*", reason: NOT_PER_UNIT },
    { match: "tiers_mode=*", reason: NOT_PER_UNIT },
    { match: "custom_unit_amount*", reason: NOT_PER_UNIT },
    { match: "recurring[usage_type]=metered", reason: NOT_PER_UNIT },
  ],
  "checkout.sessions.create": [
    { match: "mode=setup", reason: NOT_SETUP_MODE },
    { match: "ui_mode=elements", reason: NOT_HOSTED_OR_EMBEDDED },
    { match: "ui_mode=form", reason: NOT_HOSTED_OR_EMBEDDED },
  ],
};
