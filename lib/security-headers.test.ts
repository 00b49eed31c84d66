import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, securityHeaders } from "./security-headers";

function directives(csp: string) {
  return Object.fromEntries(
    csp.split("; ").map((d) => {
      const [name, ...values] = d.split(" ");
      return [name, values];
    }),
  );
}

describe("security headers", () => {
  it("real mode allows Stripe's documented hosts and nothing else foreign", () => {
    const d = directives(
      contentSecurityPolicy({ stripe: { mode: "real" }, https: true, development: false }),
    );
    expect(d["script-src"]).toEqual(expect.arrayContaining(["'self'", "https://js.stripe.com"]));
    expect(d["script-src"]).not.toContain("'unsafe-eval'");
    expect(d["frame-src"]).toEqual(
      expect.arrayContaining(["https://js.stripe.com", "https://checkout.stripe.com"]),
    );
    expect(d["connect-src"]).toEqual(expect.arrayContaining(["'self'", "https://api.stripe.com"]));
    expect(d["frame-ancestors"]).toEqual(["'none'"]);
    expect(d["object-src"]).toEqual(["'none'"]);
    expect(d["base-uri"]).toEqual(["'self'"]);
    expect(d["upgrade-insecure-requests"]).toEqual([]);
  });

  it("emulator mode allows the emulator's origin for the shim, the frame and the hosted pages", () => {
    const d = directives(
      contentSecurityPolicy({
        stripe: { mode: "emulator", origin: "http://127.0.0.1:12111" },
        https: false,
        development: false,
      }),
    );
    for (const k of ["script-src", "frame-src", "connect-src", "form-action"])
      expect(d[k]).toContain("http://127.0.0.1:12111");
    expect(JSON.stringify(d)).not.toContain("stripe.com");
    expect(d["upgrade-insecure-requests"]).toBeUndefined();
  });

  it("HSTS only over HTTPS; the rest always", () => {
    const plain = securityHeaders({ stripe: { mode: "real" }, https: false, development: false });
    expect(plain["Strict-Transport-Security"]).toBeUndefined();
    expect(plain["X-Content-Type-Options"]).toBe("nosniff");
    expect(plain["Referrer-Policy"]).toBe("strict-origin-when-cross-origin");
    const tls = securityHeaders({ stripe: { mode: "real" }, https: true, development: false });
    expect(tls["Strict-Transport-Security"]).toMatch(/^max-age=\d+/);
  });
});
