import type { Page } from "@playwright/test";
import type Stripe from "stripe";
import { control, stripe } from "./emulator/fixtures";
import { DEMO, expect, expectNoSeriousA11yViolations, signIn, test } from "./fixtures";

// Money pages of the admin panel and the merchant dashboard, against the local emulator.

/** Full-page screenshots at desktop and phone width, for a look at the layout. */
async function shots(page: Page, name: string) {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: `test-results/screens/money-${name}.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `test-results/screens/money-${name}-mobile.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** A real paid direct charge on the connected account, with an application fee. */
async function paidCharge(accountId: string, amount: number, fee: number) {
  const session = await stripe.checkout.sessions.create(
    {
      mode: "payment",
      line_items: [
        {
          price_data: { currency: "usd", unit_amount: amount, product_data: { name: "Beans" } },
          quantity: 1,
        },
      ],
      payment_intent_data: { application_fee_amount: fee },
      success_url: "http://localhost/thanks",
      cancel_url: "http://localhost/cart",
    },
    { stripeAccount: accountId },
  );
  const paid = await control(`/checkout/sessions/${session.id}/pay`, {
    card: "4242424242424242",
  });
  expect(paid.ok).toBe(true);
  const done = await stripe.checkout.sessions.retrieve(
    session.id,
    { expand: ["payment_intent.latest_charge"] },
    { stripeAccount: accountId },
  );
  return ((done.payment_intent as Stripe.PaymentIntent).latest_charge as Stripe.Charge).id;
}

test.describe("money pages", () => {
  test("an admin sees overview, shops, a shop's account, events and reconciliation", async ({
    page,
  }) => {
    test.slow();
    await signIn(page, DEMO.admin);
    await page.goto("/admin");
    await expect(page.getByRole("heading", { name: "Platform overview" })).toBeVisible();
    await page
      .getByRole("navigation", { name: "Period" })
      .getByRole("link", { name: "7 days" })
      .click();
    await expect(page).toHaveURL(/\/admin\?period=7$/);
    await expectNoSeriousA11yViolations(page);

    await page
      .getByRole("navigation", { name: "Admin" })
      .getByRole("link", { name: "Shops" })
      .click();
    await page.getByLabel("Search shops").fill("kai-coffee");
    await page.getByRole("button", { name: "Apply" }).click();
    const table = page.getByRole("table", { name: "Shops" });
    await expect(table.getByText("Express · charges on · payouts on")).toBeVisible();
    await expect(table.getByRole("columnheader", { name: /GMV · fees/ })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await shots(page, "admin-shops");

    await table.getByRole("link", { name: "Kai's Coffee Roasters" }).click();
    const accountCard = page.locator("dd.font-mono").first();
    const accountId = (await accountCard.textContent())?.trim() ?? "";
    expect(accountId).toMatch(/^acct_/);
    const chargeId = await paidCharge(accountId, 2400, 150);
    await page.getByRole("button", { name: "Re-sync from Stripe" }).click();
    await expect(page.getByText("Re-synced from Stripe: status is now active.")).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await shots(page, "admin-shop");

    // The charge's Connect events were delivered to the app and stored.
    await expect(async () => {
      await page.goto(`/admin/events?account=${accountId}`);
      await expect(
        page.getByRole("table", { name: "Stripe events" }).getByRole("link").first(),
      ).toBeVisible({ timeout: 1000 });
    }).toPass({ timeout: 20_000 });
    await expectNoSeriousA11yViolations(page);
    await shots(page, "admin-events");
    await page.getByRole("table", { name: "Stripe events" }).getByRole("link").first().click();
    await expect(page.getByRole("heading", { name: "Payload" })).toBeVisible();
    await expect(page.getByLabel("Event payload (JSON)")).toContainText(accountId);
    await page.getByRole("button", { name: "Replay event" }).click();
    await expect(page.getByText(/^Replayed: (processed|ignored)\.$/)).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await shots(page, "admin-event");

    // No Bazaar order exists for that charge: reconciliation lists it.
    await page.goto("/admin/reconciliation?period=7");
    await expect(page.getByRole("heading", { name: "Fee reconciliation" })).toBeVisible();
    const row = page.getByRole("row").filter({ hasText: chargeId });
    await expect(row.getByText("No Bazaar order")).toBeVisible();
    await expect(row.getByText("$1.50")).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await shots(page, "admin-reconciliation");

    await page.goto("/admin?period=30");
    await expectNoSeriousA11yViolations(page);
    await shots(page, "admin-overview");

    await page.goto("/admin/audit?action=stripe_event.replayed");
    await expect(
      page.getByRole("list", { name: "Audit entries" }).getByText("stripe_event.replayed").first(),
    ).toBeVisible();
  });

  test("the other admin pages pass axe", async ({ page }) => {
    await signIn(page, DEMO.admin);
    for (const path of ["/admin/users", "/admin/fees", "/admin/audit", "/admin/events"]) {
      await page.goto(path);
      await expect(page.getByRole("main").getByRole("heading", { level: 1 })).toBeVisible();
      await expectNoSeriousA11yViolations(page);
    }
  });

  test("a merchant sees balance & payouts and analytics", async ({ page }) => {
    await signIn(page, DEMO.merchant);
    await page.goto("/dashboard/kai-coffee");
    const nav = page.getByRole("navigation", { name: "Shop" });
    await nav.getByRole("link", { name: "Balance & payouts" }).click();
    await expect(page.getByRole("heading", { name: "Balance & payouts" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Recent payouts" })).toBeVisible();
    await expect(page.getByRole("link", { name: /Open Express dashboard/ })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await shots(page, "merchant-balance");

    await nav.getByRole("link", { name: "Analytics" }).click();
    await expect(page.getByRole("heading", { name: "Analytics" })).toBeVisible();
    await page
      .getByRole("navigation", { name: "Period" })
      .getByRole("link", { name: "90 days" })
      .click();
    await expect(page).toHaveURL(/period=90/);
    await expect(page.getByRole("img", { name: /Daily revenue, last 90 days/ })).toBeVisible();
    await page.getByText("Show the numbers as a table").click();
    await expect(page.getByRole("table", { name: "Daily revenue, last 90 days" })).toBeVisible();
    await expect(page.getByText("Average order value")).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await shots(page, "merchant-analytics");
  });
});
