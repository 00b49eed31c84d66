import { describe, expect, it } from "vitest";
import { shopSlugFromHost, storefrontUrl } from "./tenancy";

describe("shopSlugFromHost", () => {
  it("maps {shop}.localhost with and without a port", () => {
    expect(shopSlugFromHost("kai.localhost:3000")).toBe("kai");
    expect(shopSlugFromHost("kai-coffee.localhost")).toBe("kai-coffee");
  });
  it("maps {shop}.<root domain> when configured", () => {
    expect(shopSlugFromHost("kai.shops.example.com", "shops.example.com")).toBe("kai");
    expect(shopSlugFromHost("kai.shops.example.com")).toBeNull();
  });
  it("leaves the platform host and platform subdomains alone", () => {
    expect(shopSlugFromHost("localhost:3000")).toBeNull();
    expect(shopSlugFromHost("shops.example.com", "shops.example.com")).toBeNull();
    expect(shopSlugFromHost("www.localhost:3000")).toBeNull();
    expect(shopSlugFromHost(null)).toBeNull();
  });
  it("ignores nested or malformed subdomains", () => {
    expect(shopSlugFromHost("a.b.localhost:3000")).toBeNull();
    expect(shopSlugFromHost("-bad.localhost")).toBeNull();
  });
});

describe("storefrontUrl", () => {
  it("uses the localhost subdomain in development", () => {
    expect(storefrontUrl("kai", "http://localhost:3000")).toBe("http://kai.localhost:3000");
  });
  it("uses the root domain when configured", () => {
    expect(storefrontUrl("kai", "https://bazaar.example.com", "shops.example.com")).toBe(
      "https://kai.shops.example.com",
    );
  });
  it("falls back to the path form", () => {
    expect(storefrontUrl("kai", "https://bazaar.example.com")).toBe(
      "https://bazaar.example.com/s/kai",
    );
  });
});
