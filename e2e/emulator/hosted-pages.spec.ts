// Clicks through every page the emulator hosts, by role and label, as a user would.
import { expect, test } from "@playwright/test";
import {
  APP,
  control,
  EMULATOR_URL,
  expressAccount,
  hostedSession,
  onboardedExpressAccount,
  stripe,
} from "./fixtures";

const shots = process.env.EMULATOR_SCREENSHOTS;

test.describe("onboarding (account links)", () => {
  test("completing onboarding activates the account and returns to return_url", async ({
    page,
  }) => {
    const account = await expressAccount();
    const link = await stripe.accountLinks.create({
      account: account.id,
      type: "account_onboarding",
      refresh_url: `${APP}/refresh`,
      return_url: `${APP}/return`,
    });
    await page.goto(link.url);
    await expect(page.getByRole("heading", { name: /Set up payments/ })).toBeVisible();
    if (shots) await page.screenshot({ path: `${shots}/onboarding.png`, fullPage: true });
    await page.getByLabel("Business name").fill("Clay & Co");
    await page.getByRole("button", { name: "Agree and submit" }).click();
    await expect(page).toHaveURL(`${APP}/return`);
    const after = await stripe.accounts.retrieve(account.id);
    expect(after.charges_enabled).toBe(true);
    expect(after.details_submitted).toBe(true);
    expect(after.requirements?.currently_due).toEqual([]);
    expect(after.business_profile?.name).toBe("Clay & Co");
  });

  test("save and finish later leaves requirements due", async ({ page }) => {
    const account = await expressAccount();
    const link = await stripe.accountLinks.create({
      account: account.id,
      type: "account_onboarding",
      refresh_url: `${APP}/refresh`,
      return_url: `${APP}/return`,
    });
    await page.goto(link.url);
    await page.getByRole("button", { name: "Save and finish later" }).click();
    await expect(page).toHaveURL(`${APP}/return`);
    const after = await stripe.accounts.retrieve(account.id);
    expect(after.charges_enabled).toBe(false);
    expect(after.requirements?.currently_due?.length).toBeGreaterThan(0);
  });

  test("a used link goes to refresh_url", async ({ page }) => {
    const account = await expressAccount();
    const link = await stripe.accountLinks.create({
      account: account.id,
      type: "account_onboarding",
      refresh_url: `${APP}/refresh`,
      return_url: `${APP}/return`,
    });
    await page.goto(link.url);
    await page.getByRole("button", { name: "Agree and submit" }).click();
    await expect(page).toHaveURL(`${APP}/return`);
    await page.goto(link.url);
    await expect(page).toHaveURL(`${APP}/refresh`);
  });
});

test.describe("OAuth consent", () => {
  const authorize = (state: string) =>
    `${EMULATOR_URL}/oauth/authorize?response_type=code&client_id=ca_emulator&scope=read_write&redirect_uri=${encodeURIComponent(`${APP}/oauth/callback`)}&state=${state}`;

  test("connecting a new account returns a code that the SDK exchanges", async ({ page }) => {
    await page.goto(authorize("state_connect"));
    await expect(page.getByRole("heading", { name: /Connect your Stripe account/ })).toBeVisible();
    if (shots) await page.screenshot({ path: `${shots}/oauth.png`, fullPage: true });
    await page.getByLabel("Business name").fill("Corner Shop");
    await page.getByRole("button", { name: "Connect new account" }).click();
    await expect(page).toHaveURL(/\/oauth\/callback\?code=ac_/);
    const url = new URL(page.url());
    expect(url.searchParams.get("state")).toBe("state_connect");
    const token = await stripe.oauth.token({
      grant_type: "authorization_code",
      code: url.searchParams.get("code") ?? "",
    });
    const account = await stripe.accounts.retrieve(token.stripe_user_id ?? "");
    expect(account.business_profile?.name).toBe("Corner Shop");
  });

  test("denying returns access_denied", async ({ page }) => {
    await page.goto(authorize("state_deny"));
    await page.getByRole("button", { name: "Deny access" }).click();
    await expect(page).toHaveURL(/error=access_denied/);
    expect(new URL(page.url()).searchParams.get("state")).toBe("state_deny");
  });
});

