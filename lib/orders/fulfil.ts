import "server-only";
import { z } from "zod";
import { markOrderFulfilled, type FulfilResult } from "@/db/queries/order-changes";

export const CARRIERS = [
  "USPS",
  "UPS",
  "FedEx",
  "DHL",
  "Royal Mail",
  "Canada Post",
  "Other",
] as const;

export const fulfilSchema = z.object({
  carrier: z.enum(CARRIERS, { message: "Choose a carrier." }),
  trackingNumber: z
    .string()
    .trim()
    .transform((v) => v.replace(/\s+/g, "").toUpperCase())
    .pipe(
      z
        .string()
        .min(4, "Enter the tracking number (at least 4 characters).")
        .max(40, "A tracking number has at most 40 characters.")
        .regex(/^[A-Z0-9-]+$/, "Use only letters, digits and dashes."),
    ),
});

export type { FulfilResult };

/**
 * Marks a paid order of the shop fulfilled with carrier + tracking, once; the shopper's shipping
 * notice is a job committed in the same transaction.
 */
export async function fulfilOrder(
  input: Parameters<typeof markOrderFulfilled>[0],
): Promise<FulfilResult> {
  return markOrderFulfilled(input);
}
