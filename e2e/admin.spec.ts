import { createShop, DEMO, expect, signIn, signUp, test, uniqueSlug } from "./fixtures";

test.describe("platform admin", () => {
  test("merchants get a 404 for the admin panel", async ({ page }) => {
    await signIn(page, DEMO.merchant);
    const response = await page.goto("/admin");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Admin" })).toHaveCount(0);
  });

  test("suspend a shop with a reason, the merchant sees it, then reinstate; both are audited", async ({
    browser,
  }) => {
    const merchantPage = await browser.newPage();
    await signUp(merchantPage);
    const shop = await createShop(merchantPage, { name: "Shady Goods", slug: uniqueSlug("shady") });

    const admin = await browser.newPage();
    await signIn(admin, DEMO.admin);
    await admin.getByRole("link", { name: "Admin" }).click();
    await admin
      .getByRole("navigation", { name: "Admin" })
      .getByRole("link", { name: "Shops" })
      .click();
    await admin.getByLabel("Search shops").fill(shop.slug);
    await admin.getByRole("button", { name: "Apply" }).click();
    await admin.getByRole("link", { name: "Shady Goods" }).click();

    await admin.getByRole("button", { name: "Suspend shop" }).click();
    await expect(admin.getByText(/Give a reason of at least 5 characters/)).toBeVisible();
    await admin.getByLabel("Reason for suspension").fill("Listings break the platform's terms");
    await admin.getByRole("button", { name: "Suspend shop" }).click();
    await expect(admin.getByText("Reason: Listings break the platform's terms")).toBeVisible();

    await merchantPage.goto(`/dashboard/${shop.slug}`);
    await expect(merchantPage.getByText("This shop is suspended")).toBeVisible();
    await expect(merchantPage.getByText(/Listings break the platform's terms/)).toBeVisible();
    await merchantPage.goto(`/s/${shop.slug}`);
    await expect(merchantPage.getByText(/not accepting orders right now/i)).toBeVisible();

    await admin.getByRole("button", { name: "Reinstate shop" }).click();
    await expect(admin.getByRole("button", { name: "Suspend shop" })).toBeVisible();

    await admin.getByRole("link", { name: "All entries" }).click();
    const entries = admin.getByRole("list", { name: "Audit entries" });
    await expect(entries.getByText("shop.reinstated")).toBeVisible();
    await expect(entries.getByText("shop.suspended")).toBeVisible();
    await merchantPage.close();
    await admin.close();
  });

  test("fee settings are validated next to the field, saved and audited", async ({ page }) => {
    await signIn(page, DEMO.admin);
    await page.goto("/admin/fees");
    const percent = page.getByLabel("Percentage (%)");
    await percent.fill("120");
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(
      page.getByText("Enter a percentage between 0 and 100, with at most two decimals."),
    ).toBeVisible();
    await expect(percent).toHaveAttribute("aria-invalid", "true");

    await page.getByLabel("Percentage (%)").fill("5");
    await page.getByLabel("Fixed amount (minor units)").fill("30");
    await page.getByLabel("Minimum fee (minor units)").fill("");
    await page.getByLabel("Maximum fee (minor units)").fill("");
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(
      page.getByText("Settings saved. They apply to new checkouts from now on."),
    ).toBeVisible();

    await page.goto("/admin/audit?action=platform.settings_changed");
    await expect(
      page
        .getByRole("list", { name: "Audit entries" })
        .getByText("platform.settings_changed")
        .first(),
    ).toBeVisible();
  });

  test("lock a user out: their session stops working and sign-in is refused", async ({
    browser,
  }) => {
    const victimPage = await browser.newPage();
    const victim = await signUp(victimPage);

    const admin = await browser.newPage();
    await signIn(admin, DEMO.admin);
    await admin.goto(`/admin/users?q=${encodeURIComponent(victim.email)}`);
    admin.on("dialog", (dialog) => dialog.accept());
    await admin
      .getByRole("group", { name: `Actions for ${victim.email}` })
      .getByRole("button", { name: "Lock out" })
      .click();
    await expect(admin.getByText(/User locked out/)).toBeVisible();

    await victimPage.goto("/dashboard");
    await expect(victimPage).toHaveURL(/\/sign-in/);
    await victimPage.getByLabel("E-mail").fill(victim.email);
    await victimPage.getByLabel("Password").fill(victim.password);
    await victimPage.getByRole("button", { name: "Sign in" }).click();
    await expect(
      victimPage.getByText("This account has been locked. Contact the platform operator."),
    ).toBeVisible();
    await victimPage.close();
    await admin.close();
  });
});
