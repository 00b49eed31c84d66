import { describe, expect, it } from "vitest";
import { platformPaysStripeFees } from "./fee-payer";

describe("platformPaysStripeFees", () => {
  it("counts application, application_express and application_custom as platform-paid", () => {
    expect(platformPaysStripeFees({ feesPayer: "application" })).toBe(true);
    expect(platformPaysStripeFees({ feesPayer: "application_express" })).toBe(true);
    expect(platformPaysStripeFees({ feesPayer: "application_custom" })).toBe(true);
  });
  it("the account pays when Stripe says so, whatever the type", () => {
    expect(platformPaysStripeFees({ feesPayer: "account", type: "express" })).toBe(false);
    expect(platformPaysStripeFees({ feesPayer: "account", type: "standard" })).toBe(false);
  });
  it("falls back to the account type when the payer is unknown", () => {
    expect(platformPaysStripeFees({ feesPayer: null, type: "express" })).toBe(true);
    expect(platformPaysStripeFees({ feesPayer: null, type: "standard" })).toBe(false);
    expect(platformPaysStripeFees(null)).toBe(false);
  });
});
