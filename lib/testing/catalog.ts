// Helpers for catalog integration tests.
import { encodePng } from "@/lib/catalog/png";

export function form(
  values: Record<string, string | string[]>,
  files: Record<string, File[]> = {},
) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(values)) {
    if (Array.isArray(v)) for (const x of v) fd.append(k, x);
    else fd.set(k, v);
  }
  for (const [k, list] of Object.entries(files)) for (const f of list) fd.append(k, f);
  return fd;
}

export function pngFile(name = "photo.png", width = 4, height = 3) {
  const bytes = encodePng(width, height, (x, y) => [x * 40, y * 60, 120]);
  return new File([Buffer.from(bytes)], name, { type: "image/png" });
}

export function productForm(shop: string, overrides: Record<string, string> = {}) {
  return {
    shop,
    name: "Ethiopia Kochere",
    slug: "ethiopia-kochere",
    description: "Bright and **floral**.",
    status: "active",
    trackStock: "on",
    price: "18.00",
    compareAtPrice: "",
    sku: "ETH-250",
    stock: "12",
    ...overrides,
  };
}
