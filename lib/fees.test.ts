import { describe, expect, it } from "vitest";
import {
  computeApplicationFee,
  DEFAULT_FEE_CONFIG,
  effectiveFeeConfig,
  percentOf,
  proRataFeeRefund,
  refundableAmount,
  validateFeeConfig,
} from "./fees";

describe("computeApplicationFee", () => {
  it("applies the default 5% + 30", () => {
    expect(computeApplicationFee({ subtotal: 10_000, config: DEFAULT_FEE_CONFIG })).toBe(530);
    expect(computeApplicationFee({ subtotal: 2_599, config: DEFAULT_FEE_CONFIG })).toBe(160); // 129.95 → 130
  });

  it("rounds half up in integers", () => {
    expect(percentOf(10, 500)).toBe(1); // 0.5 → 1
    expect(percentOf(9, 500)).toBe(0); // 0.45 → 0
    expect(percentOf(1_015, 250)).toBe(25); // 25.375 → 25
    expect(percentOf(99_999_999, 10_000)).toBe(99_999_999);
  });

  it("works for zero-decimal currencies such as JPY (amounts are whole yen)", () => {
    // ¥1,234 at 3.6% = 44.424 → ¥44, plus ¥30 fixed.
    expect(computeApplicationFee({ subtotal: 1_234, config: { percentBps: 360, fixed: 30 } })).toBe(
      74,
    );
    expect(computeApplicationFee({ subtotal: 50, config: { percentBps: 100, fixed: 0 } })).toBe(1); // 0.5 → 1
  });

  it("clamps to min and max", () => {
    const config = { percentBps: 1_000, fixed: 0, min: 100, max: 500 };
    expect(computeApplicationFee({ subtotal: 300, config })).toBe(100);
    expect(computeApplicationFee({ subtotal: 3_000, config })).toBe(300);
    expect(computeApplicationFee({ subtotal: 30_000, config })).toBe(500);
  });

  it("never charges more than the charge, and never less than zero", () => {
    expect(computeApplicationFee({ subtotal: 50, config: { percentBps: 500, fixed: 100 } })).toBe(
      50,
    );
    expect(
      computeApplicationFee({
        subtotal: 50,
        charge: 40,
        config: { percentBps: 0, fixed: 0, min: 100 },
      }),
    ).toBe(40);
    expect(computeApplicationFee({ subtotal: 0, config: DEFAULT_FEE_CONFIG })).toBe(0);
  });

  it("refuses nonsense instead of guessing", () => {
    expect(() => computeApplicationFee({ subtotal: -1, config: DEFAULT_FEE_CONFIG })).toThrow(
      RangeError,
    );
    expect(() => computeApplicationFee({ subtotal: 1.5, config: DEFAULT_FEE_CONFIG })).toThrow(
      RangeError,
    );
    expect(() =>
      computeApplicationFee({ subtotal: 100, config: { percentBps: 10_001, fixed: 0 } }),
    ).toThrow(RangeError);
  });
});

describe("effectiveFeeConfig", () => {
  it("lets a shop override some fields and inherit the rest", () => {
    expect(effectiveFeeConfig(DEFAULT_FEE_CONFIG, { percentBps: 300 })).toEqual({
      percentBps: 300,
      fixed: 30,
      min: null,
      max: null,
    });
    expect(effectiveFeeConfig(DEFAULT_FEE_CONFIG, null)).toBe(DEFAULT_FEE_CONFIG);
  });
});

describe("validateFeeConfig", () => {
  it("explains each bad field", () => {
    expect(validateFeeConfig({ percentBps: 20_000, fixed: -1, min: 10, max: 5 })).toEqual({
      percentBps: expect.any(String),
      fixed: expect.any(String),
      max: "The maximum must be at least the minimum.",
    });
    expect(validateFeeConfig(DEFAULT_FEE_CONFIG)).toEqual({});
  });
});

describe("refund arithmetic", () => {
  it("returns the fee pro rata", () => {
    expect(proRataFeeRefund({ fee: 530, charge: 10_000, refund: 2_500 })).toBe(133); // 132.5 → 133
    expect(proRataFeeRefund({ fee: 530, charge: 10_000, refund: 10_000 })).toBe(530);
  });

  it("returns exactly what is left when the last refund completes the charge", () => {
    const first = proRataFeeRefund({ fee: 100, charge: 300, refund: 100 }); // 33.3 → 33
    const second = proRataFeeRefund({
      fee: 100,
      charge: 300,
      refund: 100,
      alreadyRefundedAmount: 100,
      alreadyRefundedFee: first,
    });
    const third = proRataFeeRefund({
      fee: 100,
      charge: 300,
      refund: 100,
      alreadyRefundedAmount: 200,
      alreadyRefundedFee: first + second,
    });
    expect([first, second, third]).toEqual([33, 33, 34]);
    expect(first + second + third).toBe(100);
  });

  it("refuses a refund above what remains", () => {
    expect(() =>
      proRataFeeRefund({ fee: 100, charge: 1_000, refund: 600, alreadyRefundedAmount: 500 }),
    ).toThrow(/exceeds/);
    expect(refundableAmount(1_000, 400)).toBe(600);
    expect(refundableAmount(1_000, 1_200)).toBe(0);
  });
});
