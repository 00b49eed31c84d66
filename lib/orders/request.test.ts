// Host-header test: Checkout's return URLs come from APP_URL or the shop's own verified host only.
import { describe, expect, it, vi } from "vitest";

const current = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", () => ({
  headers: async () => current.headers,
  cookies: async () => ({ get: () => undefined }),
}));

const { shopperOrigin } = await import("./request");

async function originFor(headers: Record<string, string | undefined>, slug = "kai") {
  current.headers = new Headers(
    Object.entries(headers).filter((e): e is [string, string] => e[1] !== undefined),
  );
  return shopperOrigin(slug);
}

describe("shopperOrigin", () => {
  it("keeps the shop's own host for that shop, the platform otherwise", async () => {
    expect(await originFor({ host: "kai.localhost:3000" })).toEqual({
      origin: "http://kai.localhost:3000",
      shopHost: true,
    });
    expect(await originFor({ host: "localhost:3000" })).toEqual({
      origin: "http://localhost:3000",
      shopHost: false,
    });
    // Another shop's host does not become this shop's return URL.
    expect(await originFor({ host: "other.localhost:3000" })).toMatchObject({ shopHost: false });
  });

  it.each([
    { host: "localhost:3000", "x-forwarded-host": "evil.example/.localhost" },
    { host: "localhost:3000", "x-forwarded-host": "evil.example/.localhost:3000" },
    { host: "evil.example" },
    { host: "kai.localhost:3000", "x-forwarded-host": "kai.localhost:3000.evil.example" },
    { host: "localhost:3000", "x-forwarded-host": "kai.localhost:3000@evil.example" },
  ])("never builds a return URL on a forged host: %j", async (headers) => {
    const { origin } = await originFor(headers);
    expect(new URL(origin).host).not.toContain("evil");
    expect(origin).toBe("http://localhost:3000");
  });
});
