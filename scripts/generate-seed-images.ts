// Draws the demo catalogue's product pictures (db/seed-assets/*.png) with plain Node: signed
// distance shapes, soft shadows and gradients, encoded by lib/catalog/png.ts. Run once:
//   npx tsx scripts/generate-seed-images.ts
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { encodePng } from "../lib/catalog/png";

type RGB = [number, number, number];
type Vec = [number, number];
type Shape = {
  sdf: (x: number, y: number) => number;
  color: RGB | ((x: number, y: number) => RGB);
};

const SIZE = 480;
const hex = (h: string): RGB => [
  parseInt(h.slice(1, 3), 16),
  parseInt(h.slice(3, 5), 16),
  parseInt(h.slice(5, 7), 16),
];
const mix = (a: RGB, b: RGB, t: number): RGB => [
  a[0] + (b[0] - a[0]) * t,
  a[1] + (b[1] - a[1]) * t,
  a[2] + (b[2] - a[2]) * t,
];
const shade = (c: RGB, f: number): RGB =>
  f < 0 ? mix(c, [0, 0, 0], -f) : mix(c, [255, 255, 255], f);

// --- signed distance functions (negative inside)
const roundedBox =
  (cx: number, cy: number, hw: number, hh: number, r: number) => (x: number, y: number) => {
    const qx = Math.abs(x - cx) - hw + r;
    const qy = Math.abs(y - cy) - hh + r;
    return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
  };
const circle = (cx: number, cy: number, r: number) => (x: number, y: number) =>
  Math.hypot(x - cx, y - cy) - r;
const ellipse = (cx: number, cy: number, rx: number, ry: number) => (x: number, y: number) =>
  (Math.hypot((x - cx) / rx, (y - cy) / ry) - 1) * Math.min(rx, ry);
const ring = (cx: number, cy: number, r: number, t: number) => (x: number, y: number) =>
  Math.abs(Math.hypot(x - cx, y - cy) - r) - t;
const capsule = (a: Vec, b: Vec, r: number) => (x: number, y: number) => {
  const pa: Vec = [x - a[0], y - a[1]];
  const ba: Vec = [b[0] - a[0], b[1] - a[1]];
  const h = Math.max(0, Math.min(1, (pa[0] * ba[0] + pa[1] * ba[1]) / (ba[0] ** 2 + ba[1] ** 2)));
  return Math.hypot(pa[0] - ba[0] * h, pa[1] - ba[1] * h) - r;
};
const polygon = (pts: Vec[]) => (x: number, y: number) => {
  let d = Infinity;
  let sign = 1;
  for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) {
    const [ax, ay] = pts[i] as Vec;
    const [bx, by] = pts[j] as Vec;
    const ex = bx - ax;
    const ey = by - ay;
    const wx = x - ax;
    const wy = y - ay;
    const h = Math.max(0, Math.min(1, (wx * ex + wy * ey) / (ex * ex + ey * ey)));
    d = Math.min(d, Math.hypot(wx - ex * h, wy - ey * h));
    const c1 = y >= ay;
    const c2 = y < by;
    const c3 = ex * wy > ey * wx;
    if ((c1 && c2 && c3) || (!c1 && !c2 && !c3)) sign = -sign;
  }
  return sign * d;
};
const subtract =
  (a: (x: number, y: number) => number, b: (x: number, y: number) => number) =>
  (x: number, y: number) =>
    Math.max(a(x, y), -b(x, y));

// Vertical light: brighter on the left, darker on the right, for a touch of volume.
const lit = (base: RGB, cx: number, hw: number) => (x: number) =>
  shade(base, 0.18 - 0.36 * Math.max(0, Math.min(1, (x - (cx - hw)) / (2 * hw))));

function render(
  bgTop: RGB,
  bgBottom: RGB,
  shadow: { cx: number; cy: number; rx: number; ry: number },
  shapes: Shape[],
) {
  return encodePng(SIZE, SIZE, (px, py) => {
    const x = px + 0.5;
    const y = py + 0.5;
    const t = y / SIZE;
    let c: RGB = mix(bgTop, bgBottom, t);
    // vignette
    const v = Math.hypot(x - SIZE / 2, y - SIZE / 2) / (SIZE * 0.75);
    c = shade(c, -0.12 * v * v);
    // soft contact shadow
    const sd = Math.hypot((x - shadow.cx) / shadow.rx, (y - shadow.cy) / shadow.ry);
    c = shade(c, -0.28 * Math.max(0, 1 - sd) ** 1.6);
    for (const s of shapes) {
      const d = s.sdf(x, y);
      const a = Math.max(0, Math.min(1, 0.5 - d));
      if (a > 0) c = mix(c, typeof s.color === "function" ? s.color(x, y) : s.color, a);
    }
    return c;
  });
}

