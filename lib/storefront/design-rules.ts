import { z } from "zod";
import { CATALOG_SLUG_PATTERN } from "@/lib/catalog/rules";
import { CORNER_STYLE_KEYS, FONT_PAIRING_KEYS, HEX_COLOR } from "./theme";

export const MAX_FOOTER_LINKS = 6;

const hex = z
  .string()
  .trim()
  .regex(HEX_COLOR, "Enter a colour as # followed by 6 hex digits, e.g. #1f2937.")
  .transform((v) => v.toLowerCase());

/** Links merchants may set: a path on this storefront ("/…") or an http(s) address. */
export function isSafeHref(value: string) {
  if (value.startsWith("/")) return !value.startsWith("//") && !value.includes("\\");
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:";
  } catch {
    return false;
  }
}

const href = z
  .string()
  .trim()
  .max(300, "Keep links under 300 characters.")
  .refine((v) => v === "" || isSafeHref(v), "Use a path starting with / or an https:// address.");

export const designSchema = z
  .object({
    brandColor: hex,
    accentColor: hex,
    fontPairing: z.enum(FONT_PAIRING_KEYS as [string, ...string[]], {
      message: "Choose a font pairing from the list.",
    }),
    cornerStyle: z.enum(CORNER_STYLE_KEYS as [string, ...string[]], {
      message: "Choose a corner style.",
    }),
    heroHeadline: z.string().trim().max(120, "Keep the headline under 120 characters."),
    heroText: z.string().trim().max(300, "Keep the text under 300 characters."),
    heroCtaLabel: z.string().trim().max(40, "Keep the button label under 40 characters."),
    heroCtaHref: href,
    featuredCollectionId: z.union([z.literal(""), z.uuid({ message: "Choose a collection." })]),
    announcement: z.string().trim().max(160, "Keep the announcement under 160 characters."),
  })
  .superRefine((v, ctx) => {
    if (v.heroCtaLabel && !v.heroCtaHref)
      ctx.addIssue({
        code: "custom",
        path: ["heroCtaHref"],
        message: "Add where the button goes.",
      });
  });

export type FooterLinkIssue = { index: number; field: "label" | "href"; message: string };

/** Footer links come as footerLabel0/footerHref0 … pairs; empty rows are ignored. */
export function parseFooterLinks(raw: Record<string, string>) {
  const links: { label: string; href: string }[] = [];
  const errors: Record<string, string> = {};
  for (let i = 0; i < MAX_FOOTER_LINKS; i++) {
    const label = (raw[`footerLabel${i}`] ?? "").trim();
    const target = (raw[`footerHref${i}`] ?? "").trim();
    if (!label && !target) continue;
    if (!label) errors[`footerLabel${i}`] = "Add a label for this link.";
    else if (label.length > 40) errors[`footerLabel${i}`] = "Keep labels under 40 characters.";
    if (!target) errors[`footerHref${i}`] = "Add where this link goes.";
    else if (target.length > 300 || !isSafeHref(target))
      errors[`footerHref${i}`] = "Use a path starting with / or an https:// address.";
    links.push({ label, href: target });
  }
  return { links, errors };
}

export const contentPageSchema = z.object({
  title: z
    .string()
    .trim()
    .min(1, "Give the page a title.")
    .max(120, "Keep titles under 120 characters."),
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .min(1, "Choose a web address for the page.")
    .max(64, "Keep the address under 64 characters.")
    .regex(CATALOG_SLUG_PATTERN, "Use only lowercase letters, digits and hyphens."),
  body: z.string().max(20_000, "Keep pages under 20,000 characters."),
});
