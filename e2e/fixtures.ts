import { randomBytes } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Page } from "@playwright/test";

/**
 * Every spec imports `test` from here. It fails any test whose browser asks a stripe.com host
 * for anything: the suite must be hermetic.
 */
export const test = base.extend<{ hermetic: void }>({
  hermetic: [
    async ({ context }, use) => {
      const leaks: string[] = [];
      await context.route(/^https?:\/\/([^/]+\.)?stripe\.(com|network)\//, (route) => {
        leaks.push(route.request().url());
        return route.abort();
      });
      await use();
      expect(leaks, "requests to Stripe's real hosts").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** axe on the page as it is now: no serious or critical violations (`exclude`: a selector). */
export async function expectNoSeriousA11yViolations(page: Page, opts: { exclude?: string } = {}) {
  const builder = new AxeBuilder({ page });
  if (opts.exclude) builder.exclude(opts.exclude);
  const results = await builder.analyze();
  const serious = results.violations.filter(
    (v) => v.impact === "serious" || v.impact === "critical",
  );
  expect(
    serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`),
  ).toEqual([]);
}

/** Minor units of US dollars as the pages show them ($1,234.50). */
export const usd = (minor: number) =>
  new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" }).format(minor / 100);

export const DEMO = {
  merchant: { email: "merchant@bazaar.test", password: "merchant-demo-password" },
  admin: { email: "admin@bazaar.test", password: "admin-demo-password" },
  shop: { slug: "kai-coffee", name: "Kai's Coffee Roasters" },
};

export function uniqueEmail(prefix = "e2e") {
  return `${prefix}-${randomBytes(5).toString("hex")}@example.test`;
}

export function uniqueSlug(prefix = "shop") {
  return `${prefix}-${randomBytes(4).toString("hex")}`;
}

export async function signUp(
  page: Page,
  opts: { name?: string; email?: string; password?: string } = {},
) {
  const user = {
    name: opts.name ?? "Erin Example",
    email: opts.email ?? uniqueEmail(),
    password: opts.password ?? "a-very-good-password",
  };
  await page.goto("/sign-up");
  await page.getByLabel("Your name").fill(user.name);
  await page.getByLabel("E-mail").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  return user;
}

export async function signIn(page: Page, creds: { email: string; password: string }) {
  await page.goto("/sign-in");
  await page.getByLabel("E-mail").fill(creds.email);
  await page.getByLabel("Password").fill(creds.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard/);
}

export async function createShop(
  page: Page,
  opts: { name?: string; slug?: string; currency?: string; country?: string } = {},
) {
  const shop = {
    name: opts.name ?? "Test Goods",
    slug: opts.slug ?? uniqueSlug(),
    currency: opts.currency ?? "USD",
    country: opts.country ?? "US",
  };
  await page.goto("/dashboard/new");
  await page.getByLabel("Shop name").fill(shop.name);
  await page.getByLabel("Web address").fill(shop.slug);
  await page.getByLabel("Currency").selectOption(shop.currency);
  await page.getByLabel("Country").selectOption(shop.country);
  await page.getByRole("button", { name: "Create shop" }).click();
  await expect(page).toHaveURL(new RegExp(`/dashboard/${shop.slug}$`));
  return shop;
}
