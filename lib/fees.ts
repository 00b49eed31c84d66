/**
 * Platform fee maths. Pure: no I/O, integer minor units only.
 *
 * fee = round(subtotal × percent) + fixed, clamped to [min, max], never above the charge and
 * never negative. Percent is in basis points (500 = 5%). Rounding is half-up, in integers.
 */

export type FeeConfig = {
  percentBps: number;
  fixed: number;
  min?: number | null;
  max?: number | null;
};

export const DEFAULT_FEE_CONFIG: FeeConfig = { percentBps: 500, fixed: 30, min: null, max: null };

export const MAX_PERCENT_BPS = 10_000;

function assertMinor(name: string, value: number) {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative integer amount, got ${value}`);
  }
}

/** Integer half-up rounding of amount × bps / 10 000. */
export function percentOf(amount: number, bps: number) {
  return Math.floor((amount * bps + 5_000) / 10_000);
}

export function computeApplicationFee(input: {
  /** What the percentage applies to: the order's item subtotal. */
  subtotal: number;
  /** What the shopper is charged; the fee never exceeds it. Defaults to the subtotal. */
  charge?: number;
  config: FeeConfig;
}) {
  const { subtotal, config } = input;
  const charge = input.charge ?? subtotal;
  assertMinor("subtotal", subtotal);
  assertMinor("charge", charge);
  assertMinor("fixed", config.fixed);
  if (
    !Number.isInteger(config.percentBps) ||
    config.percentBps < 0 ||
    config.percentBps > MAX_PERCENT_BPS
  ) {
    throw new RangeError(`percentBps must be an integer between 0 and ${MAX_PERCENT_BPS}`);
  }
  let fee = percentOf(subtotal, config.percentBps) + config.fixed;
  if (config.min != null) fee = Math.max(fee, config.min);
  if (config.max != null) fee = Math.min(fee, config.max);
  return Math.max(0, Math.min(fee, charge));
}

/** The override's fields win where set; the platform default fills the rest. */
export function effectiveFeeConfig(
  platform: FeeConfig,
  override?: Partial<FeeConfig> | null,
): FeeConfig {
  if (!override) return platform;
  return {
    percentBps: override.percentBps ?? platform.percentBps,
    fixed: override.fixed ?? platform.fixed,
    min: override.min !== undefined ? override.min : platform.min,
    max: override.max !== undefined ? override.max : platform.max,
  };
}

/** Problems with a fee configuration, by field, for forms. Empty when valid. */
export function validateFeeConfig(config: FeeConfig): Partial<Record<keyof FeeConfig, string>> {
  const errors: Partial<Record<keyof FeeConfig, string>> = {};
  if (
    !Number.isInteger(config.percentBps) ||
    config.percentBps < 0 ||
    config.percentBps > MAX_PERCENT_BPS
  ) {
    errors.percentBps = "Enter a percentage between 0 and 100, with at most two decimals.";
  }
  if (!Number.isSafeInteger(config.fixed) || config.fixed < 0)
    errors.fixed = "Enter an amount of 0 or more.";
  if (config.min != null && (!Number.isSafeInteger(config.min) || config.min < 0)) {
    errors.min = "Enter an amount of 0 or more, or leave it empty.";
  }
  if (config.max != null && (!Number.isSafeInteger(config.max) || config.max < 0)) {
    errors.max = "Enter an amount of 0 or more, or leave it empty.";
  }
  if (
    config.min != null &&
    config.max != null &&
    !errors.min &&
    !errors.max &&
    config.min > config.max
  ) {
    errors.max = "The maximum must be at least the minimum.";
  }
  return errors;
}

/**
 * The part of an application fee returned when `refund` of `charge` is refunded, pro rata, as
 * Stripe does with `refund_application_fee`. A refund that completes the charge returns whatever
 * is left of the fee, so rounding never leaves a stray minor unit behind.
 */
export function proRataFeeRefund(input: {
  fee: number;
  charge: number;
  refund: number;
  alreadyRefundedAmount?: number;
  alreadyRefundedFee?: number;
}) {
  const { fee, charge, refund } = input;
  const refundedBefore = input.alreadyRefundedAmount ?? 0;
  const feeRefundedBefore = input.alreadyRefundedFee ?? 0;
  for (const [k, v] of Object.entries({ fee, charge, refund, refundedBefore, feeRefundedBefore })) {
    assertMinor(k, v);
  }
  if (charge === 0) return 0;
  if (refund > charge - refundedBefore)
    throw new RangeError("refund exceeds what remains of the charge");
  const feeLeft = Math.max(0, fee - feeRefundedBefore);
  if (refundedBefore + refund === charge) return feeLeft;
  return Math.min(feeLeft, Math.floor((fee * refund + Math.floor(charge / 2)) / charge));
}

/** What may still be refunded of a charge. */
export function refundableAmount(charge: number, alreadyRefunded: number) {
  return Math.max(0, charge - alreadyRefunded);
}
