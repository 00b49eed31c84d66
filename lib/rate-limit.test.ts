import { describe, expect, it } from "vitest";
import { clientAddressFrom, waitText } from "./rate-limit";

describe("clientAddressFrom", () => {
  it("takes the address next start appended when no proxy is trusted", () => {
    // A client may send its own X-Forwarded-For; next start appends the socket's address.
    expect(clientAddressFrom("6.6.6.6, 203.0.113.9", 0)).toBe("203.0.113.9");
    expect(clientAddressFrom("203.0.113.9", 0)).toBe("203.0.113.9");
  });

  it("skips the trusted proxies' own entries", () => {
    expect(clientAddressFrom("6.6.6.6, 203.0.113.9, 10.0.0.2", 1)).toBe("203.0.113.9");
    expect(clientAddressFrom("203.0.113.9, 10.0.0.2", 5)).toBe("203.0.113.9");
  });

  it("names an unknown client the same way every time", () => {
    expect(clientAddressFrom(null, 0)).toBe("unknown");
    expect(clientAddressFrom(" , ", 1)).toBe("unknown");
  });
});

describe("waitText", () => {
  it("speaks in seconds, then minutes", () => {
    expect(waitText(45)).toBe("45 seconds");
    expect(waitText(600)).toBe("10 minutes");
  });
});
