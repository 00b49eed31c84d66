import { z } from "zod";

/** "5", "5.5", "2.75" (percent) → basis points; at most two decimals, 0–100. */
export const percentToBps = z
  .string()
  .trim()
  .regex(
    /^\d{1,3}(\.\d{1,2})?$/,
    "Enter a percentage between 0 and 100, with at most two decimals.",
  )
  .transform((s) => Math.round(Number(s) * 100))
  .refine(
    (bps) => bps <= 10_000,
    "Enter a percentage between 0 and 100, with at most two decimals.",
  );

const minorAmount = z
  .string()
  .trim()
  .regex(/^\d{1,9}$/, "Enter a whole number of the smallest currency unit (30 = $0.30).")
  .transform(Number);

const optionalMinor = z
  .string()
  .trim()
  .transform((s) => (s === "" ? null : s))
  .pipe(minorAmount.nullable());

const optionalPercent = z
  .string()
  .trim()
  .transform((s) => (s === "" ? null : s))
  .pipe(percentToBps.nullable());

export const platformSettingsSchema = z
  .object({
    feePercent: percentToBps,
    feeFixed: minorAmount,
    feeMin: optionalMinor,
    feeMax: optionalMinor,
    feeRefundPolicy: z.enum(["pro_rata", "keep"], { error: "Choose a refund policy." }),
    checkoutMode: z.enum(["embedded", "hosted"], { error: "Choose a checkout mode." }),
  })
  .refine((v) => v.feeMin === null || v.feeMax === null || v.feeMin <= v.feeMax, {
    path: ["feeMax"],
    message: "The maximum must be at least the minimum.",
  });

export const feeOverrideSchema = z
  .object({
    shopId: z.uuid(),
    feePercent: optionalPercent,
    feeFixed: optionalMinor,
    feeMin: optionalMinor,
    feeMax: optionalMinor,
  })
  .refine((v) => v.feeMin === null || v.feeMax === null || v.feeMin <= v.feeMax, {
    path: ["feeMax"],
    message: "The maximum must be at least the minimum.",
  });

export const suspendSchema = z.object({
  shopId: z.uuid(),
  reason: z
    .string({ error: "Give a reason: the merchant sees it." })
    .trim()
    .min(5, "Give a reason of at least 5 characters: the merchant sees it.")
    .max(500, "Use at most 500 characters."),
});

export const userActionSchema = z.object({ userId: z.uuid() });
export const shopIdSchema = z.object({ shopId: z.uuid() });

export const pageSchema = z.coerce.number().int().min(1).max(10_000).catch(1);

/** A Stripe event id as stored in the inbox. */
export const eventIdSchema = z.object({
  eventId: z
    .string()
    .trim()
    .regex(/^evt_[A-Za-z0-9_]{1,250}$/, "That event could not be found."),
});

export const emailIdSchema = z.object({
  emailId: z.uuid({ message: "That e-mail could not be found." }),
});