test.describe("hosted checkout", () => {
  test("pays with 4242 4242 4242 4242 and lands on success_url with the session id", async ({
    page,
  }) => {
    const account = await onboardedExpressAccount("Pottery Barnacle");
    const session = await hostedSession(account.id);
    await page.goto(session.url ?? "");
    await expect(page.getByTestId("checkout-merchant")).toHaveText("Pottery Barnacle");
    await expect(page.getByTestId("checkout-total")).toHaveText("$60.00");
    await expect(page.getByRole("cell", { name: /Ceramic mug/ })).toBeVisible();
    if (shots) await page.screenshot({ path: `${shots}/checkout.png`, fullPage: true });
    await page.getByLabel("Email").fill("shopper@example.com");
    await page.getByLabel("Card number").fill("4242 4242 4242 4242");
    await page.getByRole("button", { name: /^Pay/ }).click();
    await expect(page).toHaveURL(`${APP}/success?session_id=${session.id}`);
    const done = await stripe.checkout.sessions.retrieve(
      session.id,
      {},
      { stripeAccount: account.id },
    );
    expect(done.status).toBe("complete");
    expect(done.payment_status).toBe("paid");
    expect(done.customer_details?.email).toBe("shopper@example.com");
  });

  test("shows the decline for 4000 0000 0000 0002 and stays on the page", async ({ page }) => {
    const account = await onboardedExpressAccount();
    const session = await hostedSession(account.id);
    await page.goto(session.url ?? "");
    await page.getByLabel("Email").fill("shopper@example.com");
    await page.getByLabel("Card number").fill("4000 0000 0000 0002");
    await page.getByRole("button", { name: /^Pay/ }).click();
    await expect(page.getByRole("alert")).toHaveText("Your card was declined.");
    if (shots) await page.screenshot({ path: `${shots}/checkout-declined.png`, fullPage: true });
    expect(page.url()).toBe(session.url);
    const still = await stripe.checkout.sessions.retrieve(
      session.id,
      {},
      { stripeAccount: account.id },
    );
    expect(still.status).toBe("open");
    await page.getByLabel("Card number").fill("4000000000009995");
    await page.getByRole("button", { name: /^Pay/ }).click();
    await expect(page.getByRole("alert")).toHaveText("Your card has insufficient funds.");
  });

  test("collects a shipping address when asked to", async ({ page }) => {
    const account = await onboardedExpressAccount();
    const session = await hostedSession(account.id, {
      shipping_address_collection: { allowed_countries: ["US", "CA"] },
    });
    await page.goto(session.url ?? "");
    await page.getByLabel("Email").fill("shopper@example.com");
    await page.getByLabel("Full name").fill("Sam Shopper");
    await page.getByLabel("Address").fill("1 Main St");
    await page.getByLabel("City").fill("Springfield");
    await page.getByLabel("Postal code").fill("12345");
    await page.getByLabel("Country").selectOption("CA");
    await page.getByLabel("Card number").fill("4242424242424242");
    await page.getByRole("button", { name: /^Pay/ }).click();
    await expect(page).toHaveURL(/\/success\?session_id=/);
    const done = await stripe.checkout.sessions.retrieve(
      session.id,
      {},
      { stripeAccount: account.id },
    );
    expect(done.collected_information?.shipping_details?.address.country).toBe("CA");
    expect(done.collected_information?.shipping_details?.name).toBe("Sam Shopper");
  });

  test("the back link goes to cancel_url", async ({ page }) => {
    const account = await onboardedExpressAccount("Back Shop");
    const session = await hostedSession(account.id);
    await page.goto(session.url ?? "");
    await page.getByRole("link", { name: "Back to Back Shop" }).click();
    await expect(page).toHaveURL(`${APP}/cart`);
  });

  test("an expired session says so", async ({ page }) => {
    const account = await onboardedExpressAccount();
    const session = await hostedSession(account.id);
    await stripe.checkout.sessions.expire(session.id, {}, { stripeAccount: account.id });
    await page.goto(`${EMULATOR_URL}/c/pay/${session.id}`);
    await expect(
      page.getByRole("heading", { name: "This checkout session has expired" }),
    ).toBeVisible();
  });
});

test.describe("embedded checkout and the stripe.js shim", () => {
  test("mounts the frame, pays inside it and sends the top page to return_url", async ({
    page,
  }) => {
    const account = await onboardedExpressAccount("Embedded Shop");
    const session = await stripe.checkout.sessions.create(
      {
        mode: "payment",
        ui_mode: "embedded_page",
        line_items: [
          {
            price_data: { currency: "usd", unit_amount: 1500, product_data: { name: "Notebook" } },
            quantity: 1,
          },
        ],
        payment_intent_data: { application_fee_amount: 150 },
        return_url: `${APP}/return?session_id={CHECKOUT_SESSION_ID}`,
      },
      { stripeAccount: account.id },
    );
    await page.goto(`${EMULATOR_URL}/`);
    await page.setContent(`<!doctype html><html lang="en"><head><title>Shop</title><script src="${EMULATOR_URL}/js/stripe.js"></script></head>
<body><main><h1>Checkout</h1><div id="checkout"></div></main>
<script>
  const stripe = Stripe("pk_test_emulator", { stripeAccount: ${JSON.stringify(account.id)} });
  window.shimOk = typeof stripe.elements === "function" && typeof stripe.createToken === "function" && typeof stripe.createPaymentMethod === "function" && typeof stripe.confirmCardPayment === "function";
  stripe.createEmbeddedCheckoutPage({ fetchClientSecret: async () => ${JSON.stringify(session.client_secret)} }).then((checkout) => checkout.mount("#checkout"));
</script></body></html>`);
    expect(await page.evaluate(() => (window as unknown as { shimOk: boolean }).shimOk)).toBe(true);
    const frame = page.frameLocator('iframe[title="Secure checkout"]');
    await expect(frame.getByTestId("checkout-total")).toHaveText("$15.00");
    if (shots) await page.screenshot({ path: `${shots}/embedded.png`, fullPage: true });
    await frame.getByLabel("Email").fill("shopper@example.com");
    await frame.getByLabel("Card number").fill("4000 0000 0000 0002");
    await frame.getByRole("button", { name: /^Pay/ }).click();
    await expect(frame.getByRole("alert")).toHaveText("Your card was declined.");
    await frame.getByLabel("Card number").fill("4242 4242 4242 4242");
    await frame.getByRole("button", { name: /^Pay/ }).click();
    await expect(page).toHaveURL(`${APP}/return?session_id=${session.id}`);
  });
});

test.describe("Express dashboard", () => {
  test("a login link opens the account's dashboard with its balance", async ({ page }) => {
    const account = await onboardedExpressAccount("Dashboard Shop");
    const session = await hostedSession(account.id);
    await control(`/checkout/sessions/${session.id}/pay`, { card: "4242424242424242" });
    const link = await stripe.accounts.createLoginLink(account.id);
    await page.goto(link.url);
    await expect(page.getByRole("heading", { name: "Dashboard Shop" })).toBeVisible();
    await expect(page.getByTestId("express-pending")).toHaveText("$57.00");
    if (shots) await page.screenshot({ path: `${shots}/express.png`, fullPage: true });
  });
});
