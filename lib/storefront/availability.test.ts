import { describe, expect, it } from "vitest";
import { cartSummary, optionValueUnavailable } from "./availability";

describe("storefront availability", () => {
  const variants = [
    { optionValues: ["S", "Black"], stock: 0 },
    { optionValues: ["M", "Black"], stock: 3 },
    { optionValues: ["S", "White"], stock: null },
  ];

  it("marks an option value sold out with the other choices as they are, before it is picked", () => {
    expect(optionValueUnavailable(variants, ["M", "Black"], 0, "S")).toBe(true);
    expect(optionValueUnavailable(variants, ["M", "Black"], 0, "M")).toBe(false);
    expect(optionValueUnavailable(variants, ["S", "White"], 0, "S")).toBe(false);
    expect(optionValueUnavailable(variants, ["S", "White"], 0, "M")).toBe(true); // no M / White
  });

  it("counts only buyable lines in the subtotal and says how many are left out", () => {
    expect(
      cartSummary([
        { available: false, quantity: 1, unitPrice: 2400 },
        { available: true, quantity: 2, unitPrice: 1000 },
      ]),
    ).toEqual({ itemCount: 2, subtotal: 2000, leftOut: 1 });
    expect(cartSummary([{ available: false, quantity: 1, unitPrice: 2400 }])).toEqual({
      itemCount: 0,
      subtotal: 0,
      leftOut: 1,
    });
  });
});
