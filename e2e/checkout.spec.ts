import type { BrowserContext, Page } from "@playwright/test";
import { e2eEnv } from "../playwright.config";
import { DEMO, expect, expectNoSeriousA11yViolations, test } from "./fixtures";
import { addToCartAndOpenCart, fillPayment } from "./shopper";

// A shopper buys from the demo shop (active Express account in the emulator). Every test has its
// own browser context, so its own cart. The checkout mode is chosen per browser with the
// emulator-only `bazaar_checkout_mode` cookie, so the hosted test never changes the platform
// setting under a test running in parallel.
const SHOP = DEMO.shop;
const PRODUCT = { slug: "paper-filters", name: "Paper Filters, 100 pack" };
const SHOTS = "test-results/checkout-shots";

async function useHosted(context: BrowserContext) {
  await context.addCookies([
    { name: "bazaar_checkout_mode", value: "hosted", url: e2eEnv.APP_URL },
  ]);
}

async function expectConfirmation(page: Page) {
  await expect(page).toHaveURL(new RegExp(`/s/${SHOP.slug}/checkout/return\\?session_id=cs_`));
  await expect(page.getByRole("heading", { name: /Thank you! Order #\d+/ })).toBeVisible({
    timeout: 20_000,
  });
  await expect(page.getByText(PRODUCT.name)).toBeVisible();
  await expect(page.getByTestId("order-total")).toHaveText("$8.00");
  await expect(page.getByTestId("shipping-address")).toContainText("1 Harbour Road");
  await expect(
    page.getByText("A confirmation is on its way to shopper@example.test."),
  ).toBeVisible();
}

test.describe("checkout", () => {
  test("embedded: a shopper pays with 4242 and sees the order", async ({ page }) => {
    test.slow();
    await addToCartAndOpenCart(page, SHOP.slug, PRODUCT);
    await page.getByRole("button", { name: "Checkout" }).click();
    await expect(page).toHaveURL(new RegExp(`/s/${SHOP.slug}/checkout$`));
    await expect(page.getByRole("heading", { name: "Checkout", level: 1 })).toBeVisible();
    const frame = page.frameLocator('iframe[title="Secure checkout"]');
    await expect(frame.getByText(PRODUCT.name)).toBeVisible();
    await expect(frame.getByTestId("checkout-total")).toHaveText("$8.00");
    await page.screenshot({ path: `${SHOTS}/checkout-desktop.png`, fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${SHOTS}/checkout-phone.png`, fullPage: true });
    // The whole form fits in the frame: the Pay button is reachable on a phone.
    await frame.getByRole("button", { name: /^Pay / }).scrollIntoViewIfNeeded();
    await expect(frame.getByRole("button", { name: /^Pay / })).toBeInViewport();
    await page.screenshot({ path: `${SHOTS}/checkout-phone-pay.png` });
    await page.setViewportSize({ width: 1280, height: 800 });

    await expectNoSeriousA11yViolations(page, { exclude: "iframe" });
    await fillPayment(frame, "4242 4242 4242 4242");
    await expectConfirmation(page);
    await expectNoSeriousA11yViolations(page, { exclude: "iframe" });
    await page.screenshot({ path: `${SHOTS}/return-desktop.png`, fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${SHOTS}/return-phone.png`, fullPage: true });

    // The cart is empty after the sale.
    await page.goto(`/s/${SHOP.slug}/cart`);
    await expect(page.getByText("Your cart is empty.")).toBeVisible();
  });

  test("embedded: a declined card stays on checkout with the message", async ({ page }) => {
    await addToCartAndOpenCart(page, SHOP.slug, PRODUCT);
    await page.getByRole("button", { name: "Checkout" }).click();
    await expect(page).toHaveURL(new RegExp(`/s/${SHOP.slug}/checkout$`));
    const frame = page.frameLocator('iframe[title="Secure checkout"]');
    await fillPayment(frame, "4000 0000 0000 0002");
    await expect(
      frame.getByRole("alert").filter({ hasText: "Your card was declined." }),
    ).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`/s/${SHOP.slug}/checkout$`));

    // "Back to cart" closes the checkout and keeps the items in the cart.
    await page.getByRole("link", { name: "Back to cart" }).click();
    await expect(page).toHaveURL(new RegExp(`/s/${SHOP.slug}/cart$`));
    await expect(page.getByRole("list", { name: "Items in your cart" })).toContainText(
      PRODUCT.name,
    );
  });

  test("hosted: pays on the Stripe page and returns to the confirmation", async ({
    page,
    context,
  }) => {
    test.slow();
    await useHosted(context);
    await addToCartAndOpenCart(page, SHOP.slug, PRODUCT);
    await page.getByRole("button", { name: "Checkout" }).click();
    await expect(page).toHaveURL(/\/c\/pay\/cs_/);
    await expect(page.getByTestId("checkout-total")).toHaveText("$8.00");
    await fillPayment(page, "4242424242424242");
    await expectConfirmation(page);
  });

  test("hosted: cancel returns to the cart with the items", async ({ page, context }) => {
    await useHosted(context);
    await addToCartAndOpenCart(page, SHOP.slug, PRODUCT, 2);
    await page.getByRole("button", { name: "Checkout" }).click();
    await expect(page).toHaveURL(/\/c\/pay\/cs_/);
    await page.getByTestId("checkout-cancel").click();
    await expect(page).toHaveURL(new RegExp(`/s/${SHOP.slug}/cart$`));
    await expect(page.getByRole("list", { name: "Items in your cart" })).toContainText(
      PRODUCT.name,
    );
    await expect(page.getByTestId("subtotal")).toHaveText("$16.00");
    await expectNoSeriousA11yViolations(page, { exclude: "iframe" });
    await page.screenshot({ path: `${SHOTS}/cart-desktop.png`, fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${SHOTS}/cart-phone.png`, fullPage: true });
    // Checking out again works (the cancelled checkout gave its stock back).
    await page.getByRole("button", { name: "Checkout" }).click();
    await expect(page).toHaveURL(/\/c\/pay\/cs_/);
    await expect(page.getByTestId("checkout-total")).toHaveText("$16.00");
  });

  test("back from checkout: the shopper's own held stock is not shown as sold out", async ({
    page,
  }) => {
    // Only this test buys the grinder (stock 5); taking all five leaves 0 on the shelf.
    await page.goto(`/s/${SHOP.slug}/products/hand-grinder`);
    await page.getByLabel("Quantity").fill("5");
    await page.getByRole("button", { name: "Add to cart" }).click();
    await expect(page.getByText(/Added to your cart/)).toBeVisible();
    await page.goto(`/s/${SHOP.slug}/cart`);
    await page.getByRole("button", { name: "Checkout" }).click();
    await expect(page).toHaveURL(new RegExp(`/s/${SHOP.slug}/checkout$`));
    await expect(page.locator('iframe[title="Secure checkout"]')).toBeVisible();

    await page.goto(`/s/${SHOP.slug}/cart`);
    await expect(page.getByText("Your items are held for a checkout in progress.")).toBeVisible();
    await expect(page.getByText(/No longer available|Only \d+ left/)).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Checkout" })).toBeEnabled();
    // Checking out again resumes the same checkout.
    await page.getByRole("button", { name: "Checkout" }).click();
    await expect(page).toHaveURL(new RegExp(`/s/${SHOP.slug}/checkout$`));
    await expect(page.locator('iframe[title="Secure checkout"]')).toBeVisible();

    await page.goto(`/s/${SHOP.slug}/cart`);
    await page.getByRole("link", { name: "Release them" }).click();
    await expect(page).toHaveURL(new RegExp(`/s/${SHOP.slug}/cart$`));
    await expect(page.getByText("Your items are held for a checkout in progress.")).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Checkout" })).toBeEnabled();
  });
});
