import type { FrameLocator, Page } from "@playwright/test";
import { expect } from "./fixtures";

/** Adds one product to this browser's cart in a shop and opens the cart. */
export async function addToCartAndOpenCart(
  page: Page,
  shop: string,
  product: { slug: string; name: string },
  quantity = 1,
) {
  await page.goto(`/s/${shop}/products/${product.slug}`);
  if (quantity !== 1) await page.getByLabel("Quantity").fill(String(quantity));
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page.getByText(/Added to your cart/)).toBeVisible();
  await page.goto(`/s/${shop}/cart`);
  await expect(page.getByRole("heading", { name: "Your cart" })).toBeVisible();
  await expect(page.getByRole("list", { name: "Items in your cart" })).toContainText(product.name);
}

/** Fills the emulator's checkout form (hosted page or embedded frame) and pays. */
export async function fillPayment(form: Page | FrameLocator, card: string) {
  await form.getByLabel("Email").fill("shopper@example.test");
  await form.getByLabel("Full name").fill("Sam Shopper");
  await form.getByLabel("Address").fill("1 Harbour Road");
  await form.getByLabel("City").fill("Portland");
  await form.getByLabel("Postal code").fill("04101");
  await form.getByLabel("Card number").fill(card);
  if ("mainFrame" in form) {
    await form.getByRole("button", { name: /^Pay / }).click();
  } else {
    // Inside the embedded frame the shopper submits from the keyboard (Enter in the card field).
    // A mouse click there is aimed with the top page's coordinates, and under a loaded CI
    // machine it sometimes landed beside the button (the form was never posted).
    await expect(form.getByRole("button", { name: /^Pay / })).toBeEnabled();
    await form.getByLabel("Card number").press("Enter");
  }
}

/** A minimal RFC 4180 reader (quoted fields, doubled quotes, CRLF). */
export function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += c;
  }
  if (field || row.length) {
    row.push(field);
    rows.push(row);
  }
  const [header, ...body] = rows.filter((r) => r.some((f) => f !== ""));
  return body.map((r) => Object.fromEntries((header ?? []).map((h, i) => [h, r[i] ?? ""])));
}
