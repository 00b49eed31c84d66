// The emulator's subscription checkout and customer portal, as a shopper uses them.
import type Stripe from "stripe";
import { expect, expectNoSeriousA11yViolations, test } from "../fixtures";
import { APP, control, onboardedExpressAccount, stripe } from "./fixtures";

const shots = process.env.EMULATOR_SCREENSHOTS;

test("subscribes on the hosted page, then cancels at period end in the portal", async ({
  page,
}) => {
  const account = (await onboardedExpressAccount("Kai's Coffee Roasters")).id;
  const on = { stripeAccount: account };
  const session = await stripe.checkout.sessions.create(
    {
      mode: "subscription",
      line_items: [
        {
          price_data: {
            currency: "usd",
            unit_amount: 2200,
            product_data: { name: "Coffee of the month" },
            recurring: { interval: "month" },
          },
          quantity: 1,
        },
      ],
      subscription_data: { application_fee_percent: 8 },
      success_url: `${APP}/success?session_id={CHECKOUT_SESSION_ID}`,
      cancel_url: `${APP}/cart`,
    },
    on,
  );
  await page.goto(session.url ?? "");
  await expect(page.getByText("$22.00 per month")).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.getByLabel("Email").fill("subscriber@example.com");
  await page.getByLabel("Card number").fill("4242 4242 4242 4242");
  await page.getByRole("button", { name: "Subscribe" }).click();
  await expect(page).toHaveURL(`${APP}/success?session_id=${session.id}`);

  const done = await stripe.checkout.sessions.retrieve(session.id, {}, on);
  const sub = await stripe.subscriptions.retrieve(String(done.subscription), {}, on);
  expect(sub.status).toBe("active");
  const portal = await stripe.billingPortal.sessions.create(
    { customer: String(done.customer), return_url: `${APP}/account` },
    on,
  );
  await page.goto(portal.url);
  await expect(page.getByRole("heading", { name: "Your subscriptions" })).toBeVisible();
  await expect(page.getByTestId("portal-status")).toHaveText("Active");
  await expectNoSeriousA11yViolations(page);
  if (shots) {
    await page.screenshot({ path: `${shots}/portal.png`, fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${shots}/portal-phone.png`, fullPage: true });
    await page.setViewportSize({ width: 1280, height: 720 });
  }
  await page.getByRole("button", { name: "Cancel Coffee of the month" }).click();
  await expect(page.getByTestId("portal-message")).toHaveText(
    "Your subscription will be canceled at the end of the period.",
  );
  await expect(page.getByText(/Cancels on/)).toBeVisible();
  const pending = await stripe.subscriptions.retrieve(sub.id, {}, on);
  expect(pending.cancel_at_period_end).toBe(true);

  // At the period's end it ends, with no second invoice.
  await control(`/subscriptions/${sub.id}/advance`);
  const ended: Stripe.Subscription = await stripe.subscriptions.retrieve(sub.id, {}, on);
  expect(ended.status).toBe("canceled");
  await page.reload();
  await expect(page.getByTestId("portal-status")).toHaveText("Canceled");
  await page.getByRole("link", { name: /Return to Kai's Coffee Roasters/ }).click();
  await expect(page).toHaveURL(`${APP}/account`);
});
