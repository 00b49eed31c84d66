import type { Page } from "@playwright/test";
import { control, emulatorGet } from "./emulator/fixtures";
import { DEMO, expect, expectNoSeriousA11yViolations, signIn, test, usd } from "./fixtures";

// The e2e server seeds kai-coffee with real paid orders on the emulator (db/seed-orders.ts).
async function shoot(page: Page, name: string) {
  for (const [label, width] of [
    ["desktop", 1280],
    ["phone", 390],
  ] as const) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `test-results/screens/${name}-${label}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

test("a merchant fulfils and partly refunds an order; the numbers agree with Stripe; the shopper sees tracking", async ({
  page,
}) => {
  await signIn(page, DEMO.merchant);
  await page.goto(`/dashboard/${DEMO.shop.slug}/orders`);
  await expect(page.getByRole("heading", { name: "Orders" })).toBeVisible();
  await expect(page.getByText(/Showing 1–25 of \d+/)).toBeVisible();
  await shoot(page, "orders-list");

  // Filters: unfulfilled orders, then search by the number of the first one.
  await page.getByLabel("Status").selectOption("unfulfilled");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/status=unfulfilled/);
  const first = page.getByRole("link", { name: /^#\d+ — view order$/ }).first();
  const number = ((await first.textContent()) ?? "").match(/#(\d+)/)![1]!;
  await page.getByLabel("Search").fill(number);
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByRole("link", { name: /view order/ })).toHaveCount(1);
  await page.getByRole("link", { name: `#${number} — view order` }).click();
  await expect(page.getByRole("heading", { name: `Order #${number}` })).toBeVisible();

  // Fulfil: a bad tracking number is refused next to the field; a good one is saved.
  const fulfil = page.getByRole("form", { name: "Fulfil order" });
  await fulfil.getByLabel("Carrier").selectOption("UPS");
  await fulfil.getByLabel("Tracking number").fill("1Z<>");
  await fulfil.getByRole("button", { name: "Mark as fulfilled" }).click();
  await expect(fulfil.getByText("Use only letters, digits and dashes.")).toBeVisible();
  await fulfil.getByLabel("Tracking number").fill("1Z999AA10123456784");
  await fulfil.getByRole("button", { name: "Mark as fulfilled" }).click();
  await expect(page.getByText("1Z999AA10123456784").first()).toBeVisible();
  await expect(page.getByText(/Fulfilled: shipped with UPS/)).toBeVisible();

  // Refund too much: refused next to the amount; then refund $5.00.
  const refund = page.getByRole("form", { name: "Refund order" });
  const gross = (await page.getByTestId("gross").textContent())!;
  await refund.getByLabel("Refund amount").fill("99999");
  await refund.getByRole("button", { name: "Refund" }).click();
  await expect(refund.getByText("The amount is more than what remains to refund.")).toBeVisible();
  await refund.getByLabel("Refund amount").fill("5.00");
  await refund.getByRole("button", { name: "Refund" }).click();
  await expect(refund.getByText("Refunded $5.00.")).toBeVisible();
  await expect(page.getByTestId("refunded")).toHaveText("−$5.00");
  await shoot(page, "order-detail");

  // The page agrees with the emulator: charge, refund, application fee and Stripe's fee.
  const chargeId = (await page.getByTestId("charge-id").textContent())!.trim();
  const account = (await page.getByTestId("account-id").textContent())!.trim();
  const charge = await emulatorGet<{
    amount: number;
    amount_refunded: number;
    balance_transaction: string;
  }>(`/v1/charges/${chargeId}`, account);
  expect(usd(charge.amount)).toBe(gross);
  expect(charge.amount_refunded).toBe(500);
  const fees = await emulatorGet<{ data: { amount: number; amount_refunded: number }[] }>(
    `/v1/application_fees?charge=${chargeId}`,
  );
  const fee = fees.data[0]!;
  await expect(page.getByTestId("platform-fee")).toHaveText(
    `−${usd(fee.amount - fee.amount_refunded)}`,
  );
  const txn = await emulatorGet<{ fee: number; net: number }>(
    `/v1/balance_transactions/${charge.balance_transaction}`,
    account,
  );
  const stripeFee = txn.fee - fee.amount;
  // When the platform pays Stripe's fee (Express-style), it is on the platform's own balance.
  const platformFees = await emulatorGet<{ data: { amount: number }[] }>(
    `/v1/balance_transactions?source=${chargeId}&type=stripe_fee`,
  );
  const platformPaid = platformFees.data.reduce((sum, t) => sum - t.amount, 0);
  expect(stripeFee === 0 ? platformPaid > 0 : platformPaid === 0).toBe(true);
  await expect(page.getByTestId("stripe-fee")).toHaveText(
    stripeFee === 0 ? `$0.00 (the platform paid ${usd(platformPaid)})` : `−${usd(stripeFee)}`,
  );
  // Net: what the charge left the account, less the refund, plus the fee returned with it.
  await expect(page.getByTestId("net")).toHaveText(
    usd(txn.net - charge.amount_refunded + fee.amount_refunded),
  );

  // The shopper's signed link shows the shipment; a forged one is a 404.
  const link = await page.getByRole("link", { name: /Shopper's order page/ }).getAttribute("href");
  expect(link).toMatch(/^\/s\/kai-coffee\/orders\//);
  const shopper = await page.context().browser()!.newPage();
  await shopper.goto(link!);
  await expect(shopper.getByRole("heading", { name: `Order #${number}` })).toBeVisible();
  await expect(shopper.getByRole("heading", { name: "Shipped" })).toBeVisible();
  await expect(shopper.getByText("1Z999AA10123456784")).toBeVisible();
  await expect(shopper.getByText(/\$5\.00 of this order was refunded/)).toBeVisible();
  await shoot(shopper, "shopper-order");
  const forged = await shopper.goto(`${link!.slice(0, -3)}abc`);
  expect(forged?.status()).toBe(404);
  await shopper.close();

  // The shipping notice is in the shop's outbox (written by the worker a moment after fulfilment).
  await page.getByRole("link", { name: "E-mails" }).click();
  await expect(page.getByRole("heading", { name: "E-mails" })).toBeVisible();
  const notice = page.getByRole("link", { name: new RegExp(`order #${number} .* has shipped`) });
  await expect(async () => {
    await page.reload();
    await expect(notice).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await shoot(page, "outbox");
  await notice.click();
  await expect(page.getByText(/Tracking number: 1Z999AA10123456784/)).toBeVisible();
});

test("the CSV export downloads the filtered orders", async ({ page }) => {
  await signIn(page, DEMO.merchant);
  await page.goto(`/dashboard/${DEMO.shop.slug}/orders?status=partially_refunded`);
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const file = await download;
  const text = await (await file.createReadStream()).toArray();
  const csv = Buffer.concat(text as Buffer[]).toString("utf8");
  const rows = csv.trim().split("\r\n");
  expect(rows[0]).toMatch(/^Order,Created,Paid,Status,Fulfilment,E-mail/);
  expect(rows.length).toBeGreaterThan(1);
  for (const row of rows.slice(1)) expect(row).toMatch(/^#\d+,/);
});

test("a dispute on Stripe flags the order, the list and the shop overview", async ({ page }) => {
  await signIn(page, DEMO.merchant);
  await page.goto(`/dashboard/${DEMO.shop.slug}/orders?status=fulfilled`);
  const link = page.getByRole("link", { name: /^#\d+ — view order$/ }).first();
  const number = ((await link.textContent()) ?? "").match(/#(\d+)/)![1]!;
  await link.click();
  await expect(page.getByRole("heading", { name: `Order #${number}` })).toBeVisible();
  const chargeId = (await page.getByTestId("charge-id").textContent())!.trim();
  const response = await control(`/charges/${chargeId}/dispute`, {
    reason: "product_not_received",
  });
  expect(response.ok).toBe(true);
  // The emulator delivers charge.dispute.created to the app's Connect webhook.
  await expect(async () => {
    await page.reload();
    await expect(page.getByText("This payment is disputed")).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await expect(page.getByText(/product not received/).first()).toBeVisible();

  await page.goto(`/dashboard/${DEMO.shop.slug}`);
  await expect(page.getByText("Disputed payments")).toBeVisible();
  await page.getByRole("link", { name: "See disputed orders" }).click();
  await expect(page.getByRole("link", { name: `#${number} — view order` })).toBeVisible();
  await expect(page.getByRole("table").getByText("Disputed", { exact: true })).toBeVisible();
  await shoot(page, "orders-disputed");
});

test("the admin sees every shop's e-mails; a merchant cannot open the admin outbox", async ({
  page,
  browser,
}) => {
  await signIn(page, DEMO.admin);
  await page.goto("/admin/emails");
  await expect(page.getByRole("heading", { name: "E-mail outbox" })).toBeVisible();
  const first = page.getByRole("listitem").filter({ hasText: "Logged (not sent)" }).first();
  // The seeded e-mails are delivered (logged, without SMTP) by the worker after start-up.
  await expect(async () => {
    await page.reload();
    await expect(first).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await shoot(page, "admin-outbox");
  await first.getByRole("link").click();
  await expect(page.getByText("Message (plain text)")).toBeVisible();

  const merchant = await browser.newPage();
  await signIn(merchant, DEMO.merchant);
  const response = await merchant.goto("/admin/emails");
  expect(response?.status()).toBe(404);
  await merchant.close();
});

test("the orders pages pass axe", async ({ page }) => {
  await signIn(page, DEMO.merchant);
  await page.goto(`/dashboard/${DEMO.shop.slug}/orders`);
  await expectNoSeriousA11yViolations(page);
  await page.goto(`/dashboard/${DEMO.shop.slug}/orders?status=partially_refunded`);
  await page
    .getByRole("link", { name: /^#\d+ — view order$/ })
    .first()
    .click();
  await expect(page.getByRole("heading", { name: /^Order #\d+$/ })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  const link = await page.getByRole("link", { name: /Shopper's order page/ }).getAttribute("href");
  await page.goto(`/dashboard/${DEMO.shop.slug}/emails`);
  await expectNoSeriousA11yViolations(page);
  await page.goto(link!);
  await expect(page.getByRole("heading", { name: /^Order #\d+$/ })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
});
