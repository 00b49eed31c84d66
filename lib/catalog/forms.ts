import { z } from "zod";
import { parseMoney } from "@/lib/money";
import { catalogSlugSchema } from "./rules";

/** FormData schemas shared by the catalog actions (and their tests). */

export const productDetailsSchema = z.object({
  name: z.string().trim().min(1, "Enter a product name.").max(120, "Use at most 120 characters."),
  slug: catalogSlugSchema,
  description: z.string().max(10_000, "Use at most 10,000 characters.").default(""),
  status: z.enum(["draft", "active", "archived"], { message: "Choose a status." }),
  trackStock: z
    .string()
    .optional()
    .transform((v) => v === "on" || v === "true"),
});

export const skuSchema = z
  .string()
  .trim()
  .max(64, "Use at most 64 characters.")
  .regex(/^[\w./-]*$/, "Use letters, digits, hyphens, dots, slashes and underscores.")
  .transform((v) => (v === "" ? null : v));

export const stockSchema = z.coerce
  .number({ message: "Enter a whole number." })
  .int("Enter a whole number.")
  .min(0, "Stock cannot be negative.")
  .max(1_000_000, "That is more than 1,000,000.");

export type PriceFields = { price: number; compareAtPrice: number | null };

/**
 * Price and compare-at price as typed, in the shop's currency. Errors are keyed by the given
 * field names so they show next to the right input.
 */
export function parsePrices(
  priceText: string,
  compareText: string,
  currency: string,
  keys: { price: string; compareAtPrice: string } = {
    price: "price",
    compareAtPrice: "compareAtPrice",
  },
): { ok: true; value: PriceFields } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const price = parseMoney(priceText, currency);
  if (!price.ok) errors[keys.price] = price.error;
  let compareAtPrice: number | null = null;
  if (compareText.trim() !== "") {
    const compare = parseMoney(compareText, currency);
    if (!compare.ok) errors[keys.compareAtPrice] = compare.error;
    else if (price.ok && compare.minor <= price.minor)
      errors[keys.compareAtPrice] = "The compare-at price must be higher than the price.";
    else compareAtPrice = compare.minor;
  }
  if (!price.ok || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { price: price.minor, compareAtPrice } };
}

export const collectionSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Enter a collection name.")
    .max(120, "Use at most 120 characters."),
  slug: catalogSlugSchema,
  description: z.string().max(5_000, "Use at most 5,000 characters.").default(""),
});
