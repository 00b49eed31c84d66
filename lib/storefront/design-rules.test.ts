import { describe, expect, it } from "vitest";
import { contentPageSchema, designSchema, isSafeHref, parseFooterLinks } from "./design-rules";

const valid = {
  brandColor: "#1F2937",
  accentColor: "#b45309",
  fontPairing: "classic",
  cornerStyle: "pill",
  heroHeadline: "Fresh coffee",
  heroText: "",
  heroCtaLabel: "Shop",
  heroCtaHref: "/s/kai/search",
  featuredCollectionId: "",
  announcement: "",
};

describe("designSchema", () => {
  it("accepts a valid design and lowercases colours", () => {
    const parsed = designSchema.parse(valid);
    expect(parsed.brandColor).toBe("#1f2937");
  });

  it("rejects bad colours, fonts and unsafe links", () => {
    const result = designSchema.safeParse({
      ...valid,
      brandColor: "red",
      accentColor: "#12345",
      fontPairing: "comic-sans",
      heroCtaHref: "javascript:alert(1)",
    });
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((i) => i.path[0]);
    expect(paths).toEqual(
      expect.arrayContaining(["brandColor", "accentColor", "fontPairing", "heroCtaHref"]),
    );
  });
});

describe("links", () => {
  it("allows paths and http(s) only", () => {
    expect(isSafeHref("/s/shop/pages/about")).toBe(true);
    expect(isSafeHref("https://instagram.com/kai")).toBe(true);
    expect(isSafeHref("//evil.example")).toBe(false);
    expect(isSafeHref("javascript:alert(1)")).toBe(false);
    expect(isSafeHref("data:text/html,hi")).toBe(false);
  });

  it("parses footer link rows, skipping empty ones and flagging half-filled ones", () => {
    const { links, errors } = parseFooterLinks({
      footerLabel0: "Instagram",
      footerHref0: "https://instagram.com/kai",
      footerLabel1: "",
      footerHref1: "",
      footerLabel2: "Broken",
      footerHref2: "javascript:x",
      footerHref3: "/about",
    });
    expect(links).toHaveLength(3);
    expect(errors).toEqual({
      footerHref2: expect.any(String),
      footerLabel3: expect.any(String),
    });
  });
});

describe("contentPageSchema", () => {
  it("validates title and slug", () => {
    expect(
      contentPageSchema.safeParse({ title: "About", slug: "about-us", body: "" }).success,
    ).toBe(true);
    const bad = contentPageSchema.safeParse({ title: "", slug: "About Us!", body: "" });
    expect(bad.error?.issues.map((i) => i.path[0])).toEqual(["title", "slug"]);
  });
});