const BG = {
  cream: [hex("#f7f1e8"), hex("#ead9c3")] as const,
  sage: [hex("#eef3ec"), hex("#d3e0cf")] as const,
  sky: [hex("#eef4fa"), hex("#cfdeee")] as const,
  blush: [hex("#fbefec"), hex("#efd3cc")] as const,
  stone: [hex("#f2f2f0"), hex("#d9d8d3")] as const,
};

function coffeeBag(bag: RGB, label: RGB, accent: RGB, bg: readonly [RGB, RGB]) {
  const cx = 240;
  const body = polygon([
    [150, 140],
    [330, 140],
    [345, 395],
    [135, 395],
  ]);
  const top = polygon([
    [158, 100],
    [322, 100],
    [330, 142],
    [150, 142],
  ]);
  const fold = roundedBox(cx, 102, 84, 6, 3);
  const valve = circle(cx, 175, 9);
  const labelBox = roundedBox(cx, 285, 70, 66, 10);
  const band = roundedBox(cx, 262, 70, 9, 0);
  const bean = subtract(ellipse(cx, 310, 17, 24), capsule([cx - 3, 290], [cx + 3, 330], 2.2));
  return render(bg[0], bg[1], { cx, cy: 400, rx: 140, ry: 22 }, [
    { sdf: body, color: (x) => lit(bag, cx, 105)(x) },
    { sdf: top, color: (x) => lit(shade(bag, -0.12), cx, 90)(x) },
    { sdf: fold, color: shade(bag, -0.3) },
    { sdf: valve, color: shade(bag, -0.25) },
    { sdf: labelBox, color: label },
    { sdf: band, color: accent },
    { sdf: bean, color: hex("#5b3a24") },
  ]);
}

function mug(body: RGB, bg: readonly [RGB, RGB], inner: RGB = hex("#3b2618")) {
  const cx = 225;
  return render(bg[0], bg[1], { cx: 240, cy: 372, rx: 150, ry: 20 }, [
    { sdf: ring(330, 262, 48, 14), color: shade(body, -0.1) },
    { sdf: roundedBox(cx, 265, 100, 105, 22), color: (x) => lit(body, cx, 100)(x) },
    { sdf: ellipse(cx, 165, 100, 20), color: shade(body, -0.2) },
    { sdf: ellipse(cx, 168, 88, 14), color: inner },
  ]);
}

function kettle(metal: RGB, bg: readonly [RGB, RGB]) {
  const cx = 250;
  return render(bg[0], bg[1], { cx, cy: 388, rx: 150, ry: 20 }, [
    { sdf: capsule([170, 300], [95, 175], 9), color: shade(metal, -0.1) },
    { sdf: capsule([95, 175], [70, 160], 8), color: shade(metal, -0.1) },
    { sdf: ring(335, 260, 62, 11), color: hex("#2b2b2b") },
    {
      sdf: polygon([
        [170, 200],
        [330, 200],
        [352, 380],
        [148, 380],
      ]),
      color: (x) => lit(metal, cx, 105)(x),
    },
    { sdf: ellipse(cx, 200, 80, 16), color: shade(metal, -0.15) },
    { sdf: circle(cx, 176, 14), color: hex("#2b2b2b") },
  ]);
}

function dripper(color: RGB, bg: readonly [RGB, RGB]) {
  const cx = 240;
  return render(bg[0], bg[1], { cx, cy: 392, rx: 140, ry: 20 }, [
    { sdf: roundedBox(cx, 360, 120, 20, 8), color: hex("#8a6a4f") },
    { sdf: roundedBox(cx, 330, 55, 14, 4), color: shade(color, -0.15) },
    {
      sdf: polygon([
        [130, 160],
        [350, 160],
        [290, 320],
        [190, 320],
      ]),
      color: (x) => lit(color, cx, 110)(x),
    },
    { sdf: ellipse(cx, 160, 110, 18), color: shade(color, -0.18) },
    { sdf: ellipse(cx, 162, 96, 12), color: hex("#f5efe4") },
    { sdf: ring(355, 230, 30, 9), color: shade(color, -0.08) },
  ]);
}

