import { z } from "zod";
import type { ProductOption } from "@/db/schema/catalog";

/** Product and collection slugs: the last part of their storefront URL, unique per shop. */
export const CATALOG_SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;
export const MAX_SLUG_LENGTH = 80;
export const MAX_OPTIONS = 3;
export const MAX_OPTION_VALUES = 30;
export const MAX_VARIANTS = 100;

export function suggestCatalogSlug(name: string) {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/['’]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, MAX_SLUG_LENGTH)
    .replace(/-+$/g, "");
}

export const catalogSlugSchema = z
  .string()
  .trim()
  .min(1, "Enter a URL slug.")
  .max(MAX_SLUG_LENGTH, `Use at most ${MAX_SLUG_LENGTH} characters.`)
  .regex(
    CATALOG_SLUG_PATTERN,
    "Use lowercase letters, digits and hyphens (not at the start or end).",
  );

/** "a, b, ,c" → ["a", "b", "c"] */
export function splitOptionValues(text: string) {
  return text
    .split(",")
    .map((v) => v.trim().replace(/\s+/g, " "))
    .filter(Boolean);
}

export type OptionsCheck =
  { ok: true; options: ProductOption[] } | { ok: false; errors: Record<string, string> };

/**
 * Validates options as typed: rows with a blank name and no values are ignored; errors are keyed
 * `options.<i>.name` / `options.<i>.values` / `options` for the form.
 */
export function checkOptions(rows: { name: string; values: string }[]): OptionsCheck {
  const errors: Record<string, string> = {};
  const options: ProductOption[] = [];
  const used = rows
    .map((r, i) => ({
      i,
      name: r.name.trim().replace(/\s+/g, " "),
      values: splitOptionValues(r.values),
    }))
    .filter((r) => r.name !== "" || r.values.length > 0);
  if (used.length > MAX_OPTIONS) {
    return { ok: false, errors: { options: `A product can have at most ${MAX_OPTIONS} options.` } };
  }
  const names = new Set<string>();
  for (const r of used) {
    if (!r.name) errors[`options.${r.i}.name`] = "Name this option, e.g. Size.";
    else if (r.name.length > 40) errors[`options.${r.i}.name`] = "Use at most 40 characters.";
    else if (names.has(r.name.toLowerCase()))
      errors[`options.${r.i}.name`] = "Each option needs a different name.";
    names.add(r.name.toLowerCase());
    const lower = r.values.map((v) => v.toLowerCase());
    if (r.values.length === 0) errors[`options.${r.i}.values`] = "Add at least one value.";
    else if (r.values.length > MAX_OPTION_VALUES)
      errors[`options.${r.i}.values`] = `Use at most ${MAX_OPTION_VALUES} values.`;
    else if (r.values.some((v) => v.length > 40))
      errors[`options.${r.i}.values`] = "Each value can have at most 40 characters.";
    else if (new Set(lower).size !== lower.length)
      errors[`options.${r.i}.values`] = "Each value must be different.";
    options.push({ name: r.name, values: r.values });
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const count = options.reduce((n, o) => n * o.values.length, 1);
  if (count > MAX_VARIANTS) {
    return {
      ok: false,
      errors: {
        options: `These options make ${count} variants; the limit is ${MAX_VARIANTS}. Remove some values.`,
      },
    };
  }
  return { ok: true, options };
}

/** Every combination of option values, in option order ([[]] when there are no options). */
export function cartesian(options: ProductOption[]): string[][] {
  return options.reduce<string[][]>(
    (combos, option) => combos.flatMap((c) => option.values.map((v) => [...c, v])),
    [[]],
  );
}

export type ExistingVariant = {
  id: string;
  optionValues: string[];
  price: number;
  compareAtPrice: number | null;
  sku: string | null;
  stock: number;
};

export type PlannedVariant = {
  /** Set when an existing variant is kept (same id, so carts and orders still point at it). */
  id: string | null;
  optionValues: string[];
  price: number;
  compareAtPrice: number | null;
  sku: string | null;
  stock: number;
};

/**
 * Plans the variants for new options, keeping existing variants' data where their option values
 * still exist. A new combination takes its data from the existing variant that agrees with it on
 * every option both old and new have; the first such combination keeps that variant (id, SKU,
 * stock), later ones copy only its prices. Unmatched combinations get `fallbackPrice`.
 */
export function planVariants(
  oldOptions: ProductOption[],
  existing: ExistingVariant[],
  newOptions: ProductOption[],
  fallbackPrice: number,
): { variants: PlannedVariant[]; removed: string[] } {
  const shared = newOptions
    .map((o, newIndex) => ({
      newIndex,
      oldIndex: oldOptions.findIndex((p) => p.name.toLowerCase() === o.name.toLowerCase()),
    }))
    .filter((s) => s.oldIndex >= 0);
  const claimed = new Set<string>();
  const variants = cartesian(newOptions).map((combo): PlannedVariant => {
    const matches = existing.filter((v) =>
      shared.every(
        (s) =>
          (v.optionValues[s.oldIndex] ?? "").toLowerCase() ===
          (combo[s.newIndex] ?? "").toLowerCase(),
      ),
    );
    const keep = matches.find((v) => !claimed.has(v.id));
    if (keep) {
      claimed.add(keep.id);
      return {
        id: keep.id,
        optionValues: combo,
        price: keep.price,
        compareAtPrice: keep.compareAtPrice,
        sku: keep.sku,
        stock: keep.stock,
      };
    }
    const template = matches[0];
    return {
      id: null,
      optionValues: combo,
      price: template?.price ?? fallbackPrice,
      compareAtPrice: template?.compareAtPrice ?? null,
      sku: null,
      stock: 0,
    };
  });
  return { variants, removed: existing.filter((v) => !claimed.has(v.id)).map((v) => v.id) };
}
