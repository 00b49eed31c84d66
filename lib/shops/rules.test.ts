import { describe, expect, it } from "vitest";
import { createShopSchema, shopSlugSchema, suggestSlug } from "./rules";

function slugError(slug: string) {
  const r = shopSlugSchema.safeParse(slug);
  return r.success ? null : r.error.issues[0]?.message;
}

describe("shop slug rules", () => {
  it("accepts 3–40 characters of a-z, 0-9 and single hyphens", () => {
    expect(slugError("abc")).toBeNull();
    expect(slugError("kai-coffee-2")).toBeNull();
    expect(slugError("a".repeat(40))).toBeNull();
  });

  it("rejects too short and too long", () => {
    expect(slugError("ab")).toMatch(/at least 3/);
    expect(slugError("a".repeat(41))).toMatch(/at most 40/);
  });

  it("rejects uppercase, spaces, underscores and unicode", () => {
    for (const bad of ["Shop", "my shop", "my_shop", "café"]) {
      expect(slugError(bad)).toMatch(/lowercase letters, digits and hyphens/);
    }
  });

  it("rejects leading, trailing and doubled hyphens", () => {
    expect(slugError("-shop")).toMatch(/Start and end/);
    expect(slugError("shop-")).toMatch(/Start and end/);
    expect(slugError("my--shop")).toMatch(/two hyphens/);
  });

  it("rejects reserved words", () => {
    for (const reserved of ["admin", "api", "app", "www", "dashboard"]) {
      expect(slugError(reserved)).toMatch(/reserved/);
    }
    // "s" is reserved too, but is already too short.
    expect(slugError("s")).not.toBeNull();
  });

  it("suggests a slug from a name", () => {
    expect(suggestSlug("Kai's Coffee Co.")).toBe("kais-coffee-co");
    expect(suggestSlug("  Crème Brûlée  Studio ")).toBe("creme-brulee-studio");
  });
});

describe("create shop schema", () => {
  it("accepts a valid shop", () => {
    const r = createShopSchema.safeParse({
      name: "Kai",
      slug: "kai",
      currency: "USD",
      country: "US",
    });
    expect(r.success).toBe(true);
  });
  it("rejects an unknown currency and country", () => {
    const r = createShopSchema.safeParse({
      name: "Kai",
      slug: "kai",
      currency: "XXX",
      country: "ZZ",
    });
    expect(r.success).toBe(false);
    const paths = r.success ? [] : r.error.issues.map((i) => i.path[0]);
    expect(paths).toEqual(expect.arrayContaining(["currency", "country"]));
  });
});