function grinder(bg: readonly [RGB, RGB]) {
  const cx = 240;
  const wood = hex("#a47148");
  return render(bg[0], bg[1], { cx, cy: 396, rx: 120, ry: 18 }, [
    { sdf: roundedBox(cx, 310, 85, 80, 10), color: (x) => lit(wood, cx, 85)(x) },
    { sdf: roundedBox(cx, 330, 40, 22, 4), color: shade(wood, -0.3) },
    { sdf: circle(cx, 330, 5), color: hex("#d9b44a") },
    {
      sdf: polygon([
        [180, 230],
        [300, 230],
        [280, 190],
        [200, 190],
      ]),
      color: hex("#9aa0a6"),
    },
    { sdf: capsule([cx, 190], [cx, 130], 6), color: hex("#6b7075") },
    { sdf: capsule([cx, 130], [330, 110], 6), color: hex("#6b7075") },
    { sdf: circle(335, 108, 16), color: hex("#3d2a1c") },
  ]);
}

function scale(bg: readonly [RGB, RGB]) {
  const cx = 240;
  return render(bg[0], bg[1], { cx, cy: 340, rx: 170, ry: 22 }, [
    { sdf: roundedBox(cx, 300, 150, 32, 16), color: (x) => lit(hex("#2f3336"), cx, 150)(x) },
    { sdf: roundedBox(cx, 272, 140, 6, 3), color: hex("#4a5055") },
    { sdf: roundedBox(cx - 50, 306, 48, 14, 4), color: hex("#10171b") },
    { sdf: roundedBox(cx - 50, 306, 40, 8, 2), color: hex("#5ee0a0") },
    { sdf: circle(cx + 70, 306, 10), color: hex("#5a6167") },
    { sdf: circle(cx + 105, 306, 10), color: hex("#5a6167") },
  ]);
}

function tshirt(color: RGB, bg: readonly [RGB, RGB], print: RGB) {
  const cx = 240;
  const shirt = polygon([
    [190, 110],
    [215, 125],
    [265, 125],
    [290, 110],
    [375, 150],
    [350, 215],
    [320, 200],
    [320, 380],
    [160, 380],
    [160, 200],
    [130, 215],
    [105, 150],
  ]);
  return render(bg[0], bg[1], { cx, cy: 392, rx: 140, ry: 16 }, [
    { sdf: shirt, color: (x) => lit(color, cx, 140)(x) },
    { sdf: ellipse(cx, 118, 26, 12), color: shade(color, -0.25) },
    { sdf: circle(cx, 235, 36), color: print },
    { sdf: ellipse(cx, 235, 13, 20), color: color },
  ]);
}

function tote(color: RGB, bg: readonly [RGB, RGB], print: RGB) {
  const cx = 240;
  return render(bg[0], bg[1], { cx, cy: 398, rx: 130, ry: 16 }, [
    { sdf: ring(cx, 175, 58, 8), color: shade(color, -0.15) },
    { sdf: roundedBox(cx, 295, 115, 100, 6), color: (x) => lit(color, cx, 115)(x) },
    { sdf: roundedBox(cx, 300, 60, 40, 20), color: print },
  ]);
}

function giftCard(bg: readonly [RGB, RGB]) {
  const cx = 240;
  const card = hex("#1f2937");
  return render(bg[0], bg[1], { cx, cy: 340, rx: 170, ry: 20 }, [
    {
      sdf: roundedBox(cx, 240, 160, 100, 18),
      color: (x, y) => mix(card, hex("#4f46e5"), (x + y - 200) / 500),
    },
    { sdf: roundedBox(cx - 60, 240, 8, 100, 0), color: hex("#f59e0b") },
    { sdf: roundedBox(cx, 240, 160, 8, 0), color: hex("#f59e0b") },
    { sdf: circle(cx - 60, 240, 20), color: hex("#fbbf24") },
    { sdf: roundedBox(cx + 80, 300, 50, 8, 4), color: hex("#e5e7eb") },
  ]);
}

