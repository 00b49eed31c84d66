import type { Browser, Page } from "@playwright/test";
import { emulatorGet } from "./emulator/fixtures";
import { DEMO, expect, signIn, test, usd } from "./fixtures";
import { addToCartAndOpenCart, fillPayment, parseCsv } from "./shopper";

// The platform admin operates a real shop end to end: the seeded Standard shop harbor-books
// (no other spec buys there). Serial: each step builds on the shop's state the previous one left.
const SHOP = { slug: "harbor-books", name: "Harbor Books" };
const STANDARD = { email: "standard@bazaar.test", password: "standard-demo-password" };
const PRODUCT = { slug: "paper-filters", name: "Paper Filters, 100 pack" };

test.describe.configure({ mode: "serial" });

async function adminShopPage(browser: Browser, period = 90): Promise<Page> {
  const admin = await browser.newPage();
  await signIn(admin, DEMO.admin);
  await admin.goto(`/admin/shops?q=${SHOP.slug}`);
  await admin.getByRole("link", { name: SHOP.name }).click();
  await expect(admin.getByRole("heading", { name: SHOP.name, level: 1 })).toBeVisible();
  if (period !== 30) {
    await admin.goto(`${new URL(admin.url()).pathname}?period=${period}`);
  }
  return admin;
}

function stat(page: Page, label: string) {
  return page
    .locator("dt", { hasText: new RegExp(`^${label}$`) })
    .locator("xpath=following-sibling::dd[1]");
}

const cents = (s: string) => Math.round(Number(s.replace(/[^0-9.-]/g, "")) * 100);

test("the admin sees a seeded shop's GMV and fee revenue match its orders", async ({ browser }) => {
  // The merchant's own export of paid orders (CSV) is the ground truth.
  const merchant = await browser.newPage();
  await signIn(merchant, STANDARD);
  const response = await merchant.request.get(`/dashboard/${SHOP.slug}/orders/export?status=paid`);
  expect(response.status()).toBe(200);
  const rows = parseCsv(await response.text());
  const now = new Date();
  const start =
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - 89 * 86_400_000;
  const inWindow = rows.filter((r) => Date.parse(r.Paid ?? "") >= start);
  expect(inWindow.length).toBeGreaterThan(0);
  const gmv = inWindow.reduce((sum, r) => sum + cents(r.Total ?? ""), 0);
  const fees = inWindow.reduce((sum, r) => sum + cents(r["Application fee"] ?? ""), 0);
  await merchant.close();

  const admin = await adminShopPage(browser, 90);
  await expect(stat(admin, "Paid orders")).toHaveText(String(inWindow.length));
  expect(cents(await stat(admin, "GMV").innerText())).toBe(gmv);
  expect(cents(await stat(admin, "Platform fee revenue").first().innerText())).toBe(fees);
  await admin.close();
});

test("a suspended shop refuses checkout, also from a page opened before; reinstating reopens it", async ({
  browser,
}) => {
  test.slow();
  const shopper = await browser.newPage();
  await addToCartAndOpenCart(shopper, SHOP.slug, PRODUCT);
  await expect(shopper.getByRole("button", { name: "Checkout" })).toBeEnabled();

  const admin = await adminShopPage(browser);
  await admin.getByLabel("Reason for suspension").fill("Chargeback rate under review");
  await admin.getByRole("button", { name: "Suspend shop" }).click();
  await expect(admin.getByText("Reason: Chargeback rate under review")).toBeVisible();

  // The cart page was rendered while the shop was open: its Checkout still posts the action,
  // and the server refuses it.
  await shopper.getByRole("button", { name: "Checkout" }).click();
  await expect(
    shopper.getByText("This shop is not accepting orders right now.").first(),
  ).toBeVisible();
  await expect(shopper).toHaveURL(new RegExp(`/s/${SHOP.slug}/cart$`));
  // A fresh visit says so plainly and offers no checkout.
  await shopper.goto(`/s/${SHOP.slug}/checkout`);
  await expect(shopper.getByText(/not accepting orders right now/i).first()).toBeVisible();
  await expect(shopper.locator('iframe[title="Secure checkout"]')).toHaveCount(0);

  await admin.getByRole("button", { name: "Reinstate shop" }).click();
  await expect(admin.getByRole("button", { name: "Suspend shop" })).toBeVisible();

  await shopper.goto(`/s/${SHOP.slug}/cart`);
  await shopper.getByRole("button", { name: "Checkout" }).click();
  await expect(shopper).toHaveURL(new RegExp(`/s/${SHOP.slug}/checkout$`));
  await expect(
    shopper.frameLocator('iframe[title="Secure checkout"]').getByText(PRODUCT.name),
  ).toBeVisible();
  await shopper.getByRole("link", { name: "Back to cart" }).click();
  await expect(shopper).toHaveURL(new RegExp(`/s/${SHOP.slug}/cart$`));

  await admin.goto("/admin/audit");
  const entries = admin.getByRole("list", { name: "Audit entries" });
  await expect(entries.getByText("shop.suspended").first()).toBeVisible();
  await expect(entries.getByText("shop.reinstated").first()).toBeVisible();
  await shopper.close();
  await admin.close();
});

