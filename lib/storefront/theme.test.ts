import { describe, expect, it } from "vitest";
import { contrastRatio, contrastReport, readableTextOn, themeVariables } from "./theme";

describe("contrast", () => {
  it("computes the WCAG ratio of black on white", () => {
    expect(contrastRatio("#000000", "#ffffff")).toBeCloseTo(21, 1);
    expect(contrastRatio("#777777", "#ffffff")).toBeCloseTo(4.48, 1);
  });

  it("picks readable text and flags colours that fail AA", () => {
    expect(readableTextOn("#1f2937")).toBe("#ffffff");
    expect(readableTextOn("#fde68a")).toBe("#111111");
    expect(contrastReport("#1f2937")?.passesAA).toBe(true);
    // Mid-grey: neither white nor near-black text reaches 4.5:1 on it.
    expect(contrastReport("#797979")?.passesAA).toBe(false);
    // Orange reads with dark text on it, but not as text on the white page.
    expect(contrastReport("#f26522")).toMatchObject({ passesAA: true, onWhitePassesAA: false });
    expect(contrastReport("red")).toBeNull();
  });
});

describe("themeVariables", () => {
  it("turns a design into CSS variables and falls back on bad values", () => {
    const vars = themeVariables({
      brandColor: "#FFEE00",
      accentColor: "nope",
      fontPairing: "classic",
      cornerStyle: "pill",
    });
    expect(vars["--sf-brand"]).toBe("#ffee00");
    expect(vars["--sf-on-brand"]).toBe("#111111");
    expect(vars["--sf-brand-text"]).toBe("#111111");
    expect(vars["--sf-accent"]).toBe("#b45309");
    expect(vars["--sf-font-heading"]).toMatch(/serif/);
    expect(vars["--sf-radius-button"]).toBe("9999px");
    expect(themeVariables({ fontPairing: "comic", cornerStyle: "wavy" })["--sf-radius"]).toBe(
      "0.75rem",
    );
  });
});
