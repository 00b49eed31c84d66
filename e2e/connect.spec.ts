import type { Page } from "@playwright/test";
import { createShop, expect as baseExpect, signIn, signUp, test } from "./fixtures";

// Stripe Connect flows against the local emulator the Playwright config starts.
// Each test signs up a fresh merchant; the flows are long, so they get more time.
test.describe.configure({ timeout: 150_000 });
// Redirect chains through the emulator are slow on a shared machine: give assertions more time.
const expect = baseExpect.configure({ timeout: 20_000 });
const EMULATOR_URL = `http://127.0.0.1:${process.env.E2E_EMULATOR_PORT ?? 12112}`;

async function control(path: string, body: Record<string, string> = {}) {
  const response = await fetch(`${EMULATOR_URL}/_emulator${path}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(body).toString(),
  });
  expect(response.ok, `control ${path}`).toBe(true);
  return response.json();
}

/** Submits the consent page's "Connect new account" form and returns where Stripe redirects. */
async function approveWithoutRedirect(authorizeUrl: string) {
  const url = new URL(authorizeUrl);
  const body = new URLSearchParams({
    action: "connect_new",
    business_name: "Owner Co",
    email: "owner@example.com",
  });
  for (const key of ["client_id", "redirect_uri", "scope", "state"])
    body.set(key, url.searchParams.get(key) ?? "");
  const response = await fetch(`${EMULATOR_URL}/oauth/authorize`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: body.toString(),
    redirect: "manual",
  });
  return response.headers.get("location") ?? "";
}

/**
 * Submits Stripe's hosted onboarding. Another test may advance the emulator's clock meanwhile,
 * expiring the link: Stripe then sends the browser through refresh_url to a fresh link, which is
 * exactly the designed behaviour, so submit that one.
 */
async function submitOnboarding(
  page: Page,
  button: "Agree and submit" | "Save and finish later" = "Agree and submit",
) {
  for (let attempt = 0; attempt < 3; attempt++) {
    const before = page.url();
    await page.getByRole("button", { name: button }).click();
    await page.waitForURL((url) => url.href !== before, { timeout: 30_000 });
    if (!page.url().startsWith(`${EMULATOR_URL}/connect/onboarding/`)) return;
  }
}

async function newMerchantShop(page: Page) {
  await signUp(page);
  const shop = await createShop(page);
  await page
    .getByRole("navigation", { name: "Shop" })
    .getByRole("link", { name: "Payments" })
    .click();
  await expect(page.getByRole("heading", { name: "Payments", level: 1 })).toBeVisible();
  return shop;
}

function statusBadge(page: Page, label: string) {
  return page.getByText(`Status: ${label}`, { exact: true });
}

async function shot(page: Page, name: string) {
  await page.screenshot({ path: `test-results/screens/payments-${name}.png`, fullPage: true });
}

async function accountIdOnPage(page: Page) {
  const text = await page.locator("dd .font-mono").first().textContent();
  expect(text).toMatch(/^acct_/);
  return text!.trim();
}

test.describe("connect an existing Stripe account (OAuth)", () => {
  test("connects a Standard account", async ({ page }) => {
    const shop = await newMerchantShop(page);
    await expect(
      page.getByRole("heading", { name: "Connect an existing Stripe account" }),
    ).toBeVisible();
    await expect(page.getByText("Paid by Bazaar, the platform")).toBeVisible();
    await shot(page, "not-connected");

    await page.getByRole("button", { name: "Connect existing account" }).click();
    await expect(page).toHaveURL(new RegExp(`^${EMULATOR_URL}/oauth/authorize`));
    await page.getByRole("button", { name: "Connect new account" }).click();

    await expect(page).toHaveURL(
      new RegExp(`/dashboard/${shop.slug}/settings/payments\\?notice=connected`),
    );
    await expect(page.getByText("Your Stripe account is connected.")).toBeVisible();
    await expect(statusBadge(page, "Active")).toBeVisible();
    await expect(page.getByText("Your own Stripe account (Standard)")).toBeVisible();
    await expect(page.getByText("Paid by you")).toBeVisible();
    await shot(page, "active-standard");

    // Standard accounts use their own Stripe Dashboard: no Express login link.
    await expect(page.getByRole("link", { name: /Open Express dashboard/ })).toHaveCount(0);
    // Connected shops see no "connect Stripe" banner.
    await page.getByRole("link", { name: "Overview" }).click();
    await expect(page.getByText("Connect Stripe to start selling")).toHaveCount(0);
  });

  test("a merchant who denies access is told so and nothing changes", async ({ page }) => {
    await newMerchantShop(page);
    await page.getByRole("button", { name: "Connect existing account" }).click();
    await page.getByRole("button", { name: "Deny access" }).click();
    await expect(page.getByText("You did not connect a Stripe account.")).toBeVisible();
    await expect(page.getByRole("button", { name: "Connect existing account" })).toBeVisible();
  });

  test("a tampered state is refused", async ({ page }) => {
    const shop = await newMerchantShop(page);
    await page.getByRole("button", { name: "Connect existing account" }).click();
    await expect(page).toHaveURL(/\/oauth\/authorize/);
    const url = new URL(page.url());
    url.searchParams.set("state", `${url.searchParams.get("state")}x`);
    await page.goto(url.toString());
    await page.getByRole("button", { name: "Connect new account" }).click();
    await expect(page.getByText("That Stripe connection request is not valid.")).toBeVisible();
    await page.goto(`/dashboard/${shop.slug}/settings/payments`);
    await expect(page.getByRole("button", { name: "Connect existing account" })).toBeVisible();
  });

  test("deauthorization on Stripe's side disconnects the shop and closes checkout", async ({
    page,
  }) => {
    const shop = await newMerchantShop(page);
    await page.getByRole("button", { name: "Connect existing account" }).click();
    await page.getByRole("button", { name: "Connect new account" }).click();
    await expect(statusBadge(page, "Active")).toBeVisible();
    const accountId = await accountIdOnPage(page);
    await page.goto(`/s/${shop.slug}`);
    await expect(page.getByText("This shop is not accepting orders right now.")).toHaveCount(0);

    await control(`/accounts/${accountId}/deauthorize`);
    // The emulator delivers account.application.deauthorized to the Connect webhook.
    await expect(async () => {
      await page.goto(`/dashboard/${shop.slug}`);
      await expect(page.getByText("Stripe was disconnected")).toBeVisible({ timeout: 1000 });
    }).toPass({ timeout: 20_000 });
    await page.getByRole("link", { name: "Go to payment settings" }).click();
    await expect(page.getByText(/Bazaar lost access to acct_/)).toBeVisible();
    await expect(page.getByRole("button", { name: "Connect existing account" })).toBeVisible();
    await shot(page, "disconnected");
    await page.goto(`/s/${shop.slug}`);
    await expect(page.getByText("This shop is not accepting orders right now.")).toBeVisible();
  });
});

test.describe("create a new Stripe account (Express-style)", () => {
  test("onboarding completed: active, with an Express dashboard", async ({ page }) => {
    const shop = await newMerchantShop(page);
    await page.getByRole("button", { name: "Create a Stripe account" }).click();
    await expect(page).toHaveURL(new RegExp(`^${EMULATOR_URL}/connect/onboarding/`));
    await submitOnboarding(page);

    await expect(page).toHaveURL(
      new RegExp(`/dashboard/${shop.slug}/settings/payments\\?notice=onboarding_complete`),
    );
    await expect(page.getByText("Onboarding complete: you can take payments.")).toBeVisible();
    await expect(statusBadge(page, "Active")).toBeVisible();
    await expect(page.getByText("Created through Bazaar (Express)")).toBeVisible();
    await expect(page.getByText("Paid by Bazaar")).toBeVisible();
    await shot(page, "active-express");
    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, "active-express-mobile");
    await page.setViewportSize({ width: 1280, height: 720 });

    const popup = page.waitForEvent("popup");
    await page.getByRole("link", { name: /Open Express dashboard/ }).click();
    const dashboard = await popup;
    await expect(dashboard.getByTestId("express-dashboard")).toBeVisible();
    await expect(dashboard.getByText("Payments enabled")).toBeVisible();
    await dashboard.close();

    // Refresh status re-reads the account.
    await page.getByRole("button", { name: "Refresh status" }).click();
    await expect(page.getByText("Status refreshed from Stripe.")).toBeVisible();

    // Disconnect needs confirmation, then unlinks the account.
    await page.getByRole("button", { name: "Disconnect Stripe…" }).click();
    await page.getByRole("button", { name: "Disconnect", exact: true }).click();
    await expect(page.getByText("Tick the box to confirm you want to disconnect.")).toBeVisible();
    await page
      .getByLabel("I understand that shoppers cannot pay until I connect Stripe again")
      .check();
    await page.getByRole("button", { name: "Disconnect", exact: true }).click();
    await expect(page.getByText("The Stripe account was unlinked from this shop.")).toBeVisible();
    await expect(page.getByRole("button", { name: "Create a Stripe account" })).toBeVisible();
  });

  test("onboarding left incomplete, then finished later", async ({ page }) => {
    const shop = await newMerchantShop(page);
    await page.getByRole("button", { name: "Create a Stripe account" }).click();
    await submitOnboarding(page, "Save and finish later");

    await expect(page.getByText("Onboarding is not finished yet.")).toBeVisible();
    await expect(statusBadge(page, "Onboarding")).toBeVisible();
    await expect(page.getByRole("list", { name: "Due now" })).toContainText(
      "Bank account for payouts",
    );
    await shot(page, "onboarding");

    await page.getByRole("link", { name: "Overview" }).click();
    await expect(page.getByText("Finish setting up payments")).toBeVisible();
    await page.goto(`/s/${shop.slug}`);
    await expect(page.getByText("This shop is not accepting orders right now.")).toBeVisible();

    await page.goto(`/dashboard/${shop.slug}`);
    await page.getByRole("link", { name: "Go to payment settings" }).click();
    await page.getByRole("button", { name: "Finish onboarding" }).click();
    await expect(page).toHaveURL(new RegExp(`^${EMULATOR_URL}/connect/onboarding/`));
    await submitOnboarding(page);
    await expect(statusBadge(page, "Active")).toBeVisible();
    await page.goto(`/s/${shop.slug}`);
    await expect(page.getByText("This shop is not accepting orders right now.")).toHaveCount(0);
  });

  test("an expired onboarding link sends the merchant through refresh_url to a new link", async ({
    page,
  }) => {
    await newMerchantShop(page);
    await page.getByRole("button", { name: "Create a Stripe account" }).click();
    await expect(page).toHaveURL(new RegExp(`^${EMULATOR_URL}/connect/onboarding/`));
    const first = page.url();
    await control("/clock/advance", { seconds: "400" });
    await page.reload();
    // The emulator redirected to refresh_url; the app minted a fresh link.
    await expect(page).toHaveURL(new RegExp(`^${EMULATOR_URL}/connect/onboarding/`));
    expect(page.url()).not.toBe(first);
    await submitOnboarding(page);
    await expect(statusBadge(page, "Active")).toBeVisible();
  });
});

test("a second merchant cannot reach the first one's payment settings or OAuth callback", async ({
  browser,
}) => {
  const owner = await browser.newPage();
  const shop = await newMerchantShop(owner);
  await owner.getByRole("button", { name: "Connect existing account" }).click();
  await expect(owner).toHaveURL(/\/oauth\/authorize/);
  // Approve on Stripe's side without following the redirect: keep the callback URL for later.
  const callbackUrl = await approveWithoutRedirect(owner.url());
  expect(callbackUrl).toContain("code=");

  const stranger = await browser.newPage();
  await signUp(stranger);
  const settings = await stranger.goto(`/dashboard/${shop.slug}/settings/payments`);
  expect(settings?.status()).toBe(404);
  const refresh = await stranger.goto(
    `/dashboard/${shop.slug}/settings/payments/onboarding/refresh`,
  );
  expect(refresh?.status()).toBe(404);
  await stranger.goto(callbackUrl);
  await expect(stranger.getByText("That Stripe connection request is not valid.")).toBeVisible();
  await stranger.close();

  // Nothing changed for the owner's shop. (Whether the owner can still use the callback is
  // covered by the integration tests: here another test may advance the emulator's clock.)
  await owner.goto(`/dashboard/${shop.slug}/settings/payments`);
  await expect(owner.getByRole("button", { name: "Connect existing account" })).toBeVisible();
  await owner.close();
});

test("the demo merchants: Express active, Standard active, one not connected", async ({
  browser,
}) => {
  const cases = [
    {
      email: "merchant@bazaar.test",
      password: "merchant-demo-password",
      slug: "kai-coffee",
      type: "Created through Bazaar (Express)",
    },
    {
      email: "standard@bazaar.test",
      password: "standard-demo-password",
      slug: "harbor-books",
      type: "Your own Stripe account (Standard)",
    },
  ];
  for (const c of cases) {
    const page = await browser.newPage();
    await signIn(page, c);
    await page.goto(`/dashboard/${c.slug}/settings/payments`);
    await expect(statusBadge(page, "Active")).toBeVisible();
    await expect(page.getByText(c.type)).toBeVisible();
    await page.close();
  }
  const page = await browser.newPage();
  await signIn(page, { email: "new@bazaar.test", password: "new-demo-password" });
  await page.goto("/dashboard/fern-and-clay");
  await expect(page.getByText("Connect Stripe to start selling")).toBeVisible();
  await page.close();
});
