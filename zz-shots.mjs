import { chromium } from "@playwright/test";
const base = "http://localhost:3401";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
for (const [w, h, tag] of [[1280, 900, "desk"], [390, 844, "phone"]]) {
  const page = await browser.newPage({ viewport: { width: w, height: h } });
  for (const [name, path] of [["home", "/s/e2e-market"], ["collection", "/s/e2e-market/collections/everyday"], ["product", "/s/e2e-market/products/field-jacket"], ["page", "/s/e2e-market/pages/shipping-returns"]]) {
    await page.goto(base + path); await page.waitForTimeout(800);
    await page.screenshot({ path: `/tmp/shots/${name}-${tag}.png`, fullPage: name !== "collection" });
  }
  await page.goto(base + "/s/e2e-market/products/canvas-tote");
  await page.getByRole("button", { name: "Add to cart" }).click();
  await page.getByText(/Added to your cart/).waitFor();
  await page.goto(base + "/s/e2e-market/cart"); await page.waitForTimeout(800);
  await page.screenshot({ path: `/tmp/shots/cart-${tag}.png`, fullPage: true });
}
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
await page.goto(base + "/sign-in");
await page.getByLabel("E-mail").fill("storefront-e2e@bazaar.test");
await page.getByLabel("Password").fill("storefront-e2e-password");
await page.getByRole("button", { name: "Sign in" }).click();
await page.waitForURL(/dashboard/);
await page.goto(base + "/dashboard/e2e-market/storefront"); await page.waitForTimeout(800);
await page.screenshot({ path: `/tmp/shots/editor-desk.png`, fullPage: false });
await browser.close();
