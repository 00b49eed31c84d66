import { readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import {
  createShop,
  DEMO,
  expect as baseExpect,
  expectNoSeriousA11yViolations,
  signIn,
  signUp,
  test,
} from "./fixtures";

// Server actions with redirects and uploads can take a while on a shared 2-core machine.
const expect = baseExpect.configure({ timeout: 30_000 });

const asset = (name: string) => ({
  name: `${name}.png`,
  mimeType: "image/png",
  buffer: readFileSync(path.resolve("db/seed-assets", `${name}.png`)),
});

async function addProduct(page: Page, shopSlug: string, name: string, price: string) {
  await page.goto(`/dashboard/${shopSlug}/products/new`);
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel(/^Price/).fill(price);
  await page.getByLabel("Status").selectOption("active");
  await page.getByRole("button", { name: "Create product" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Product created." })).toBeVisible();
}

test.describe("catalog", () => {
  // Long flows on a busy 2-core machine: many server round trips per test.
  test.describe.configure({ timeout: 240_000 });

  test("a merchant creates a product with images and variants, edits, duplicates, archives and deletes it", async ({
    page,
  }) => {
    await signUp(page);
    const shop = await createShop(page, { name: "Fern Ceramics" });
    await page
      .getByRole("navigation", { name: "Shop" })
      .getByRole("link", { name: "Products" })
      .click();
    await expect(page.getByRole("heading", { name: "No products yet" })).toBeVisible();
    await page.getByRole("link", { name: "Add product" }).first().click();

    // Validation next to the fields; nothing is created.
    await page.getByLabel("Name", { exact: true }).fill("Speckled Mug");
    await expect(page.getByLabel("URL slug")).toHaveValue("speckled-mug");
    await page.getByLabel(/^Price/).fill("12.345");
    await page.getByLabel(/^Compare-at price/).fill("5");
    await page.getByRole("button", { name: "Create product" }).click();
    await expect(page.getByText("Use at most 2 decimal places.")).toBeVisible();
    await expect(page.getByLabel(/^Price/)).toHaveAttribute("aria-invalid", "true");

    await page.getByLabel(/^Price/).fill("24");
    await page.getByLabel(/^Compare-at price/).fill("30");
    await page.getByLabel("SKU", { exact: true }).fill("MUG-SPK");
    await page.getByLabel("Stock quantity").fill("7");
    await page
      .getByRole("textbox", { name: "Description" })
      .fill("Hand-thrown **stoneware**.\n\n- 350 ml\n- Dishwasher safe");
    await page.getByRole("button", { name: "Preview" }).click();
    await expect(page.getByLabel("Description preview").locator("strong")).toHaveText("stoneware");
    await page.getByRole("button", { name: "Edit" }).click();
    await page.getByRole("button", { name: "Create product" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Product created." })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Speckled Mug", level: 1 })).toBeVisible();
    await expect(page.getByText("$24.00").first()).toBeVisible();

    // Images: upload two, reorder, fix alt text.
    await page.getByLabel("Add images").setInputFiles([asset("mug-white"), asset("mug-black")]);
    await expect(page.getByRole("list", { name: "Selected images" }).getByRole("img")).toHaveCount(
      2,
    );
    await page.getByLabel("Alt text for these images").fill("Speckled mug");
    await page.getByRole("button", { name: "Upload images" }).click();
    await expect(page.getByText("2 images uploaded.")).toBeVisible();
    const gallery = page.getByRole("list", { name: "Product images" });
    await expect(gallery.getByRole("listitem")).toHaveCount(2);
    await expect(gallery.getByText("480 × 480").first()).toBeVisible();
    await page.getByLabel("Alt text for image 2").fill("Black speckled mug");
    await page.getByRole("button", { name: "Save alt text for image 2" }).click();
    await expect(page.getByText("Alt text saved.")).toBeVisible();
    await page.getByRole("button", { name: "Move up image 2" }).click();
    await expect(page.getByLabel("Alt text for image 1")).toHaveValue("Black speckled mug");
    // The image is served by the app with its real type.
    const src = await gallery.getByRole("img").first().getAttribute("src");
    const res = await page.request.get(src!);
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toBe("image/png");

    // A wrong file type is refused next to the field.
    await page.getByLabel("Add images").setInputFiles({
      name: "notes.png",
      mimeType: "image/png",
      buffer: Buffer.from("definitely not a png"),
    });
    await page.getByRole("button", { name: "Upload images" }).click();
    await expect(page.locator("#images-error")).toContainText(
      "Upload a JPEG, PNG, WebP or GIF image.",
    );

    // Options → variants.
    await page.getByLabel("Option 1 name").fill("Size");
    await page.getByLabel("Option 1 values").fill("Small, Large");
    await page.getByLabel("Option 2 name").fill("Colour");
    await page.getByLabel("Option 2 values").fill("White, Black");
    await expect(page.getByText("4 variants (maximum 100)")).toBeVisible();
    await page.getByRole("button", { name: "Save options" }).click();
    await expect(page.getByText("Options saved: 4 variants.")).toBeVisible();
    const variants = page.getByRole("form", { name: "Variants" });
    await expect(variants.getByText("Large / Black", { exact: true })).toBeVisible();
    await variants.getByLabel("Price for Large / Black", { exact: true }).fill("29.50");
    await variants.getByLabel("Stock for Large / Black", { exact: true }).fill("3");
    await variants.getByLabel("Compare-at price for Small / White", { exact: true }).fill("1");
    await variants.getByRole("button", { name: "Save variants" }).click();
    await expect(
      variants.getByText("The compare-at price must be higher than the price."),
    ).toBeVisible();
    await variants.getByLabel("Compare-at price for Small / White", { exact: true }).fill("");
    await variants.getByRole("button", { name: "Save variants" }).click();
    await expect(variants.getByText("Variants saved.")).toBeVisible();
    await expect(page.getByText("$24.00 – $29.50")).toBeVisible();

    // Edit details.
    await page.getByRole("textbox", { name: "Name", exact: true }).fill("Speckled Stoneware Mug");
    await page.getByRole("button", { name: "Save product" }).click();
    await expect(page.getByText("Product saved.")).toBeVisible();
    await expect(
      page.getByRole("heading", { name: "Speckled Stoneware Mug", level: 1 }),
    ).toBeVisible();

    await expectNoSeriousA11yViolations(page);

    // Duplicate → a draft copy; archive it; delete it with confirmation.
    await page.getByRole("button", { name: "Duplicate" }).click();
    await expect(
      page.getByRole("heading", { name: "Speckled Stoneware Mug (copy)", level: 1 }),
    ).toBeVisible();
    await expect(page.getByText(/Product duplicated/)).toBeVisible();
    await expect(
      page.getByRole("list", { name: "Product images" }).getByRole("listitem"),
    ).toHaveCount(2);
    await page.getByRole("button", { name: "Archive" }).click();
    await expect(page.getByText("Product archived.")).toBeVisible();

    await page.getByRole("button", { name: "Delete product" }).click();
    const dialog = page.getByRole("dialog", { name: "Delete this product?" });
    await expect(dialog).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
    await page.getByRole("button", { name: "Delete product" }).click();
    await dialog.getByRole("button", { name: "Delete for good" }).click();
    await expect(page).toHaveURL(new RegExp(`/dashboard/${shop.slug}/products\\?notice=deleted`));
    await expect(page.getByText("Product deleted.")).toBeVisible();

    const table = page.getByRole("table");
    await expect(table.getByRole("row")).toHaveCount(2); // header + the original
    await expect(table.getByRole("link", { name: "Speckled Stoneware Mug" })).toBeVisible();
    await expect(table.getByText("Archived")).toHaveCount(0);
    await expectNoSeriousA11yViolations(page);
  });

  test("a merchant builds a collection: add, reorder and remove products", async ({ page }) => {
    await signUp(page);
    const shop = await createShop(page, { name: "Loom & Co" });
    await addProduct(page, shop.slug, "Wool Blanket", "120");
    await addProduct(page, shop.slug, "Linen Throw", "80");

    await page.goto(`/dashboard/${shop.slug}/collections`);
    await expect(page.getByRole("heading", { name: "No collections yet" })).toBeVisible();
    await page.getByRole("link", { name: "Add collection" }).first().click();
    await page.getByLabel("Name", { exact: true }).fill("Cosy Evenings");
    await expect(page.getByLabel("URL slug")).toHaveValue("cosy-evenings");
    await page.getByRole("button", { name: "Create collection" }).click();
    await expect(page.getByText("Collection created.")).toBeVisible();

    const picker = page.getByRole("combobox", { name: "Add a product" });
    await picker.selectOption({ label: "Linen Throw" });
    await page.getByRole("button", { name: "Add to collection" }).click();
    await expect(page.getByText("1 product added.")).toBeVisible();
    await picker.selectOption({ label: "Wool Blanket" });
    await page.getByRole("button", { name: "Add to collection" }).click();
    const list = page.getByRole("list", { name: "Products in this collection" });
    await expect(list.getByRole("listitem")).toHaveCount(2);
    await expect(list.getByRole("listitem").first()).toContainText("Linen Throw");

    await page.getByRole("button", { name: "Move up Wool Blanket" }).click();
    await expect(list.getByRole("listitem").first()).toContainText("Wool Blanket");
    await page.getByRole("button", { name: "Remove Linen Throw" }).click();
    await expect(list.getByRole("listitem")).toHaveCount(1);

    // A duplicate slug is refused next to the field.
    await page.goto(`/dashboard/${shop.slug}/collections/new`);
    await page.getByLabel("Name", { exact: true }).fill("Cosy Evenings");
    await page.getByRole("button", { name: "Create collection" }).click();
    await expect(page.getByText("Another collection already uses this URL slug.")).toBeVisible();

    await page.goto(`/dashboard/${shop.slug}/collections`);
    await expect(page.getByRole("link", { name: /Cosy Evenings/ })).toContainText("1 product");
  });

  test("the product list searches, filters, sorts and paginates the demo catalogue", async ({
    page,
  }) => {
    await signIn(page, DEMO.merchant);
    await page.goto(`/dashboard/${DEMO.shop.slug}/products`);
    const table = page.getByRole("table");
    await expect(table.getByRole("row")).toHaveCount(21); // header + 20 per page
    await expect(page.getByText(/Showing 1–20 of \d+/)).toBeVisible();
    await page.getByRole("link", { name: "Next page" }).click();
    await expect(page.getByText(/Showing 21–\d+ of \d+/)).toBeVisible();
    await page.getByRole("link", { name: "Previous page" }).click();

    // Each Apply is a full page load: wait for it (stylesheets included) before reading the
    // table, whose rows hold a desktop and a phone link that only CSS tells apart.
    await page.getByLabel("Search").fill("kenya");
    await page.getByRole("button", { name: "Apply" }).click();
    await page.waitForURL(/q=kenya/);
    await expect(table.getByRole("row")).toHaveCount(2);
    await expect(table.getByRole("link", { name: "Kenya Nyeri AA" })).toBeVisible();

    await page.getByLabel("Search").fill("GRIND-WAL");
    await page.getByRole("button", { name: "Apply" }).click();
    await page.waitForURL(/q=GRIND-WAL/);
    await expect(table.getByRole("link", { name: "Walnut Hand Grinder" })).toBeVisible();

    await page.getByLabel("Search").fill("");
    await page.getByLabel("Status").selectOption("draft");
    await page.getByRole("button", { name: "Apply" }).click();
    await page.waitForURL(/status=draft/);
    await expect(table.getByRole("link", { name: "Ethiopia Guji Natural" })).toBeVisible();

    await page.getByLabel("Status").selectOption("");
    await page.getByLabel("Sort by").selectOption("price-asc");
    await page.getByRole("button", { name: "Apply" }).click();
    await page.waitForURL(/sort=price-asc/);
    await expect(table.getByRole("row").nth(1)).toContainText("Paper Filters, 100 pack");
    await expect(table.getByRole("row").nth(1)).toContainText("$8.00");

    await page.getByLabel("Search").fill("no such thing");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page.getByRole("heading", { name: "No products match" })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  });

  test("screens: product list and editor on desktop and phone", async ({ page }) => {
    await signIn(page, DEMO.merchant);
    const base = `/dashboard/${DEMO.shop.slug}`;
    for (const [label, width, height] of [
      ["desktop", 1280, 900],
      ["phone", 390, 844],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.goto(`${base}/products`);
      await expect(page.getByRole("heading", { name: "Products", level: 1 })).toBeVisible();
      await page.screenshot({ path: `test-results/screens/products-${label}.png`, fullPage: true });
      await page.getByRole("link", { name: "Kai's Roasters T-shirt" }).first().click();
      await expect(page.getByRole("form", { name: "Variants" })).toBeVisible();
      await page.screenshot({ path: `test-results/screens/editor-${label}.png`, fullPage: true });
      await page.goto(`${base}/collections`);
      await page.getByRole("link", { name: /Single origins/ }).click();
      await expect(page.getByRole("list", { name: "Products in this collection" })).toBeVisible();
      await page.screenshot({
        path: `test-results/screens/collection-${label}.png`,
        fullPage: true,
      });
    }
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${base}/products`);
    await page.getByRole("link", { name: "Kai's Roasters T-shirt" }).first().click();
    await expect(page.getByRole("form", { name: "Variants" })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  });
});
