import { z } from "zod";
import { SHOP_SLUG_PATTERN } from "./slug";

/** Slugs that collide with platform routes or hosts. */
export const RESERVED_SLUGS = new Set([
  "admin",
  "api",
  "app",
  "www",
  "dashboard",
  "s",
  "sign-in",
  "sign-up",
  "sign-out",
  "login",
  "logout",
  "register",
  "auth",
  "static",
  "assets",
  "public",
  "_next",
  "mail",
  "email",
  "help",
  "support",
  "status",
  "docs",
  "blog",
  "stripe",
  "checkout",
  "cart",
  "billing",
  "settings",
  "account",
  "accounts",
  "root",
  "system",
  "bazaar",
  "health",
  "cdn",
  "images",
  "img",
  "files",
]);

export const shopSlugSchema = z
  .string({ error: "Choose a web address for your shop." })
  .trim()
  .min(3, "Use at least 3 characters.")
  .max(40, "Use at most 40 characters.")
  .regex(/^[a-z0-9-]+$/, "Use only lowercase letters, digits and hyphens.")
  .regex(SHOP_SLUG_PATTERN, "Start and end with a letter or a digit.")
  .refine((s) => !s.includes("--"), "Do not use two hyphens in a row.")
  .refine((s) => !RESERVED_SLUGS.has(s), "That address is reserved. Please choose another.");

/** A suggestion derived from a shop name: "Kai's Coffee Co." → "kais-coffee-co". */
export function suggestSlug(name: string) {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/['’]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/g, "");
}

export const SHOP_CURRENCIES = [
  { code: "USD", label: "US dollar (USD)" },
  { code: "EUR", label: "Euro (EUR)" },
  { code: "GBP", label: "Pound sterling (GBP)" },
  { code: "CAD", label: "Canadian dollar (CAD)" },
  { code: "AUD", label: "Australian dollar (AUD)" },
  { code: "JPY", label: "Japanese yen (JPY)" },
  { code: "CHF", label: "Swiss franc (CHF)" },
  { code: "SEK", label: "Swedish krona (SEK)" },
  { code: "DKK", label: "Danish krone (DKK)" },
  { code: "NZD", label: "New Zealand dollar (NZD)" },
] as const;

export const SHOP_COUNTRIES = [
  { code: "US", label: "United States" },
  { code: "GB", label: "United Kingdom" },
  { code: "IE", label: "Ireland" },
  { code: "FR", label: "France" },
  { code: "DE", label: "Germany" },
  { code: "NL", label: "Netherlands" },
  { code: "ES", label: "Spain" },
  { code: "IT", label: "Italy" },
  { code: "SE", label: "Sweden" },
  { code: "DK", label: "Denmark" },
  { code: "CH", label: "Switzerland" },
  { code: "CA", label: "Canada" },
  { code: "AU", label: "Australia" },
  { code: "NZ", label: "New Zealand" },
  { code: "JP", label: "Japan" },
] as const;

const currencyCodes = SHOP_CURRENCIES.map((c) => c.code) as [string, ...string[]];
const countryCodes = SHOP_COUNTRIES.map((c) => c.code) as [string, ...string[]];

export const createShopSchema = z.object({
  name: z
    .string({ error: "Enter a shop name." })
    .trim()
    .min(2, "Use at least 2 characters.")
    .max(60, "Use at most 60 characters."),
  slug: shopSlugSchema,
  currency: z.enum(currencyCodes, { error: "Choose a currency from the list." }),
  country: z.enum(countryCodes, { error: "Choose a country from the list." }),
});
