import {
  createShop,
  DEMO,
  expect as baseExpect,
  expectNoSeriousA11yViolations,
  signIn,
  signUp,
  test,
  uniqueSlug,
} from "./fixtures";
import { e2eEnv } from "../playwright.config";

// Server actions on a shared 2-core machine can take a while.
const expect = baseExpect.configure({ timeout: 30_000 });
const APP = new URL(e2eEnv.APP_URL);
const SHOP_HOST = `http://${DEMO.shop.slug}.localhost:${APP.port}`;

test.describe("hardening", () => {
  test("saving a product twice keeps it active (the form does not fall back to its first render)", async ({
    page,
  }) => {
    await signUp(page);
    const shop = await createShop(page, { name: "Twice Saved" });
    await page.goto(`/dashboard/${shop.slug}/products/new`);
    await page.getByLabel("Name", { exact: true }).fill("Steady Mug");
    await page.getByLabel(/^Price/).fill("12");
    await page.getByRole("button", { name: "Create product" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Product created." })).toBeVisible();
    const status = page.getByRole("combobox", { name: "Status" });
    await expect(status).toHaveValue("draft");

    await status.selectOption("active");
    await page.getByRole("button", { name: "Save product" }).click();
    await expect(page.getByText("Product saved.")).toBeVisible();
    await expect(status).toHaveValue("active");

    // Save again without touching anything: still active, still on the storefront.
    await page.getByRole("button", { name: "Save product" }).click();
    await expect(page.getByText("Product saved.")).toBeVisible();
    await expect(status).toHaveValue("active");
    await page.reload();
    await expect(status).toHaveValue("active");
    const storefront = await page.request.get(`/s/${shop.slug}/products/steady-mug`);
    expect(storefront.status()).toBe(200);

    // A failed save keeps the choice being made too.
    await status.selectOption("archived");
    await page.getByLabel(/^Price/).fill("12.345");
    await page.getByRole("button", { name: "Save product" }).click();
    await expect(page.getByText("Use at most 2 decimal places.")).toBeVisible();
    await expect(status).toHaveValue("archived");

    // The design editor's choices survive a save the same way.
    await page.goto(`/dashboard/${shop.slug}/storefront`);
    const font = page.getByLabel("Fonts");
    const options = await font
      .locator("option")
      .evaluateAll((els) => els.map((e) => (e as HTMLOptionElement).value));
    const current = await font.inputValue();
    const chosen = options.find((o) => o !== current)!;
    await font.selectOption(chosen);
    await page.getByRole("button", { name: /Save design/ }).click();
    await expect(page.getByText(/Design saved/)).toBeVisible();
    await expect(font).toHaveValue(chosen);
    await page.getByRole("button", { name: /Save design/ }).click();
    await expect(page.getByText(/Design saved/)).toBeVisible();
    await page.reload();
    await expect(page.getByLabel("Fonts")).toHaveValue(chosen);
  });

  test("unknown and draft storefront URLs answer 404 on the first visit", async ({ request }) => {
    const base = `/s/${DEMO.shop.slug}`;
    const never = uniqueSlug("never-seen");
    for (const path of [
      `${base}/products/${never}`,
      `${base}/products/ethiopia-guji-natural`, // a draft
      `${base}/collections/${never}`,
      `${base}/pages/${never}`,
      `${base}/collections/single-origins/0`,
      `${base}/products/${"-".repeat(36)}`,
    ]) {
      const first = await request.get(path);
      expect(first.status(), path).toBe(404);
    }
    const kettle = await request.get(`${base}/products/gooseneck-kettle`);
    expect(kettle.status()).toBe(200);
    // Its generated Open Graph image is not mistaken for an unknown item.
    const og = /property="og:image" content="([^"]+)"/.exec(await kettle.text())?.[1];
    expect(og).toBeTruthy();
    expect((await request.get(new URL(og!).pathname)).status()).toBe(200);
    // One canonical address per page: the shop's own host and paths.
    expect(await kettle.text()).toContain(
      `<link rel="canonical" href="${SHOP_HOST}/products/gooseneck-kettle"/>`,
    );
  });

  test("security headers on pages, storefronts and API routes; embedded checkout's origin allowed", async ({
    request,
  }) => {
    for (const path of ["/", "/sign-in", `/s/${DEMO.shop.slug}`, "/api/health"]) {
      const res = await request.get(path);
      const h = res.headers();
      expect(h["x-content-type-options"], path).toBe("nosniff");
      expect(h["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
      expect(h["strict-transport-security"], `${path}: no HSTS over http`).toBeUndefined();
      const csp = h["content-security-policy"] ?? "";
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).toContain("object-src 'none'");
      expect(csp, path).toContain(`frame-src ${e2eEnv.EMULATOR_URL}`);
      expect(csp, path).not.toContain("stripe.com");
    }
  });

  test("a non-canonical host goes to APP_URL's host first", async ({ request }) => {
    const res = await request.get(`http://127.0.0.1:${APP.port}/dashboard?x=1`, {
      maxRedirects: 0,
    });
    expect(res.status()).toBe(308);
    expect(res.headers().location).toBe(`${APP.origin}/dashboard?x=1`);
  });

  test("forged forwarded hosts never reach robots.txt, the sitemap or redirects", async ({
    request,
  }) => {
    const evil = { "x-forwarded-host": "evil.example/.localhost" };
    for (const path of [
      `/s/${DEMO.shop.slug}/robots.txt`,
      `/s/${DEMO.shop.slug}/sitemap.xml`,
      `/s/${DEMO.shop.slug}/checkout/cancel?order=00000000-0000-4000-8000-000000000000`,
    ]) {
      const res = await request.get(path, { headers: evil, maxRedirects: 0 });
      expect(res.status(), path).toBeLessThan(500);
      expect(await res.text(), path).not.toContain("evil.example");
      expect(res.headers().location ?? "", path).not.toContain("evil.example");
    }
  });

  test("on the shop's own host the storefront uses the host's own paths", async ({ page }) => {
    // Only the browser resolves *.localhost: read these through it.
    const robots = await (await page.goto(`${SHOP_HOST}/robots.txt`))!.text();
    expect(robots).toContain(`Sitemap: ${SHOP_HOST}/sitemap.xml`);
    expect(robots).not.toContain("/s/");
    const sitemap = await (await page.goto(`${SHOP_HOST}/sitemap.xml`))!.text();
    expect(sitemap).toContain(`<loc>${SHOP_HOST}/products/gooseneck-kettle</loc>`);
    expect(sitemap).not.toContain(`/s/${DEMO.shop.slug}`);
    await page.goto(`${SHOP_HOST}/s/${DEMO.shop.slug}/products/gooseneck-kettle`);
    await expect(page).toHaveURL(`${SHOP_HOST}/products/gooseneck-kettle`);
    await expect(page.getByRole("heading", { name: "Gooseneck Pour-Over Kettle" })).toBeVisible();
    // In-page links use the host's own paths too, and lead where they say.
    const hrefs = await page
      .locator("a[href^='/']")
      .evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
    expect(hrefs.length).toBeGreaterThan(3);
    expect(hrefs.filter((h) => h.startsWith(`/s/${DEMO.shop.slug}`))).toEqual([]);
    await page
      .getByRole("navigation", { name: "Catalogue" })
      .getByRole("link", { name: "Gifts" })
      .click();
    await expect(page).toHaveURL(`${SHOP_HOST}/collections/gifts`);
    await expect(page.getByRole("heading", { name: "Gifts", level: 1 })).toBeVisible();
    // The platform's path form keeps its own links.
    await page.goto(`/s/${DEMO.shop.slug}/products/gooseneck-kettle`);
    const platformHrefs = await page
      .locator("header a[href^='/']")
      .evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
    expect(platformHrefs.every((h) => h.startsWith(`/s/${DEMO.shop.slug}`))).toBe(true);
  });

  test("no 500 from NUL bytes or malformed encodings in URLs", async ({ page, request }) => {
    for (const path of [
      `/s/${DEMO.shop.slug}/search?q=%00`,
      `/s/${DEMO.shop.slug}/search?q=%E0%A4%A&min=%00&page=-1`,
      `/s/${DEMO.shop.slug}/products/%00`,
      `/s/${DEMO.shop.slug}/products/%E0%A4%A`,
      `/api/images/%E0%A4%A/x.png`,
      `/sign-in?callbackUrl=%0A`,
    ]) {
      const res = await request.get(path);
      expect(res.status(), path).toBeLessThan(500);
    }
    await signIn(page, DEMO.merchant);
    for (const path of [
      `/dashboard/${DEMO.shop.slug}/orders?q=%00&status=%00&page=NaN`,
      `/dashboard/${DEMO.shop.slug}/products?q=%00&sort=%E0%A4%A`,
      `/dashboard/${DEMO.shop.slug}/orders/export?q=%00`,
      `/dashboard/${DEMO.shop.slug}/storefront/pages/${"-".repeat(36)}`,
    ]) {
      const res = await page.request.get(path);
      expect(res.status(), path).toBeLessThan(500);
    }
    // A NUL typed into a form field gets a message next to it, not a 500.
    await page.goto("/sign-up");
    await page.context().clearCookies();
    await page.goto("/sign-up");
    await page.getByLabel("Your name").fill("Nul\u0000Name");
    await page.getByLabel("E-mail").fill("nul@example.test");
    await page.getByLabel("Password").fill("a-very-good-password");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByText(/invisible control character/)).toBeVisible();
    await expect(page).toHaveURL(/\/sign-up/);
  });

  test("after sign-in only same-site paths are followed", async ({ page }) => {
    for (const callback of ["/%09/evil.example", "//evil.example", "/\\evil.example"]) {
      await page.context().clearCookies();
      await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(callback)}`);
      await page.getByLabel("E-mail").fill(DEMO.merchant.email);
      await page.getByLabel("Password").fill(DEMO.merchant.password);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page).toHaveURL(new RegExp(`^${APP.origin}/dashboard$`));
    }
    await expectNoSeriousA11yViolations(page);
  });

  test("signing in on the way back from Stripe lands on the payments page, not on the route", async ({
    page,
  }) => {
    const back = `/dashboard/${DEMO.shop.slug}/settings/payments/onboarding/return`;
    await page.goto(back);
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
    await page.getByLabel("E-mail").fill(DEMO.merchant.email);
    await page.getByLabel("Password").fill(DEMO.merchant.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(
      new RegExp(`/dashboard/${DEMO.shop.slug}/settings/payments\\?notice=`),
    );
    await expect(page).toHaveTitle(/Payments|Stripe/);
  });

  test("a session cookie copied before sign-out no longer opens the dashboard", async ({
    page,
    browser,
  }) => {
    await signIn(page, DEMO.merchant);
    const copied = await page.context().cookies();
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/$/);

    const thief = await browser.newContext({ baseURL: APP.origin });
    await thief.addCookies(copied);
    const stolen = await thief.newPage();
    await stolen.goto("/dashboard");
    await expect(stolen).toHaveURL(/\/sign-in/);
    const csv = await thief.request.get(`/dashboard/${DEMO.shop.slug}/orders/export`, {
      maxRedirects: 0,
    });
    expect(csv.status()).toBe(307);
    expect(csv.headers().location).toContain("/sign-in");
    await thief.close();
    // Signing in again works.
    await signIn(page, DEMO.merchant);
  });

  test("a storefront origin cannot post to the dashboard's server actions", async ({ request }) => {
    const res = await request.post(`/dashboard/${DEMO.shop.slug}/products`, {
      headers: {
        origin: SHOP_HOST,
        "next-action": "0".repeat(40),
        "content-type": "text/plain;charset=UTF-8",
      },
      data: "[]",
      maxRedirects: 0,
    });
    expect(res.status()).toBe(403);
  });

  test("a sold-out line is left out of the cart's subtotal and says so (screens)", async ({
    page,
    browser,
  }) => {
    test.slow();
    const market = "e2e-market";
    await page.goto(`/s/${market}/products/field-jacket`);
    // M is marked sold out before it is picked.
    await expect(page.getByText("M (sold out)", { exact: true })).toBeVisible();
    await page.screenshot({ path: "test-results/screens/sizes-desktop.png" });
    // A build reused across e2e runs may still hold this page from an earlier run's seed (other
    // variant ids): a reload after the first visit gets the regenerated page.
    await expect(async () => {
      await page.reload();
      await page.locator("label").filter({ hasText: /^S$/ }).click();
      await page.getByRole("button", { name: "Add to cart" }).click();
      await expect(page.getByText(/Added to your cart/)).toBeVisible({ timeout: 5_000 });
    }).toPass({ timeout: 60_000 });
    await page.locator("label").filter({ hasText: /^L$/ }).click();
    await page.getByRole("button", { name: "Add to cart" }).click();
    await expect(page.getByTestId("cart-count")).toHaveText("2");

    // The merchant sells out size S meanwhile.
    const merchant = await browser.newContext({ baseURL: APP.origin });
    const m = await merchant.newPage();
    await signIn(m, { email: "storefront-e2e@bazaar.test", password: "storefront-e2e-password" });
    await m.goto(`/dashboard/${market}/products`);
    await m.getByRole("link", { name: "Field Jacket" }).first().click();
    const variants = m.getByRole("form", { name: "Variants" });
    await variants.getByLabel("Stock for S", { exact: true }).fill("0");
    await variants.getByRole("button", { name: "Save variants" }).click();
    await expect(variants.getByText("Variants saved.")).toBeVisible();

    await page.goto(`/s/${market}/cart`);
    const summary = page.getByRole("complementary", { name: "Order summary" });
    await expect(summary).toContainText("Subtotal (1 item)");
    await expect(page.getByTestId("subtotal")).toHaveText("$125.00");
    await expect(summary).toContainText("1 item is sold out and not included.");
    await expect(page.getByText("Not in the subtotal")).toBeVisible();
    for (const [label, width, height] of [
      ["desktop", 1280, 900],
      ["phone", 390, 844],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.screenshot({
        path: `test-results/screens/cart-sold-out-${label}.png`,
        fullPage: true,
      });
    }
    await expectNoSeriousA11yViolations(page);

    // Put the stock back for the other specs.
    await variants.getByLabel("Stock for S", { exact: true }).fill("2");
    await variants.getByRole("button", { name: "Save variants" }).click();
    await expect(variants.getByText("Variants saved.")).toBeVisible();
    await merchant.close();
  });
});
