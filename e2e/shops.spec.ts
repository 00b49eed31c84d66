import { createShop, expect, signUp, test, uniqueSlug } from "./fixtures";

test.describe("shops", () => {
  test("a merchant creates two shops and opens each dashboard and storefront", async ({
    page,
    baseURL,
  }) => {
    await signUp(page);
    const first = await createShop(page, { name: "North Pottery" });
    await expect(page.getByRole("heading", { name: "North Pottery", level: 1 })).toBeVisible();
    const second = await createShop(page, { name: "South Prints", currency: "EUR", country: "FR" });

    await page.goto("/dashboard");
    await expect(page.getByRole("link", { name: /North Pottery/ })).toBeVisible();
    await expect(page.getByRole("link", { name: /South Prints/ })).toBeVisible();

    // The storefront answers by path and by subdomain.
    await page.goto(`/s/${first.slug}`);
    await expect(page.getByRole("heading", { name: "North Pottery" })).toBeVisible();
    const port = new URL(baseURL!).port;
    await page.goto(`http://${second.slug}.localhost:${port}/`);
    await expect(page.getByRole("heading", { name: "South Prints" })).toBeVisible();
  });

  test("the web address is suggested from the name and validated next to the field", async ({
    page,
  }) => {
    await signUp(page);
    await page.goto("/dashboard/new");
    await page.getByLabel("Shop name").fill("Crème Brûlée Studio");
    await expect(page.getByLabel("Web address")).toHaveValue("creme-brulee-studio");

    const address = page.getByLabel("Web address");
    const cases: Array<[string, string]> = [
      ["ab", "Use at least 3 characters."],
      ["My Shop", "Use only lowercase letters, digits and hyphens."],
      ["admin", "That address is reserved. Please choose another."],
      ["kai-coffee", "That address is already taken. Please choose another."],
    ];
    for (const [slug, message] of cases) {
      await address.fill(slug);
      await page.getByRole("button", { name: "Create shop" }).click();
      await expect(page.getByText(message)).toBeVisible();
      await expect(page).toHaveURL(/\/dashboard\/new$/);
      await expect(address).toHaveAttribute("aria-invalid", "true");
    }
  });

  test("another merchant's shop dashboard is a 404", async ({ browser }) => {
    const owner = await browser.newPage();
    await signUp(owner);
    const shop = await createShop(owner, { slug: uniqueSlug("private") });
    await owner.close();

    const stranger = await browser.newPage();
    await signUp(stranger);
    const response = await stranger.goto(`/dashboard/${shop.slug}`);
    expect(response?.status()).toBe(404);
    await expect(stranger.getByRole("heading", { name: "Page not found" })).toBeVisible();
    await stranger.close();
  });

  test("the dashboard asks anonymous visitors to sign in", async ({ page }) => {
    await page.goto("/dashboard/kai-coffee");
    await expect(page).toHaveURL(/\/sign-in/);
  });

  test("an unknown storefront is a 404", async ({ page }) => {
    const response = await page.goto(`/s/${uniqueSlug("nobody")}`);
    expect(response?.status()).toBe(404);
  });
});
