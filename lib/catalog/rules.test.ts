import { describe, expect, it } from "vitest";
import {
  cartesian,
  catalogSlugSchema,
  checkOptions,
  planVariants,
  suggestCatalogSlug,
} from "./rules";

describe("slugs", () => {
  it("suggests a slug from a name", () => {
    expect(suggestCatalogSlug("Ethiopia Yirgacheffe — Kochere (250 g)")).toBe(
      "ethiopia-yirgacheffe-kochere-250-g",
    );
    expect(suggestCatalogSlug("Café Crème")).toBe("cafe-creme");
    expect(suggestCatalogSlug("Kai's   Mug!!")).toBe("kais-mug");
    expect(suggestCatalogSlug("x".repeat(200))).toHaveLength(80);
  });

  it("accepts only lowercase letters, digits and inner hyphens", () => {
    expect(catalogSlugSchema.safeParse("dark-roast-2").success).toBe(true);
    for (const bad of [
      "",
      "Dark",
      "dark roast",
      "-dark",
      "dark-",
      "dark_roast",
      "ü",
      "a".repeat(81),
    ]) {
      expect(catalogSlugSchema.safeParse(bad).success, bad).toBe(false);
    }
  });
});

describe("options", () => {
  it("parses comma-separated values and ignores blank rows", () => {
    expect(
      checkOptions([
        { name: " Size ", values: "250 g, 1 kg, " },
        { name: "", values: "" },
        { name: "Grind", values: "Whole bean,Espresso" },
      ]),
    ).toEqual({
      ok: true,
      options: [
        { name: "Size", values: ["250 g", "1 kg"] },
        { name: "Grind", values: ["Whole bean", "Espresso"] },
      ],
    });
  });

  it("rejects more than three options, missing names or values, duplicates", () => {
    const four = ["A", "B", "C", "D"].map((n) => ({ name: n, values: "x" }));
    expect(checkOptions(four)).toMatchObject({
      ok: false,
      errors: { options: expect.any(String) },
    });
    expect(checkOptions([{ name: "", values: "S" }])).toMatchObject({
      ok: false,
      errors: { "options.0.name": expect.any(String) },
    });
    expect(checkOptions([{ name: "Size", values: " , " }])).toMatchObject({
      ok: false,
      errors: { "options.0.values": "Add at least one value." },
    });
    expect(checkOptions([{ name: "Size", values: "S, s" }])).toMatchObject({
      ok: false,
      errors: { "options.0.values": "Each value must be different." },
    });
    expect(
      checkOptions([
        { name: "Size", values: "S" },
        { name: "size", values: "M" },
      ]),
    ).toMatchObject({ ok: false, errors: { "options.1.name": expect.any(String) } });
  });

  it("refuses more than 100 variants", () => {
    const vals = (n: number) => Array.from({ length: n }, (_, i) => `v${i}`).join(",");
    expect(
      checkOptions([
        { name: "A", values: vals(10) },
        { name: "B", values: vals(10) },
      ]).ok,
    ).toBe(true);
    expect(
      checkOptions([
        { name: "A", values: vals(10) },
        { name: "B", values: vals(10) },
        { name: "C", values: vals(2) },
      ]),
    ).toMatchObject({ ok: false, errors: { options: expect.stringContaining("200 variants") } });
  });
});

describe("variant generation", () => {
  const size = { name: "Size", values: ["S", "M"] };
  const colour = { name: "Colour", values: ["Red", "Blue", "Green"] };

  it("builds the cartesian product in option order", () => {
    expect(cartesian([])).toEqual([[]]);
    expect(cartesian([size, colour])).toEqual([
      ["S", "Red"],
      ["S", "Blue"],
      ["S", "Green"],
      ["M", "Red"],
      ["M", "Blue"],
      ["M", "Green"],
    ]);
  });

  const v = (id: string, optionValues: string[], price: number, stock = 5) => ({
    id,
    optionValues,
    price,
    compareAtPrice: null,
    sku: `SKU-${id}`,
    stock,
  });

  it("keeps variants whose values still exist and drops the others", () => {
    const existing = [v("a", ["S"], 1000), v("b", ["M"], 1200), v("c", ["L"], 1400)];
    const plan = planVariants(
      [{ name: "Size", values: ["S", "M", "L"] }],
      existing,
      [{ name: "Size", values: ["M", "S", "XL"] }],
      999,
    );
    expect(plan.variants).toEqual([
      { id: "b", optionValues: ["M"], price: 1200, compareAtPrice: null, sku: "SKU-b", stock: 5 },
      { id: "a", optionValues: ["S"], price: 1000, compareAtPrice: null, sku: "SKU-a", stock: 5 },
      { id: null, optionValues: ["XL"], price: 999, compareAtPrice: null, sku: null, stock: 0 },
    ]);
    expect(plan.removed).toEqual(["c"]);
  });

  it("adding an option keeps each variant once and copies its price to the new combinations", () => {
    const existing = [v("a", ["S"], 1000), v("b", ["M"], 1200)];
    const plan = planVariants(
      [size],
      existing,
      [size, { name: "Colour", values: ["Red", "Blue"] }],
      1,
    );
    expect(plan.variants.map((x) => [x.id, x.optionValues.join("/"), x.price, x.stock])).toEqual([
      ["a", "S/Red", 1000, 5],
      [null, "S/Blue", 1000, 0],
      ["b", "M/Red", 1200, 5],
      [null, "M/Blue", 1200, 0],
    ]);
    expect(plan.removed).toEqual([]);
  });

  it("the single default variant becomes the first combination when options are added", () => {
    const plan = planVariants([], [v("d", [], 1500, 9)], [size], 0);
    expect(plan.variants.map((x) => [x.id, x.optionValues, x.price, x.stock])).toEqual([
      ["d", ["S"], 1500, 9],
      [null, ["M"], 1500, 0],
    ]);
  });

  it("removing all options collapses to one variant", () => {
    const plan = planVariants([size], [v("a", ["S"], 1000), v("b", ["M"], 1200)], [], 0);
    expect(plan.variants).toHaveLength(1);
    expect(plan.variants[0]).toMatchObject({ id: "a", optionValues: [], price: 1000 });
    expect(plan.removed).toEqual(["b"]);
  });
});
