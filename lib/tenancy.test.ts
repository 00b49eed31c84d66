import { describe, expect, it } from "vitest";
import { classifyHost, requestHostHeader, shopSlugFromHost, storefrontUrl } from "./tenancy";

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

describe("classifyHost", () => {
  const dev = { appUrl: "http://localhost:3000" };
  const prod = { appUrl: "https://bazaar.example.com", rootDomain: "shops.example.com" };

  it("knows the platform host and shop hosts exactly", () => {
    expect(classifyHost("localhost:3000", dev)).toMatchObject({
      kind: "platform",
      origin: "http://localhost:3000",
    });
    expect(classifyHost("kai-coffee.localhost:3000", dev)).toMatchObject({
      kind: "shop",
      slug: "kai-coffee",
      origin: "http://kai-coffee.localhost:3000",
    });
    expect(classifyHost("Kai.Shops.Example.com", prod)).toMatchObject({
      kind: "shop",
      slug: "kai",
      origin: "https://kai.shops.example.com",
    });
    expect(classifyHost("bazaar.example.com", prod)).toMatchObject({ kind: "platform" });
  });

  it.each([
    "evil.example/.localhost:3000",
    "evil.example/.localhost",
    "evil.example",
    "127.0.0.1:3000",
    "localhost:3001",
    "kai.localhost:3001",
    "kai.localhost",
    "a.b.localhost:3000",
    "www.localhost:3000",
    "kai.localhost:3000@evil.example",
    "kai.localhost:3000 evil",
    "",
  ])("refuses %j in development", (host) => {
    expect(classifyHost(host, dev).kind).toBe("foreign");
  });

  it.each([
    "kai.shops.example.com.evil.example",
    "evilshops.example.com",
    "shops.example.com",
    "www.bazaar.example.com",
    "kai.localhost:3000",
    "bazaar.example.com.",
  ])("refuses %j in production", (host) => {
    expect(classifyHost(host, prod).kind).toBe("foreign");
  });

  it("reads the forwarded host first, then Host", () => {
    const h = (o: Record<string, string>) => new Headers(o);
    expect(requestHostHeader(h({ host: "a", "x-forwarded-host": "b, c" }))).toBe("b");
    expect(requestHostHeader(h({ host: "a" }))).toBe("a");
  });
});
