import { readFileSync } from "node:fs";
import path from "node:path";
import {
  createShop,
  expect,
  expectNoSeriousA11yViolations,
  signIn,
  signUp,
  test,
} from "./fixtures";

// Seeded by scripts/lib/storefront-fixtures.ts: an active shop with variants and stock limits.
const MARKET = { slug: "e2e-market", name: "E2E Market" };
const FIXTURE_MERCHANT = {
  email: "storefront-e2e@bazaar.test",
  password: "storefront-e2e-password",
};

test.describe("storefront", () => {
  test("a merchant edits the design and sees it on the storefront at once", async ({ page }) => {
    test.slow(); // several full page loads; the shared CI machine is often saturated
    await signUp(page);
    const shop = await createShop(page, { name: "Harbour Candles" });
    await page
      .getByRole("navigation", { name: "Shop" })
      .getByRole("link", { name: "Storefront" })
      .click();
    await expect(page.getByRole("heading", { name: "Storefront", level: 1 })).toBeVisible();

    // The preview follows the form while typing, before anything is saved.
    await page.getByLabel("Hero headline").fill("Hand-poured in Maine");
    await expect(page.getByTestId("preview-headline")).toHaveText("Hand-poured in Maine");

    // A colour that fails contrast is flagged; an invalid one is refused next to the field.
    await page.getByLabel("Brand colour", { exact: true }).fill("#797979");
    await expect(page.getByText(/WCAG AA needs 4\.5:1/).first()).toBeVisible();
    await page.getByLabel("Brand colour", { exact: true }).fill("teal");
    await page.getByRole("button", { name: "Save design" }).click();
    await expect(
      page.getByText("Enter a colour as # followed by 6 hex digits, e.g. #1f2937."),
    ).toBeVisible();

    await page.getByLabel("Brand colour", { exact: true }).fill("#7c2d12");
    await page.getByLabel("Announcement bar").fill("Free shipping this week");
    await page.getByLabel("Fonts").selectOption("editorial");
    await page.getByRole("button", { name: "Save design" }).click();
    await expect(page.getByText("Design saved. Your storefront shows it now.")).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    await page.goto(`/s/${shop.slug}`);
    await expect(
      page.getByRole("heading", { name: "Hand-poured in Maine", level: 1 }),
    ).toBeVisible();
    await expect(page.getByText("Free shipping this week")).toBeVisible();
    await expect(page.getByText("This shop is not accepting orders right now.")).toBeVisible();

    // A second edit replaces the cached storefront immediately, with a logo and a hero photo
    // (a phone JPEG with GPS EXIF), both served in resized AVIF on the storefront.
    await page.goto(`/dashboard/${shop.slug}/storefront`);
    await page.getByLabel("Hero headline").fill("Winter scents are here");
    await page.getByLabel("Logo", { exact: true }).setInputFiles({
      name: "logo.png",
      mimeType: "image/png",
      buffer: readFileSync(path.resolve("db/seed-assets/tote.png")),
    });
    await page.getByLabel("Hero image", { exact: true }).setInputFiles({
      name: "hero.jpg",
      mimeType: "image/jpeg",
      buffer: readFileSync(path.resolve("lib/storage/fixtures/gps-exif.jpg")),
    });
    await page.getByRole("button", { name: "Save design" }).click();
    await expect(page.getByText("Design saved. Your storefront shows it now.")).toBeVisible();
    await page.goto(`/s/${shop.slug}`);
    await expect(
      page.getByRole("heading", { name: "Winter scents are here", level: 1 }),
    ).toBeVisible();
    const logo = page.getByRole("banner").getByRole("img", { name: "Harbour Candles" });
    for (const img of [logo, page.locator("#hero-title").locator("xpath=ancestor::section//img")]) {
      await expect
        .poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth))
        .toBeGreaterThan(0);
      expect(await img.evaluate((el: HTMLImageElement) => el.currentSrc)).toMatch(
        /\/api\/images\/shops\/.+\.w\d+\.avif$/,
      );
    }
  });

  test("a merchant publishes a content page that shoppers can open from the footer", async ({
    page,
  }) => {
    await signUp(page);
    const shop = await createShop(page, { name: "Page Turners" });
    await page.goto(`/dashboard/${shop.slug}/storefront`);
    await page.getByRole("link", { name: "New page" }).click();
    await page.getByLabel("Title").fill("Shipping & returns");
    await expect(page.getByLabel("Page address")).toHaveValue("shipping-returns");
    await page.getByLabel("Content (Markdown)").fill("## Returns\n\nWithin **30 days**.");
    await page.getByRole("button", { name: "Create page" }).click();
    await expect(page).toHaveURL(new RegExp(`/dashboard/${shop.slug}/storefront\\?page=created`));

    await page.goto(`/s/${shop.slug}`);
    await page
      .getByRole("navigation", { name: "Information" })
      .getByRole("link", { name: "Shipping & returns" })
      .click();
    await expect(page.getByRole("heading", { name: "Shipping & returns", level: 1 })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Returns", exact: true })).toBeVisible();
    await expect(page.locator("strong", { hasText: "30 days" })).toBeVisible();
  });

  test("a shopper on the subdomain picks a variant, adds it to the cart and cannot exceed stock", async ({
    page,
    baseURL,
  }) => {
    const port = new URL(baseURL!).port;
    await page.goto(`http://${MARKET.slug}.localhost:${port}/`);
    await expect(
      page.getByRole("heading", { name: "Goods for the long haul", level: 1 }),
    ).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    await page.getByRole("link", { name: "Field Jacket" }).first().click();
    await expect(page.getByRole("heading", { name: "Field Jacket", level: 1 })).toBeVisible();
    expect(new URL(page.url()).host).toBe(`${MARKET.slug}.localhost:${port}`);

    // Size M is sold out, and says so before it is picked; L has its own price and 5 in stock.
    await expect(page.getByText("M (sold out)", { exact: true })).toBeVisible();
    await expect(page.getByText("L", { exact: true })).toBeVisible();
    await page.getByText("M (sold out)", { exact: true }).click();
    await expect(page.getByTestId("stock")).toHaveText("Sold out");
    await expect(page.getByRole("button", { name: "Sold out" })).toBeDisabled();
    await page.getByText("L", { exact: true }).click();
    await expect(page.getByTestId("price")).toHaveText("$125.00");
    await expect(page.getByTestId("stock")).toHaveText("Only 5 left");
    await expectNoSeriousA11yViolations(page);

    await page.getByLabel("Quantity").fill("2");
    await page.getByRole("button", { name: "Add to cart" }).click();
    await expect(page.getByText("Added to your cart (2 in cart).")).toBeVisible();
    await expect(page.getByTestId("cart-count")).toHaveText("2");

    // Asking for more than the stock is refused with the limit, and nothing changes.
    await page.getByLabel("Quantity").fill("4");
    await page.getByRole("button", { name: "Add to cart" }).click();
    await expect(
      page.getByText("Only 5 in stock — you can have at most 5 in your cart."),
    ).toBeVisible();
  });

  // KNOWN BUG (open): on a freshly started server the very first render of /s/{shop}/cart can
  // come out as "Your cart is empty" although the cookie holds a cart (later loads are right).
  // Passes alone, fails intermittently with 2 workers; fixme until the cause is found.
  test("a shopper changes quantities on the cart page within stock and removes a line", async ({
    page,
    baseURL,
  }) => {
    const port = new URL(baseURL!).port;
    await page.goto(`http://${MARKET.slug}.localhost:${port}/products/field-jacket`);
    await page.getByText("L", { exact: true }).click();
    await page.getByLabel("Quantity").fill("2");
    await page.getByRole("button", { name: "Add to cart" }).click();
    await expect(page.getByText("Added to your cart (2 in cart).")).toBeVisible();
    await page.getByRole("link", { name: /^Cart/ }).click();
    await expect(page.getByRole("heading", { name: "Your cart", level: 1 })).toBeVisible();
    const lines = page.getByRole("list", { name: "Items in your cart" });
    await expect(lines.getByText("Size: L")).toBeVisible();
    await expect(page.getByTestId("subtotal")).toHaveText("$250.00");
    await expectNoSeriousA11yViolations(page);

    // The quantity field itself stops at the stock (the server enforces it too, see above).
    const quantity = page.getByLabel("Quantity of Field Jacket");
    await expect(quantity).toHaveAttribute("max", "5");
    await quantity.fill("6");
    await page.getByRole("button", { name: "Update" }).click();
    expect(await quantity.evaluate((el) => (el as HTMLInputElement).validity.rangeOverflow)).toBe(
      true,
    );
    await expect(page.getByTestId("subtotal")).toHaveText("$250.00");

    await page.getByLabel("Quantity of Field Jacket").fill("3");
    await page.getByRole("button", { name: "Update" }).click();
    await expect(page.getByTestId("subtotal")).toHaveText("$375.00");
    await expect(page.getByTestId("cart-count")).toHaveText("3");

    // The cart survives a reload; removing the line empties it.
    await page.reload();
    await expect(page.getByTestId("subtotal")).toHaveText("$375.00");
    await page.getByRole("button", { name: "Remove" }).click();
    await expect(page.getByText("Your cart is empty.")).toBeVisible();
    await expect(page.getByTestId("cart-count")).toHaveText("0");
  });

  test("shoppers search with filters and browse a collection", async ({ page }) => {
    await page.goto(`/s/${MARKET.slug}/search`);
    await page.getByLabel("Search", { exact: true }).fill("tote");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page.getByRole("status").filter({ hasText: "for “tote”" })).toHaveText(
      "1 product for “tote”",
    );
    await expect(page.getByRole("link", { name: "Canvas Tote" })).toBeVisible();
    await expect(page.getByText("Sale", { exact: true })).toBeVisible();

    await page.goto(`/s/${MARKET.slug}/search?max=abc`);
    await expect(page.getByText("Enter a price such as 10 or 9.99.")).toBeVisible();

    await page.goto(`/s/${MARKET.slug}/collections/everyday`);
    await expect(page.getByRole("heading", { name: "Everyday", level: 1 })).toBeVisible();
    await expect(page.getByRole("link", { name: "Enamel Mug" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Secret Prototype" })).toHaveCount(0);
  });

  test("a draft product is a 404 inside the shop's design", async ({ page, request }) => {
    await page.goto(`/s/${MARKET.slug}/products/secret-prototype`);
    await expect(page.getByRole("heading", { name: "We couldn’t find that page" })).toBeVisible();
    await expect(page.getByText("Secret Prototype")).toHaveCount(0);
    // Still the shop's frame (header with its name), not the platform's 404.
    await expect(page.getByRole("banner").getByText(MARKET.name)).toBeVisible();
    // Once rendered, the cached answer carries the 404 status.
    await expect
      .poll(async () => (await request.get(`/s/${MARKET.slug}/products/secret-prototype`)).status())
      .toBe(404);
  });

  test("SEO: product metadata, JSON-LD offers, sitemap and robots on the subdomain", async ({
    page,
    baseURL,
  }) => {
    await page.goto(`/s/${MARKET.slug}/products/canvas-tote`);
    await expect(page).toHaveTitle(`Canvas Tote · ${MARKET.name}`);
    const jsonLd = JSON.parse(
      (await page.locator('script[type="application/ld+json"]').textContent()) ?? "{}",
    );
    expect(jsonLd).toMatchObject({
      "@type": "Product",
      name: "Canvas Tote",
      offers: [
        {
          "@type": "Offer",
          price: "24.00",
          priceCurrency: "USD",
          availability: "https://schema.org/InStock",
        },
      ],
    });
    const og = await page.locator('meta[property="og:image"]').getAttribute("content");
    expect(og).toContain(`/s/${MARKET.slug}/products/canvas-tote/opengraph-image`);

    const port = new URL(baseURL!).port;
    const host = `http://${MARKET.slug}.localhost:${port}`;
    // The browser resolves *.localhost; the API client does not, so fetch through the page.
    const sitemap = await page.goto(`${host}/sitemap.xml`);
    expect(sitemap?.status()).toBe(200);
    const xml = (await sitemap?.text()) ?? "";
    // On the shop's own host the sitemap lists the host's own paths.
    expect(xml).toContain(`<loc>${host}/products/canvas-tote</loc>`);
    expect(xml).not.toContain(`/s/${MARKET.slug}/`);
    expect(xml).not.toContain("secret-prototype");
    const robots = (await (await page.goto(`${host}/robots.txt`))?.text()) ?? "";
    expect(robots).toContain(`Sitemap: ${host}/sitemap.xml`);
  });

  test("a merchant edits a price and sees the new price on the storefront at once", async ({
    page,
  }) => {
    test.slow(); // several full page loads; the shared CI machine is often saturated
    await signUp(page);
    const shop = await createShop(page, { name: "Price Lab" });
    await page.goto(`/dashboard/${shop.slug}/products/new`);
    await page.getByLabel("Name", { exact: true }).fill("Speckled Mug");
    await page.getByLabel(/^Price/).fill("24");
    await page.getByLabel("Status").selectOption("active");
    await page.getByRole("button", { name: "Create product" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Product created." })).toBeVisible();
    const editUrl = page.url();

    await page.goto(`/s/${shop.slug}/products/speckled-mug`);
    await expect(page.getByRole("heading", { name: "Speckled Mug", level: 1 })).toBeVisible();
    await expect(page.getByText("$24.00")).toBeVisible();

    await page.goto(editUrl);
    await page.getByLabel(/^Price/).fill("19.50");
    await page.getByRole("button", { name: "Save product" }).click();
    await expect(page.getByText("Product saved.")).toBeVisible();

    await page.goto(`/s/${shop.slug}/products/speckled-mug`);
    await expect(page.getByText("$19.50")).toBeVisible();
    await expect(page.getByText("$24.00")).toHaveCount(0);
    await page.goto(`/s/${shop.slug}`);
    await expect(page.getByText("$19.50")).toBeVisible();
  });

  test("the fixture merchant's storefront editor passes axe", async ({ page }) => {
    await signIn(page, FIXTURE_MERCHANT);
    await page.goto(`/dashboard/${MARKET.slug}/storefront`);
    await expect(page.getByRole("heading", { name: "Storefront", level: 1 })).toBeVisible();
    await expect(page.getByLabel("Hero headline")).toHaveValue("Goods for the long haul");
    await expectNoSeriousA11yViolations(page);
  });
});
