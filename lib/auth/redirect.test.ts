import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "./redirect";

describe("safeRedirectPath", () => {
  it("keeps same-site paths with their query and hash", () => {
    expect(safeRedirectPath("/dashboard/kai-coffee/orders?status=paid#top")).toBe(
      "/dashboard/kai-coffee/orders?status=paid#top",
    );
    expect(safeRedirectPath("/admin")).toBe("/admin");
  });

  it.each([
    "//evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "/%09/evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "\t//evil.example",
    " //evil.example",
    "/%2F/evil.example",
    "/%5C/evil.example",
    "/%2f%2fevil.example",
    "https://evil.example/dashboard",
    "http:evil.example",
    "javascript:alert(1)",
    "evil.example",
    "/dashboard\r\nSet-Cookie: x=1",
    "/dashboard\u0000",
    "/%E0%A4%A",
    "/sign-in?callbackUrl=/dashboard",
    "/sign-up",
    "/api/auth/signout",
    "",
    "x".repeat(3000),
  ])("refuses %j", (value) => {
    expect(safeRedirectPath(value)).toBe("/dashboard");
  });

  it("refuses what is not a string", () => {
    expect(safeRedirectPath(undefined)).toBe("/dashboard");
    expect(safeRedirectPath(["/admin"])).toBe("/dashboard");
    expect(safeRedirectPath({ toString: () => "/admin" })).toBe("/dashboard");
  });

  it("never returns anything a browser would resolve to another origin", () => {
    const tricky = ["/.//evil.example", "/./\\evil.example", "/..//evil.example", "/%09%2F/x"];
    for (const value of tricky) {
      const out = safeRedirectPath(value);
      expect(new URL(out, "https://bazaar.test").origin).toBe("https://bazaar.test");
    }
  });
});