test("a fee change applies to the next order, and is audited", async ({ browser }) => {
  test.slow();
  const admin = await adminShopPage(browser);
  await admin.getByLabel("Percentage (%)").fill("10");
  await admin.getByLabel("Fixed amount (minor units)").fill("50");
  await admin.getByRole("button", { name: "Save fee override" }).click();
  await expect(admin.getByText("Fee override saved for new checkouts.")).toBeVisible();

  const shopper = await browser.newPage();
  await addToCartAndOpenCart(shopper, SHOP.slug, PRODUCT);
  await shopper.getByRole("button", { name: "Checkout" }).click();
  await expect(shopper).toHaveURL(new RegExp(`/s/${SHOP.slug}/checkout$`));
  await fillPayment(shopper.frameLocator('iframe[title="Secure checkout"]'), "4242 4242 4242 4242");
  const heading = shopper.getByRole("heading", { name: /Thank you! Order #\d+/ });
  await expect(heading).toBeVisible({ timeout: 20_000 });
  const number = (await heading.innerText()).match(/#(\d+)/)?.[1];
  expect(number).toBeTruthy();
  await shopper.close();

  // $8.00 × 10% + $0.50 = $1.30 (the platform default would have been $0.70).
  const merchant = await browser.newPage();
  await signIn(merchant, STANDARD);
  await merchant.goto(`/dashboard/${SHOP.slug}/orders?q=${number}`);
  await merchant
    .getByRole("link", { name: `#${number}` })
    .first()
    .click();
  await expect(merchant.getByTestId("gross")).toContainText("$8.00");
  await expect(merchant.getByTestId("platform-fee")).toContainText("$1.30");

  // The order, the balance page and the emulator agree: the charge's net is in the pending
  // balance, and the page shows the connected account's balance as Stripe reports it.
  const chargeId = (await merchant.getByTestId("charge-id").innerText()).trim();
  const account = (await merchant.getByTestId("account-id").innerText()).trim();
  const charge = await emulatorGet<{ application_fee_amount: number; balance_transaction: string }>(
    `/v1/charges/${chargeId}`,
    account,
  );
  expect(charge.application_fee_amount).toBe(130);
  const txn = await emulatorGet<{ net: number; status: string }>(
    `/v1/balance_transactions/${charge.balance_transaction}`,
    account,
  );
  await expect(merchant.getByTestId("net")).toHaveText(usd(txn.net));
  const balance = await emulatorGet<{
    available: { amount: number; currency: string }[];
    pending: { amount: number; currency: string }[];
  }>("/v1/balance", account);
  const sum = (list: { amount: number; currency: string }[]) =>
    list.filter((b) => b.currency === "usd").reduce((total, b) => total + b.amount, 0);
  await merchant.goto(`/dashboard/${SHOP.slug}/balance`);
  await expect(stat(merchant, "Available")).toHaveText(usd(sum(balance.available)));
  await expect(stat(merchant, "Pending")).toHaveText(usd(sum(balance.pending)));
  expect(sum(balance.pending)).toBeGreaterThanOrEqual(txn.net);
  await merchant.close();

  // Back to the platform default; both changes are in the audit log.
  await admin.reload();
  for (const label of ["Percentage (%)", "Fixed amount (minor units)"]) {
    await admin.getByLabel(label).fill("");
  }
  await admin.getByRole("button", { name: "Save fee override" }).click();
  await expect(admin.getByText(/Fee override removed|platform default/i).first()).toBeVisible();
  await admin.goto("/admin/audit");
  const entries = admin.getByRole("list", { name: "Audit entries" });
  await expect(entries.getByText("shop.fee_override_set").first()).toBeVisible();
  await expect(entries.getByText("shop.fee_override_removed").first()).toBeVisible();
  await admin.close();
});
