// Hosted onboarding (`/connect/onboarding/:token`), reached through an Account Link.

import type { ServerResponse } from "node:http";
import type { Emulator } from "../context";
import type { Params } from "../http/params";
import { redirect, sendHtml } from "../http/respond";
import { completeOnboarding, partialOnboarding } from "../resources/accounts";
import type { LinkRecord } from "../store";
import { esc, notFoundPage, page } from "./layout";

/** An expired or already-used link sends the browser to refresh_url, as Stripe does. */
function usable(emu: Emulator, link: LinkRecord): boolean {
  return !link.used && emu.now() < link.expiresAt;
}

export function onboardingGet(emu: Emulator, res: ServerResponse, token: string): void {
  const link = emu.store.state.accountLinks[token];
  if (!link)
    return sendHtml(
      res,
      404,
      notFoundPage("Link not found", "This onboarding link does not exist."),
    );
  if (!usable(emu, link)) return redirect(res, link.refreshUrl);
  const account = emu.store.state.accounts[link.account]?.obj;
  if (!account)
    return sendHtml(
      res,
      404,
      notFoundPage("Account not found", "The account of this link no longer exists."),
    );
  const name = account.business_profile?.name ?? "";
  const due = account.requirements?.currently_due ?? [];
  const body = `
<div class="card">
  <h1>Set up payments for ${esc(emu.config.platformName)}</h1>
  <p class="muted">Account <code>${esc(account.id)}</code>. Test mode: any values are accepted.</p>
  ${due.length ? `<p>Still needed: ${due.map((d) => `<code>${esc(d)}</code>`).join(", ")}</p>` : ""}
  <form method="post" action="/connect/onboarding/${esc(token)}" data-testid="onboarding-form">
    <label for="business_name">Business name</label>
    <input id="business_name" name="business_name" autocomplete="organization" value="${esc(name)}">
    <label for="email">Email</label>
    <input id="email" name="email" type="email" autocomplete="email" value="${esc(account.email ?? "")}">
    <label for="first_name">Representative first name</label>
    <input id="first_name" name="first_name" autocomplete="given-name" value="Jenny">
    <label for="last_name">Representative last name</label>
    <input id="last_name" name="last_name" autocomplete="family-name" value="Rosen">
    <label for="routing">Bank routing number</label>
    <input id="routing" name="routing" inputmode="numeric" value="110000000">
    <p class="hint">Test bank account 000123456789 is used.</p>
    <div class="actions">
      <button type="submit" name="action" value="complete" data-testid="onboarding-complete">Agree and submit</button>
      <button type="submit" name="action" value="later" class="secondary" data-testid="onboarding-later">Save and finish later</button>
    </div>
  </form>
</div>`;
  sendHtml(res, 200, page(`Onboarding · ${emu.config.platformName}`, body));
}

export function onboardingPost(
  emu: Emulator,
  res: ServerResponse,
  token: string,
  form: Params,
): void {
  const link = emu.store.state.accountLinks[token];
  if (!link)
    return sendHtml(
      res,
      404,
      notFoundPage("Link not found", "This onboarding link does not exist."),
    );
  if (!usable(emu, link)) return redirect(res, link.refreshUrl);
  const record = emu.store.state.accounts[link.account];
  if (!record)
    return sendHtml(
      res,
      404,
      notFoundPage("Account not found", "The account of this link no longer exists."),
    );
  link.used = true;
  const businessName = form.str("business_name")?.trim() || null;
  const email = form.str("email")?.trim();
  if (form.str("action") === "later") {
    if (email) record.obj.email = email;
    partialOnboarding(emu, record, businessName);
  } else {
    if (businessName && record.obj.business_profile)
      record.obj.business_profile.name = businessName;
    if (email) record.obj.email = email;
    completeOnboarding(emu, record);
  }
  emu.store.markDirty();
  redirect(res, link.returnUrl);
}
