/**
 * Storefront theme: the design a merchant picks, validated, and turned into CSS variables.
 * Pure (no server imports) so the live preview in the editor uses exactly the same maths.
 */

export const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;

export const FONT_PAIRINGS = {
  modern: {
    label: "Modern — clean sans-serif",
    heading:
      'ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
    body: 'ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  },
  classic: {
    label: "Classic — serif headings, sans-serif text",
    heading: 'ui-serif, Georgia, Cambria, "Times New Roman", Times, serif',
    body: 'ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  },
  editorial: {
    label: "Editorial — serif throughout",
    heading: '"Iowan Old Style", "Palatino Linotype", Palatino, "Book Antiqua", Georgia, serif',
    body: 'Charter, "Bitstream Charter", "Sitka Text", Cambria, Georgia, serif',
  },
  humanist: {
    label: "Humanist — friendly and open",
    heading:
      'Seravek, "Gill Sans Nova", Ubuntu, Calibri, "DejaVu Sans", source-sans-pro, sans-serif',
    body: 'Seravek, "Gill Sans Nova", Ubuntu, Calibri, "DejaVu Sans", source-sans-pro, sans-serif',
  },
  technical: {
    label: "Technical — monospace headings",
    heading:
      'ui-monospace, "Cascadia Code", "Source Code Pro", Menlo, Consolas, "DejaVu Sans Mono", monospace',
    body: 'ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  },
} as const;

export type FontPairing = keyof typeof FONT_PAIRINGS;
export const FONT_PAIRING_KEYS = Object.keys(FONT_PAIRINGS) as FontPairing[];

export const CORNER_STYLES = {
  sharp: { label: "Sharp", radius: "0px", buttonRadius: "0px" },
  rounded: { label: "Rounded", radius: "0.75rem", buttonRadius: "0.5rem" },
  pill: { label: "Pill", radius: "1.25rem", buttonRadius: "9999px" },
} as const;

export type CornerStyle = keyof typeof CORNER_STYLES;
export const CORNER_STYLE_KEYS = Object.keys(CORNER_STYLES) as CornerStyle[];

export type ThemeInput = {
  brandColor: string;
  accentColor: string;
  fontPairing: string;
  cornerStyle: string;
};

export const DEFAULT_THEME = {
  brandColor: "#1f2937",
  accentColor: "#b45309",
  fontPairing: "modern",
  cornerStyle: "rounded",
} as const satisfies ThemeInput;

function channel(value: number) {
  const c = value / 255;
  return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** WCAG relative luminance of a #rrggbb colour. */
export function relativeLuminance(hex: string) {
  const n = Number.parseInt(hex.slice(1), 16);
  return (
    0.2126 * channel((n >> 16) & 255) + 0.7152 * channel((n >> 8) & 255) + 0.0722 * channel(n & 255)
  );
}

export function contrastRatio(a: string, b: string) {
  const la = relativeLuminance(a);
  const lb = relativeLuminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/** Black or white, whichever reads better on the background. */
export function readableTextOn(background: string) {
  return contrastRatio(background, "#ffffff") >= contrastRatio(background, "#111111")
    ? "#ffffff"
    : "#111111";
}

/** WCAG AA for normal text needs 4.5:1. */
export const AA_NORMAL_TEXT = 4.5;

export type ContrastReport = {
  /** Text drawn on the colour (buttons, the announcement bar): black or white, whichever reads. */
  textColor: string;
  ratio: number;
  passesAA: boolean;
  /** The colour used as text on the white page (links, prices, headings accents). */
  onWhiteRatio: number;
  onWhitePassesAA: boolean;
};

const round2 = (n: number) => Math.round(n * 100) / 100;

/** How text will read on and in a colour, against WCAG AA (4.5:1 for normal text). */
export function contrastReport(color: string): ContrastReport | null {
  if (!HEX_COLOR.test(color)) return null;
  const textColor = readableTextOn(color);
  const ratio = contrastRatio(color, textColor);
  const onWhite = contrastRatio(color, "#ffffff");
  return {
    textColor,
    ratio: round2(ratio),
    passesAA: ratio >= AA_NORMAL_TEXT,
    onWhiteRatio: round2(onWhite),
    onWhitePassesAA: onWhite >= AA_NORMAL_TEXT,
  };
}

function normalise(input: Partial<ThemeInput>) {
  const brand =
    input.brandColor && HEX_COLOR.test(input.brandColor)
      ? input.brandColor.toLowerCase()
      : DEFAULT_THEME.brandColor;
  const accent =
    input.accentColor && HEX_COLOR.test(input.accentColor)
      ? input.accentColor.toLowerCase()
      : DEFAULT_THEME.accentColor;
  const font = (FONT_PAIRING_KEYS as string[]).includes(input.fontPairing ?? "")
    ? (input.fontPairing as FontPairing)
    : DEFAULT_THEME.fontPairing;
  const corners = (CORNER_STYLE_KEYS as string[]).includes(input.cornerStyle ?? "")
    ? (input.cornerStyle as CornerStyle)
    : DEFAULT_THEME.cornerStyle;
  return { brand, accent, font, corners };
}

/** The theme as CSS custom properties, set on the storefront's root element. */
export function themeVariables(input: Partial<ThemeInput>): Record<string, string> {
  const { brand, accent, font, corners } = normalise(input);
  return {
    "--sf-brand": brand,
    "--sf-on-brand": readableTextOn(brand),
    // Brand-coloured text on the white page only when it stays readable; else near-black.
    "--sf-brand-text": contrastRatio(brand, "#ffffff") >= AA_NORMAL_TEXT ? brand : "#111111",
    "--sf-accent": accent,
    "--sf-on-accent": readableTextOn(accent),
    "--sf-accent-text": contrastRatio(accent, "#ffffff") >= AA_NORMAL_TEXT ? accent : "#111111",
    "--sf-font-heading": FONT_PAIRINGS[font].heading,
    "--sf-font-body": FONT_PAIRINGS[font].body,
    "--sf-radius": CORNER_STYLES[corners].radius,
    "--sf-radius-button": CORNER_STYLES[corners].buttonRadius,
  };
}
