import { describe, expect, it } from "vitest";
import { currencyExponent, formatMoney, minorToDecimalString, parseMoney } from "./money";

describe("parseMoney", () => {
  it("parses two-decimal currencies into minor units", () => {
    expect(parseMoney("12", "USD")).toEqual({ ok: true, minor: 1200 });
    expect(parseMoney("12.5", "usd")).toEqual({ ok: true, minor: 1250 });
    expect(parseMoney(" 1,299.99 ", "EUR")).toEqual({ ok: true, minor: 129999 });
    expect(parseMoney("0.07", "USD")).toEqual({ ok: true, minor: 7 });
    expect(parseMoney("3.", "USD")).toEqual({ ok: true, minor: 300 });
  });

  it("never goes through floating point errors", () => {
    expect(parseMoney("0.29", "USD")).toEqual({ ok: true, minor: 29 });
    expect(parseMoney("1.15", "USD")).toEqual({ ok: true, minor: 115 });
    expect(parseMoney("4.35", "USD")).toEqual({ ok: true, minor: 435 });
  });

  it("handles zero- and three-decimal currencies", () => {
    expect(parseMoney("1200", "JPY")).toEqual({ ok: true, minor: 1200 });
    expect(parseMoney("12.5", "JPY")).toEqual({ ok: false, error: "JPY has no decimal places." });
    expect(parseMoney("1.234", "KWD")).toEqual({ ok: true, minor: 1234 });
  });

  it("explains what is wrong", () => {
    expect(parseMoney("", "USD")).toEqual({ ok: false, error: "Enter an amount." });
    expect(parseMoney("-1", "USD")).toEqual({ ok: false, error: "The amount cannot be negative." });
    expect(parseMoney("12.345", "USD")).toEqual({
      ok: false,
      error: "Use at most 2 decimal places.",
    });
    expect(parseMoney("abc", "USD")).toEqual({ ok: false, error: "Enter a number, like 12.50." });
    expect(parseMoney("1e5", "USD")).toMatchObject({ ok: false });
    expect(parseMoney("1000000000", "USD")).toEqual({
      ok: false,
      error: "That amount is too large.",
    });
  });
});

describe("formatting", () => {
  it("knows each currency's exponent", () => {
    expect(currencyExponent("usd")).toBe(2);
    expect(currencyExponent("JPY")).toBe(0);
    expect(currencyExponent("BHD")).toBe(3);
  });

  it("formats minor units for people", () => {
    expect(formatMoney(1250, "USD")).toBe("$12.50");
    expect(formatMoney(1200, "JPY")).toBe("¥1,200");
    expect(formatMoney(129999, "EUR", "de-DE")).toBe("1.299,99\u00a0€");
    expect(formatMoney(0, "GBP", "en-GB")).toBe("£0.00");
  });

  it("round-trips through the form representation", () => {
    expect(minorToDecimalString(1250, "USD")).toBe("12.50");
    expect(minorToDecimalString(7, "USD")).toBe("0.07");
    expect(minorToDecimalString(1200, "JPY")).toBe("1200");
    for (const minor of [0, 1, 99, 100, 123456]) {
      expect(parseMoney(minorToDecimalString(minor, "EUR"), "EUR")).toEqual({ ok: true, minor });
    }
  });
});
