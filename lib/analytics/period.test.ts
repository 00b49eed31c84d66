import { describe, expect, it } from "vitest";
import { fillDays, parsePeriod, periodRange } from "./period";

describe("periods", () => {
  it("accepts 7, 30 and 90 days and defaults to 30", () => {
    expect(parsePeriod("7")).toBe(7);
    expect(parsePeriod("90")).toBe(90);
    expect(parsePeriod("31")).toBe(30);
    expect(parsePeriod(undefined)).toBe(30);
    expect(parsePeriod(["7"])).toBe(30);
  });

  it("covers the last N UTC days, today included", () => {
    const r = periodRange(7, new Date("2026-03-10T15:30:00Z"));
    expect(r.start.toISOString()).toBe("2026-03-04T00:00:00.000Z");
    expect(r.dayKeys).toEqual([
      "2026-03-04",
      "2026-03-05",
      "2026-03-06",
      "2026-03-07",
      "2026-03-08",
      "2026-03-09",
      "2026-03-10",
    ]);
    expect(fillDays(r, [{ day: "2026-03-05", amount: 12 }]).map((d) => d.amount)).toEqual([
      0, 12, 0, 0, 0, 0, 0,
    ]);
  });
});
