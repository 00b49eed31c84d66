import { describe, expect, it } from "vitest";
import { canonicalShopUrl, shopHref, shopRef } from "./links";

describe("storefront links", () => {
  it("uses the host's own paths on a shop host and /s/{shop} on the platform", () => {
    expect(shopRef("kai")).toEqual({ slug: "kai", base: "/s/kai" });
    expect(shopRef("~kai")).toEqual({ slug: "kai", base: "" });
    expect(shopRef("%7Ekai")).toEqual({ slug: "kai", base: "" });
    expect(shopHref("", "/products/mug")).toBe("/products/mug");
    expect(shopHref("")).toBe("/");
    expect(shopHref("/s/kai")).toBe("/s/kai");
    expect(shopHref("/s/kai", "cart")).toBe("/s/kai/cart");
  });

  it("names one canonical address per page from configuration", () => {
    expect(canonicalShopUrl("kai", "/products/mug", { appUrl: "http://localhost:3000" })).toBe(
      "http://kai.localhost:3000/products/mug",
    );
    expect(
      canonicalShopUrl("kai", "/products/mug", {
        appUrl: "https://bazaar.example.com",
        rootDomain: "shops.example.com",
      }),
    ).toBe("https://kai.shops.example.com/products/mug");
    expect(canonicalShopUrl("kai", "/", { appUrl: "https://bazaar.example.com" })).toBe(
      "https://bazaar.example.com/s/kai",
    );
  });
});
