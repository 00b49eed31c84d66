import { DEMO, expect, signIn, signUp, test, uniqueEmail } from "./fixtures";

test.describe("accounts", () => {
  test("a merchant signs up, lands on an empty dashboard, signs out and back in", async ({
    page,
  }) => {
    const user = await signUp(page);
    await expect(page.getByRole("heading", { name: "Your shops" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Create your first shop" })).toBeVisible();

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/$/);
    await page.goto("/dashboard");
    await expect(page).toHaveURL(/\/sign-in/);

    await signIn(page, user);
    await expect(page.getByText(`Signed in as ${user.email}`)).toBeVisible();
  });

  test("sign-up shows each problem next to its field", async ({ page }) => {
    await page.goto("/sign-up");
    await page.getByLabel("E-mail").fill("not-an-email");
    await page.getByLabel("Password").fill("short");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByText("Enter your name.")).toBeVisible();
    await expect(
      page.getByText("Enter a valid e-mail address, like name@example.com."),
    ).toBeVisible();
    await expect(page.getByText("Use at least 10 characters.")).toBeVisible();
    await expect(page.getByLabel("E-mail")).toHaveValue("not-an-email");
    await expect(page.getByLabel("E-mail")).toHaveAttribute("aria-invalid", "true");
  });

  test("sign-up refuses an e-mail that already has an account", async ({ page }) => {
    await page.goto("/sign-up");
    await page.getByLabel("Your name").fill("Copycat");
    await page.getByLabel("E-mail").fill(DEMO.merchant.email.toUpperCase());
    await page.getByLabel("Password").fill("another-good-password");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(
      page.getByText("An account with this e-mail already exists. Sign in instead."),
    ).toBeVisible();
  });

  test("the seeded merchant signs in", async ({ page }) => {
    await signIn(page, DEMO.merchant);
    await expect(page.getByRole("link", { name: new RegExp(DEMO.shop.name) })).toBeVisible();
  });

  test("a wrong password is refused with a message next to the field", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByLabel("E-mail").fill(DEMO.admin.email);
    await page.getByLabel("Password").fill("definitely-wrong");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByText("Wrong e-mail or password.")).toBeVisible();
    await expect(page).toHaveURL(/\/sign-in/);
    await expect(page.getByLabel("E-mail")).toHaveValue(DEMO.admin.email);
  });

  test("after 5 failed attempts sign-in is throttled, even with the right password", async ({
    page,
  }) => {
    const user = await signUp(page, { email: uniqueEmail("throttle") });
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.goto("/sign-in");
    // Wait for each attempt's answer before typing the next one: the form resets its fields
    // when an answer arrives, which would otherwise wipe what was typed meanwhile.
    const submit = async () => {
      const answered = page.waitForResponse(
        (r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/sign-in",
      );
      await page.getByRole("button", { name: "Sign in" }).click();
      await answered;
      // The button is disabled and relabelled while the answer is being applied.
      await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeEnabled();
    };
    for (let i = 0; i < 5; i++) {
      await page.getByLabel("E-mail").fill(user.email);
      await page.getByLabel("Password").fill(`wrong-password-${i}`);
      await submit();
      await expect(page.getByText("Wrong e-mail or password.")).toBeVisible();
    }
    await page.getByLabel("E-mail").fill(user.email);
    await page.getByLabel("Password").fill(user.password);
    await submit();
    await expect(page.getByText(/Too many failed sign-in attempts for this e-mail/)).toBeVisible();
    await expect(page).toHaveURL(/\/sign-in/);
  });
});