function filters(bg: readonly [RGB, RGB]) {
  const cx = 240;
  return render(bg[0], bg[1], { cx, cy: 380, rx: 150, ry: 18 }, [
    { sdf: roundedBox(cx, 290, 130, 85, 8), color: (x) => lit(hex("#c9a27a"), cx, 130)(x) },
    {
      sdf: polygon([
        [150, 180],
        [330, 180],
        [290, 260],
        [190, 260],
      ]),
      color: hex("#fbf7f0"),
    },
    {
      sdf: polygon([
        [165, 165],
        [315, 165],
        [280, 235],
        [200, 235],
      ]),
      color: hex("#f4ede1"),
    },
    { sdf: roundedBox(cx, 320, 70, 16, 6), color: hex("#6b4226") },
  ]);
}

function tin(color: RGB, bg: readonly [RGB, RGB]) {
  const cx = 240;
  return render(bg[0], bg[1], { cx, cy: 390, rx: 120, ry: 18 }, [
    { sdf: roundedBox(cx, 280, 90, 105, 10), color: (x) => lit(color, cx, 90)(x) },
    { sdf: roundedBox(cx, 178, 94, 14, 6), color: shade(color, -0.25) },
    { sdf: roundedBox(cx, 285, 90, 34, 0), color: hex("#f5efe4") },
    { sdf: circle(cx, 285, 18), color: shade(color, -0.1) },
  ]);
}

const images: Record<string, Uint8Array> = {
  "bag-ethiopia": coffeeBag(hex("#d9822b"), hex("#fff8ee"), hex("#1d6f5f"), BG.cream),
  "bag-colombia": coffeeBag(hex("#2f6f4f"), hex("#fdf6e9"), hex("#e0a526"), BG.sage),
  "bag-kenya": coffeeBag(hex("#b3322f"), hex("#fff5ef"), hex("#222222"), BG.blush),
  "bag-guatemala": coffeeBag(hex("#3c4f8f"), hex("#f3f1ff"), hex("#e6b04a"), BG.sky),
  "bag-brazil": coffeeBag(hex("#e2b33c"), hex("#fffbea"), hex("#2f5d3a"), BG.cream),
  "bag-sumatra": coffeeBag(hex("#4b3b5e"), hex("#f6f0ff"), hex("#c7883d"), BG.stone),
  "bag-espresso": coffeeBag(hex("#1f1f23"), hex("#f2eadf"), hex("#c0392b"), BG.stone),
  "bag-decaf": coffeeBag(hex("#6f8a9c"), hex("#f7fbff"), hex("#233f52"), BG.sky),
  "bag-house": coffeeBag(hex("#8a5a3b"), hex("#fff7ec"), hex("#e07a3f"), BG.cream),
  "mug-white": mug(hex("#f4f1ea"), BG.sky),
  "mug-black": mug(hex("#2a2a2e"), BG.stone),
  "mug-terracotta": mug(hex("#c8643b"), BG.cream),
  "mug-sage": mug(hex("#8fae8b"), BG.sage),
  kettle: kettle(hex("#b9bec4"), BG.stone),
  "kettle-black": kettle(hex("#34383c"), BG.cream),
  dripper: dripper(hex("#efe9e1"), BG.blush),
  "dripper-glass": dripper(hex("#c7d7e6"), BG.sky),
  grinder: grinder(BG.cream),
  scale: scale(BG.sage),
  "tshirt-black": tshirt(hex("#26272b"), BG.stone, hex("#e0a526")),
  "tshirt-cream": tshirt(hex("#efe3cf"), BG.blush, hex("#8a5a3b")),
  tote: tote(hex("#e8dcc3"), BG.sage, hex("#2f6f4f")),
  "gift-card": giftCard(BG.blush),
  filters: filters(BG.cream),
  "tin-storage": tin(hex("#2f6f4f"), BG.stone),
};

const dir = path.resolve(import.meta.dirname, "../db/seed-assets");
mkdirSync(dir, { recursive: true });
let total = 0;
for (const [name, png] of Object.entries(images)) {
  writeFileSync(path.join(dir, `${name}.png`), png);
  total += png.length;
}
console.log(`${Object.keys(images).length} images, ${(total / 1024).toFixed(0)} KiB in ${dir}`);
