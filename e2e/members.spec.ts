import type { Page } from "@playwright/test";
import {
  createShop,
  expect,
  expectNoSeriousA11yViolations,
  signUp,
  test,
  uniqueEmail,
} from "./fixtures";

async function screens(page: Page, name: string) {
  await page.screenshot({ path: `test-results/screens/members-${name}.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({
    path: `test-results/screens/members-${name}-mobile.png`,
    fullPage: true,
  });
  await page.setViewportSize({ width: 1280, height: 720 });
}

test.describe("shop members", () => {
  test("an owner invites staff by e-mail; staff join through the link and see only what their role allows", async ({
    page: owner,
    browser,
  }) => {
    await signUp(owner, { name: "Olive Owner" });
    const shop = await createShop(owner, { name: "Team Pottery" });

    // Invite from the Members page.
    await owner
      .getByRole("navigation", { name: "Shop" })
      .getByRole("link", { name: "Members" })
      .click();
    await expect(owner.getByRole("heading", { name: "Members", level: 1 })).toBeVisible();
    await expect(owner.getByText("No invitations are waiting for an answer.")).toBeVisible();
    const inviteeEmail = uniqueEmail("staff");
    const invite = owner.getByRole("form", { name: "Invite a member" });
    await invite.getByLabel("E-mail address").fill("not-an-address");
    await invite.getByRole("button", { name: "Send invitation" }).click();
    await expect(invite.getByLabel("E-mail address")).toHaveAttribute("aria-invalid", "true");
    await invite.getByLabel("E-mail address").fill(inviteeEmail);
    await invite.getByLabel("Role").selectOption("staff");
    await invite.getByRole("button", { name: "Send invitation" }).click();
    await expect(invite.getByText(`Invitation sent to ${inviteeEmail}`)).toBeVisible();
    await expect(owner.getByRole("rowheader", { name: new RegExp(inviteeEmail) })).toBeVisible();
    await expectNoSeriousA11yViolations(owner);
    await screens(owner, "page");

    // The link went out through the outbox.
    await owner.goto(`/dashboard/${shop.slug}/emails`);
    await owner.getByRole("link", { name: /invited you to Team Pottery/ }).click();
    const body = await owner.locator("pre").innerText();
    const link = body.match(/https?:\/\/\S+\/invitations\/\S+/)?.[0];
    expect(link).toBeTruthy();

    // The invitee opens it, creates an account with that address and joins.
    const staffContext = await browser.newContext();
    const staff = await staffContext.newPage();
    await staff.goto(new URL(link!).pathname);
    await expect(staff.getByRole("heading", { name: "Join Team Pottery" })).toBeVisible();
    await expectNoSeriousA11yViolations(staff);
    await screens(staff, "invitation");
    await staff.getByRole("link", { name: "Create an account" }).click();
    await staff.getByLabel("Your name").fill("Sam Staff");
    await staff.getByLabel("E-mail").fill(inviteeEmail);
    await staff.getByLabel("Password").fill("a-very-good-password");
    await staff.getByRole("button", { name: "Create account" }).click();
    await expect(staff).toHaveURL(/\/invitations\//);
    await staff.getByRole("button", { name: "Join Team Pottery" }).click();
    await expect(staff).toHaveURL(new RegExp(`/dashboard/${shop.slug}\\?notice=joined`));
    await expect(staff.getByText("Your role: Staff")).toBeVisible();

    // The navigation offers staff their areas only…
    const nav = staff.getByRole("navigation", { name: "Shop" });
    for (const allowed of ["Orders", "Products", "Collections"]) {
      await expect(nav.getByRole("link", { name: allowed })).toBeVisible();
    }
    for (const hidden of ["Payments", "Members", "Storefront", "Balance & payouts"]) {
      await expect(nav.getByRole("link", { name: hidden })).toHaveCount(0);
    }
    // …and the pages and routes refuse the rest even when opened directly.
    await staff.goto(`/dashboard/${shop.slug}/settings/payments`);
    await expect(staff.getByText("Not available to your role")).toBeVisible();
    const dashboardLink = await staff.request.get(
      `/dashboard/${shop.slug}/settings/payments/express-dashboard`,
      { maxRedirects: 0 },
    );
    expect(dashboardLink.status()).toBe(403);
    await staff.goto(`/dashboard/${shop.slug}/products`);
    await expect(staff.getByRole("heading", { name: "Products", level: 1 })).toBeVisible();

    // The link works once.
    await staff.goto(new URL(link!).pathname);
    await expect(staff.getByText("You are a member")).toBeVisible();

    // The owner sees the new member and makes them an owner; then removes them.
    await owner.goto(`/dashboard/${shop.slug}/settings/members`);
    await expect(owner.getByRole("rowheader", { name: /Sam Staff/ })).toBeVisible();
    await owner.getByLabel("Role of Sam Staff").selectOption("owner");
    await owner.getByRole("button", { name: "Save role of Sam Staff" }).click();
    await expect(owner.getByText("Role changed to owner.")).toBeVisible();
    await staff.reload();
    await staff.goto(`/dashboard/${shop.slug}/settings/payments`);
    await expect(staff.getByRole("heading", { name: "Payments", level: 1 })).toBeVisible();
    owner.once("dialog", (d) => void d.accept());
    await owner.getByRole("button", { name: "Remove Sam Staff" }).click();
    await expect(owner.getByText("Member removed. Their access ended at once.")).toBeVisible();
    await expect(owner.getByRole("rowheader", { name: /Sam Staff/ })).toHaveCount(0);
    const gone = await staff.goto(`/dashboard/${shop.slug}`);
    expect(gone?.status()).toBe(404);
    await staffContext.close();
  });
});
