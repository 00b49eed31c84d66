// The emulator's hosted checkout with shipping choices, a promotion code and Stripe Tax, as a
// shopper uses it: by role and label, with the totals the page shows checked against the API.
import type Stripe from "stripe";
import { expect, expectNoSeriousA11yViolations, test } from "../fixtures";
import { APP, onboardedExpressAccount, stripe } from "./fixtures";

const shots = process.env.EMULATOR_SCREENSHOTS;

async function taxReadyShop(): Promise<{ account: string; code: string }> {
  const account = (await onboardedExpressAccount("Harbour Ceramics")).id;
  const on = { stripeAccount: account };
  await stripe.tax.settings.update(
    { head_office: { address: { country: "US", state: "CA", postal_code: "94105" } } },
    on,
  );
  await stripe.tax.registrations.create(
    {
      country: "US",
      country_options: { us: { state: "CA", type: "state_sales_tax" } },
      active_from: "now",
    },
    on,
  );
  const coupon = await stripe.coupons.create({ percent_off: 10, name: "Ten percent" }, on);
  const code = `WELCOME${Date.now().toString(36).toUpperCase()}`;
  await stripe.promotionCodes.create(
    {
      promotion: { type: "coupon", coupon: coupon.id },
      code,
      restrictions: { minimum_amount: 2000, minimum_amount_currency: "usd" },
    },
    on,
  );
  return { account, code };
}

function session(account: string): Promise<Stripe.Checkout.Session> {
  return stripe.checkout.sessions.create(
    {
      mode: "payment",
      line_items: [
        {
          price_data: {
            currency: "usd",
            unit_amount: 4000,
            product_data: { name: "Stoneware bowl" },
            tax_behavior: "exclusive",
          },
          quantity: 1,
        },
      ],
      automatic_tax: { enabled: true },
      allow_promotion_codes: true,
      shipping_address_collection: { allowed_countries: ["US", "CA"] },
      shipping_options: [
        {
          shipping_rate_data: {
            type: "fixed_amount",
            display_name: "Standard",
            fixed_amount: { amount: 500, currency: "usd" },
            tax_behavior: "exclusive",
            delivery_estimate: {
              minimum: { unit: "business_day", value: 3 },
              maximum: { unit: "business_day", value: 5 },
            },
          },
        },
        {
          shipping_rate_data: {
            type: "fixed_amount",
            display_name: "Express",
            fixed_amount: { amount: 1500, currency: "usd" },
            tax_behavior: "exclusive",
          },
        },
      ],
      payment_intent_data: { application_fee_amount: 400 },
      success_url: `${APP}/success?session_id={CHECKOUT_SESSION_ID}`,
      cancel_url: `${APP}/cart`,
    },
    { stripeAccount: account },
  );
}

test("shopper picks a shipping option, applies a code and sees tax from the address", async ({
  page,
}) => {
  const { account, code } = await taxReadyShop();
  const s = await session(account);
  await page.goto(s.url ?? "");
  await expect(page.getByTestId("checkout-subtotal")).toHaveText("$40.00");
  await expect(page.getByTestId("checkout-shipping")).toHaveText("$5.00");
  await expect(page.getByTestId("checkout-tax")).toHaveText("Calculated from your address");
  await expect(page.getByTestId("checkout-total")).toHaveText("$45.00");
  await expect(page.getByRole("radio", { name: /Standard · \$5\.00/ })).toBeChecked();
  await expect(page.getByText("3–5 business days")).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  if (shots) await page.screenshot({ path: `${shots}/checkout-commerce.png`, fullPage: true });

  // A code that does not exist is refused next to the field; nothing changes.
  await page.getByLabel("Promotion code").fill("NOPE");
  await page.getByRole("button", { name: "Apply code" }).click();
  await expect(page.getByTestId("promotion-error")).toHaveText("This code is invalid.");
  await expect(page.getByLabel("Promotion code")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByTestId("checkout-total")).toHaveText("$45.00");

  await page.getByLabel("Email").fill("shopper@example.com");
  await page.getByLabel("Promotion code").fill(code.toLowerCase());
  await page.getByRole("button", { name: "Apply code" }).click();
  await expect(page.getByTestId("promotion-applied")).toContainText(code);
  await expect(page.getByTestId("checkout-discount")).toHaveText("−$4.00");
  // What the shopper typed is kept across the update.
  await expect(page.getByLabel("Email")).toHaveValue("shopper@example.com");

  await page.getByRole("radio", { name: /Express/ }).check();
  await page.getByLabel("Full name").fill("Sam Shopper");
  await page.getByLabel("Address").fill("1 Main St");
  await page.getByLabel("City").fill("Los Angeles");
  await page.getByLabel("State / region").fill("CA");
  await page.getByLabel("Postal code").fill("90001");
  await page.getByLabel("Country").selectOption("US");
  await page.getByRole("button", { name: "Calculate tax" }).click();
  // 36.00 discounted + 15.00 shipping, 7.25% California sales tax on both: 2.61 + 1.09.
  await expect(page.getByTestId("checkout-shipping")).toHaveText("$15.00");
  await expect(page.getByTestId("checkout-tax")).toHaveText("$3.70");
  await expect(page.getByTestId("checkout-total")).toHaveText("$54.70");
  if (shots) {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${shots}/checkout-commerce-phone.png`, fullPage: true });
    await page.setViewportSize({ width: 1280, height: 720 });
  }

  await page.getByLabel("Card number").fill("4242 4242 4242 4242");
  await page.getByRole("button", { name: /^Pay \$54\.70/ }).click();
  await expect(page).toHaveURL(`${APP}/success?session_id=${s.id}`);

  const done = await stripe.checkout.sessions.retrieve(
    s.id,
    { expand: ["payment_intent"] },
    { stripeAccount: account },
  );
  expect(done.payment_status).toBe("paid");
  expect(done.amount_total).toBe(5470);
  expect(done.total_details).toMatchObject({
    amount_discount: 400,
    amount_shipping: 1500,
    amount_tax: 370,
  });
  expect((done.payment_intent as Stripe.PaymentIntent).amount).toBe(5470);
  expect((done.payment_intent as Stripe.PaymentIntent).application_fee_amount).toBe(400);
});
