// Hosted Checkout (`/c/pay/:session`) and the embedded checkout frame (`/c/embedded/:session`).
// Both render the same form and pay through paySession, like the control API.

import type { ServerResponse } from "node:http";
import type Stripe from "stripe";
import type { Emulator } from "../context";
import { ApiError } from "../http/errors";
import type { Params } from "../http/params";
import { redirect, sendHtml } from "../http/respond";
import { formatAmount } from "../money";
import {
  applyPromotionCode,
  paySession,
  recordShopperInput,
  recoverSession,
  refreshSession,
  removePromotionCode,
  selectShippingRate,
  setTaxAddress,
} from "../resources/checkout-sessions";
import type { SessionRecord } from "../store";
import { US_STATE_NAMES } from "../tax-table";
import { esc, notFoundPage, page } from "./layout";

const REGION_NAMES = new Intl.DisplayNames(["en"], { type: "region", fallback: "none" });
/** Not countries: the EU, the UN, "unknown region" and the like. */
const NOT_COUNTRIES = new Set(["EU", "EZ", "UN", "QO", "ZZ", "XA", "XB"]);

function countryName(code: string): string {
  return REGION_NAMES.of(code) ?? code;
}

/** Every country, for the billing address Checkout asks for when it computes tax. */
const ALL_COUNTRIES: string[] = (() => {
  const letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  const out: string[] = [];
  for (const a of letters)
    for (const b of letters) {
      const code = a + b;
      if (!NOT_COUNTRIES.has(code) && REGION_NAMES.of(code)) out.push(code);
    }
  return out.sort((x, y) => countryName(x).localeCompare(countryName(y)));
})();

/** A US state given by code or by name, as its two-letter code. */
function stateCode(country: string | null, state: string | null): string | null {
  if (!state) return null;
  const s = state.trim();
  if (country !== "US" || s.length === 2) return s.toUpperCase() || null;
  const found = Object.entries(US_STATE_NAMES).find(
    ([, name]) => name.toLowerCase() === s.toLowerCase(),
  );
  return found ? found[0] : s;
}

export function substituteSessionId(url: string, sessionId: string): string {
  return url.split("{CHECKOUT_SESSION_ID}").join(sessionId);
}

function merchantName(emu: Emulator, record: SessionRecord): string {
  const account = record.owner
    ? emu.store.state.accounts[record.owner]?.obj
    : emu.store.state.platform;
  return (
    account?.business_profile?.name ||
    account?.settings?.dashboard?.display_name ||
    account?.id ||
    "Merchant"
  );
}

interface FormState {
  error: string | null;
  /** A refused promotion code, shown next to its field. */
  promotionError?: string | null;
  values: Record<string, string>;
}

function estimate(rate: Stripe.ShippingRate): string {
  const e = rate.delivery_estimate;
  if (!e || (!e.minimum && !e.maximum)) return "";
  const unit = (u: string, n: number) => {
    const base = u.replace("_", " ");
    return n === 1 ? base : `${base}s`;
  };
  const min = e.minimum;
  const max = e.maximum;
  if (min && max && min.unit === max.unit)
    return min.value === max.value
      ? `${min.value} ${unit(min.unit, min.value)}`
      : `${min.value}–${max.value} ${unit(max.unit, max.value)}`;
  if (min) return `at least ${min.value} ${unit(min.unit, min.value)}`;
  if (max) return `up to ${max.value} ${unit(max.unit, max.value)}`;
  return "";
}

function promotionLabel(emu: Emulator, record: SessionRecord): string | null {
  const pricing = record.pricing;
  if (!pricing) return null;
  if (pricing.promotionCode) {
    const promo = emu.store.state.promotionCodes[pricing.promotionCode];
    if (promo) return promo.obj.code;
  }
  return pricing.coupon
    ? (emu.store.state.coupons[`${record.owner ?? "platform"}/${pricing.coupon}`]?.obj.name ??
        pricing.coupon)
    : null;
}

/** "Billed monthly", "then $12.00 per month after 14 days" for a subscription's items. */
function recurringNote(record: SessionRecord, li: Stripe.LineItem): string {
  const r = li.price?.recurring;
  if (!r) return "";
  const every =
    r.interval_count === 1 ? `per ${r.interval}` : `every ${r.interval_count} ${r.interval}s`;
  const trial = record.subscriptionData?.trialPeriodDays;
  const amount = formatAmount((li.price?.unit_amount ?? 0) * (li.quantity ?? 1), li.currency);
  return trial
    ? `<br><span class="muted">${esc(trial)} days free, then ${esc(amount)} ${esc(every)}</span>`
    : `<br><span class="muted">${esc(amount)} ${esc(every)}</span>`;
}

function itemsTable(emu: Emulator, record: SessionRecord): string {
  const s = record.obj;
  const currency = s.currency ?? "usd";
  const money = (n: number) => esc(formatAmount(n, currency));
  const rows = record.lineItems
    .map(
      (li) =>
        `<tr><td>${esc(li.description)}${li.quantity && li.quantity > 1 ? ` <span class="muted">× ${esc(li.quantity)}</span>` : ""}${recurringNote(record, li)}</td><td class="num">${money(li.amount_subtotal)}</td></tr>`,
    )
    .join("");
  const totals = s.total_details;
  const lines: string[] = [];
  const extra =
    (totals?.amount_discount ?? 0) > 0 || s.shipping_cost !== null || s.automatic_tax.enabled;
  if (extra)
    lines.push(
      `<tr><td>Subtotal</td><td class="num" data-testid="checkout-subtotal">${money(s.amount_subtotal ?? 0)}</td></tr>`,
    );
  if ((totals?.amount_discount ?? 0) > 0) {
    const label = promotionLabel(emu, record);
    lines.push(
      `<tr><td>Discount${label ? ` <span class="muted">(${esc(label)})</span>` : ""}</td><td class="num" data-testid="checkout-discount">−${money(totals?.amount_discount ?? 0)}</td></tr>`,
    );
  }
  if (s.shipping_cost) {
    const rate = s.shipping_cost.shipping_rate
      ? emu.store.state.shippingRates[String(s.shipping_cost.shipping_rate)]?.obj
      : undefined;
    lines.push(
      `<tr><td>Shipping${rate?.display_name ? ` <span class="muted">(${esc(rate.display_name)})</span>` : ""}</td><td class="num" data-testid="checkout-shipping">${s.shipping_cost.amount_subtotal === 0 ? "Free" : money(s.shipping_cost.amount_subtotal)}</td></tr>`,
    );
  }
  if (s.automatic_tax.enabled) {
    const known = s.automatic_tax.status === "complete";
    const inclusive = record.pricing?.taxBehaviors.every((b) => b === "inclusive") ?? false;
    lines.push(
      `<tr><td>${inclusive ? "Tax (included)" : "Tax"}</td><td class="num" data-testid="checkout-tax">${known ? money(totals?.amount_tax ?? 0) : `<span class="muted">Calculated from your address</span>`}</td></tr>`,
    );
  }
  return `<table data-testid="checkout-items"><caption class="muted" style="text-align:left">Order summary</caption>
<thead><tr><th scope="col">Item</th><th scope="col" class="num">Amount</th></tr></thead>
<tbody>${rows}${lines.join("")}</tbody>
<tfoot><tr><td>Total due</td><td class="num" data-testid="checkout-total">${money(s.amount_total ?? 0)}</td></tr></tfoot></table>`;
}

function shippingOptions(emu: Emulator, record: SessionRecord): string {
  const pricing = record.pricing;
  if (!pricing || pricing.shippingRates.length === 0) return "";
  const currency = record.obj.currency ?? "usd";
  const choices = record.obj.shipping_options
    .map((o, i) => {
      const id = String(o.shipping_rate);
      const rate = emu.store.state.shippingRates[id]?.obj;
      const when = rate ? estimate(rate) : "";
      const price = o.shipping_amount === 0 ? "Free" : formatAmount(o.shipping_amount, currency);
      return `<label class="choice" for="shipping_rate_${i}"><input type="radio" id="shipping_rate_${i}" name="shipping_rate" value="${esc(id)}"${pricing.selectedRate === id ? " checked" : ""}><span>${esc(rate?.display_name ?? id)} · ${esc(price)}${when ? `<br><span class="muted">${esc(when)}</span>` : ""}</span></label>`;
    })
    .join("");
  return `<fieldset data-testid="shipping-options"><legend>Shipping method</legend>${choices}
<button type="submit" name="intent" value="update" class="secondary">Update total</button></fieldset>`;
}

function promotionField(
  emu: Emulator,
  record: SessionRecord,
  v: Record<string, string>,
  error: string | null,
): string {
  if (!record.obj.allow_promotion_codes) return "";
  const applied = record.pricing?.promotionCode ? promotionLabel(emu, record) : null;
  if (applied)
    return `<div class="notice" data-testid="promotion-applied"><p style="margin:0">Code <strong>${esc(applied)}</strong> applied.</p>
<div class="actions" style="margin-top:.5rem"><button type="submit" name="intent" value="remove_code" class="secondary">Remove code ${esc(applied)}</button></div></div>`;
  return `<label for="promotion_code">Promotion code</label>
<input id="promotion_code" name="promotion_code" autocomplete="off" value="${esc(v.promotion_code ?? "")}"${error ? ` aria-invalid="true" aria-describedby="promotion-error"` : ""}>
${error ? `<p class="alert" id="promotion-error" data-testid="promotion-error">${esc(error)}</p>` : ""}
<div class="actions" style="margin-top:.5rem"><button type="submit" name="intent" value="apply_code" class="secondary">Apply code</button></div>`;
}

/** Consent boxes the session collects: promotional e-mails (optional) and the terms (required). */
function consentFields(emu: Emulator, record: SessionRecord, v: Record<string, string>): string {
  const c = record.obj.consent_collection;
  const out: string[] = [];
  if (c?.promotions === "auto")
    out.push(
      `<label class="choice" for="promotions"><input type="checkbox" id="promotions" name="promotions" value="yes"${v.promotions === "yes" || record.obj.consent?.promotions === "opt_in" ? " checked" : ""}><span>Keep me updated with news and offers from ${esc(merchantName(emu, record))}</span></label>`,
    );
  if (c?.terms_of_service === "required")
    out.push(
      `<label class="choice" for="terms"><input type="checkbox" id="terms" name="terms" value="yes" required${v.terms === "yes" ? " checked" : ""}><span>I agree to the terms of service of ${esc(merchantName(emu, record))}</span></label>`,
    );
  return out.join("");
}

/** Checkout asks for the billing country (and state, postal code) when it computes tax without a shipping address. */
function billingFields(session: Stripe.Checkout.Session, v: Record<string, string>): string {
  if (!session.automatic_tax.enabled || session.shipping_address_collection) return "";
  const options = ALL_COUNTRIES.map(
    (c) =>
      `<option value="${esc(c)}"${(v.billing_country || "US") === c ? " selected" : ""}>${esc(countryName(c))}</option>`,
  ).join("");
  return `<fieldset data-testid="billing-fields"><legend>Billing address</legend>
<label for="billing_country">Country</label><select id="billing_country" name="billing_country" autocomplete="billing country">${options}</select>
<label for="billing_state">State / region</label><input id="billing_state" name="billing_state" autocomplete="billing address-level1" value="${esc(v.billing_state ?? "")}" aria-describedby="billing-hint">
<label for="billing_postal_code">Postal code</label><input id="billing_postal_code" name="billing_postal_code" autocomplete="billing postal-code" value="${esc(v.billing_postal_code ?? "")}">
<p class="hint" id="billing-hint">Tax is calculated from your address. In the US, enter your state (for example CA).</p>
<button type="submit" name="intent" value="update" class="secondary">Calculate tax</button>
</fieldset>`;
}

function shippingFields(session: Stripe.Checkout.Session, v: Record<string, string>): string {
  const countries = session.shipping_address_collection?.allowed_countries ?? [];
  if (!countries.length) return "";
  const options = countries
    .map(
      (c) =>
        `<option value="${esc(c)}"${v.country === c ? " selected" : ""}>${esc(countryName(c))}</option>`,
    )
    .join("");
  return `<fieldset data-testid="shipping-fields"><legend>Shipping address</legend>
<label for="ship_name">Full name</label><input id="ship_name" name="ship_name" autocomplete="shipping name" required value="${esc(v.ship_name ?? "")}">
<label for="line1">Address</label><input id="line1" name="line1" autocomplete="shipping address-line1" required value="${esc(v.line1 ?? "")}">
<label for="city">City</label><input id="city" name="city" autocomplete="shipping address-level2" required value="${esc(v.city ?? "")}">
<label for="state">State / region</label><input id="state" name="state" autocomplete="shipping address-level1" value="${esc(v.state ?? "")}">
<label for="postal_code">Postal code</label><input id="postal_code" name="postal_code" autocomplete="shipping postal-code" required value="${esc(v.postal_code ?? "")}">
<label for="country">Country</label><select id="country" name="country" autocomplete="shipping country">${options}</select>${session.automatic_tax.enabled ? `<button type="submit" name="intent" value="update" class="secondary" style="margin-top:1rem">Calculate tax</button>` : ""}
</fieldset>`;
}

function checkoutForm(
  emu: Emulator,
  record: SessionRecord,
  action: string,
  state: FormState,
  embedded: boolean,
): string {
  const s = record.obj;
  const v = state.values;
  const cancel =
    !embedded && s.cancel_url
      ? `<a href="${esc(s.cancel_url)}" class="button secondary" data-testid="checkout-cancel">Back to ${esc(merchantName(emu, record))}</a>`
      : "";
  return `
<div class="card">
  <p class="muted" data-testid="checkout-merchant">${esc(merchantName(emu, record))}</p>
  <h1>Pay ${esc(formatAmount(s.amount_total ?? 0, s.currency ?? "usd"))}</h1>
  ${itemsTable(emu, record)}
  <form method="post" action="${esc(action)}" data-testid="checkout-form" novalidate>
    ${promotionField(emu, record, v, state.promotionError ?? null)}
    <label for="email">Email</label>
    <input id="email" name="email" type="email" autocomplete="email" required value="${esc(v.email ?? s.customer_email ?? "")}">
    ${shippingFields(s, v)}
    ${shippingOptions(emu, record)}
    ${billingFields(s, v)}
    ${consentFields(emu, record, v)}
    <label for="cardnumber">Card number</label>
    <input id="cardnumber" name="cardnumber" inputmode="numeric" autocomplete="cc-number" placeholder="1234 1234 1234 1234" required value="${esc(v.cardnumber ?? "")}" aria-describedby="card-hint">
    <p class="hint" id="card-hint">Test cards: 4242 4242 4242 4242 succeeds, 4000 0000 0000 0002 is declined.</p>
    <label for="exp">Expiry (MM / YY)</label>
    <input id="exp" name="exp" autocomplete="cc-exp" placeholder="MM / YY" value="${esc(v.exp ?? "12 / 34")}">
    <label for="cvc">CVC</label>
    <input id="cvc" name="cvc" inputmode="numeric" autocomplete="cc-csc" value="${esc(v.cvc ?? "123")}">
    <label for="cardholder">Name on card</label>
    <input id="cardholder" name="cardholder" autocomplete="cc-name" value="${esc(v.cardholder ?? "")}">
    ${state.error ? `<div class="alert" role="alert" data-testid="checkout-error">${esc(state.error)}</div>` : `<div role="alert" data-testid="checkout-error-empty"></div>`}
    <div class="actions">
      <button type="submit" data-testid="checkout-pay">${s.mode === "subscription" ? (record.subscriptionData?.trialPeriodDays ? "Start trial" : "Subscribe") : `Pay ${esc(formatAmount(s.amount_total ?? 0, s.currency ?? "usd"))}`}</button>
      ${cancel}
    </div>
  </form>
</div>`;
}

function closedPage(emu: Emulator, record: SessionRecord, embedded: boolean): string {
  const s = record.obj;
  if (s.status === "expired") {
    const back =
      !embedded && s.cancel_url
        ? `<p><a href="${esc(s.cancel_url)}" data-testid="checkout-cancel">Back to ${esc(merchantName(emu, record))}</a></p>`
        : "";
    return page(
      "Checkout session expired",
      `<div class="card" data-testid="checkout-expired"><h1>This checkout session has expired</h1><p>Return to the shop to start again.</p>${back}</div>`,
      { embedded },
    );
  }
  return page(
    "Payment complete",
    `<div class="card" data-testid="checkout-complete"><h1>Payment complete</h1><p>Thank you! Your payment to ${esc(merchantName(emu, record))} was successful.</p></div>`,
    { embedded },
  );
}

function findSession(emu: Emulator, id: string, uiMode: string): SessionRecord | null {
  const record = emu.store.state.sessions[id];
  if (!record || record.obj.ui_mode !== uiMode) return null;
  return refreshSession(emu, record);
}

function shippingFromForm(record: SessionRecord, form: Params) {
  if (!record.obj.shipping_address_collection) return null;
  const country = form.str("country") || null;
  return {
    name: form.str("ship_name")?.trim() ?? "",
    address: {
      line1: form.str("line1")?.trim() || null,
      line2: null,
      city: form.str("city")?.trim() || null,
      postal_code: form.str("postal_code")?.trim() || null,
      state: stateCode(country, form.str("state") ?? null),
      country,
    },
  };
}

function billingFromForm(record: SessionRecord, form: Params) {
  if (!record.obj.automatic_tax.enabled || record.obj.shipping_address_collection) return null;
  const country = form.str("billing_country") || null;
  return {
    country,
    state: stateCode(country, form.str("billing_state") ?? null),
    postal_code: form.str("billing_postal_code")?.trim() || null,
  };
}

/** A choice the shopper made without paying (shipping option, code, address for tax). */
function updateFromForm(
  emu: Emulator,
  record: SessionRecord,
  form: Params,
  intent: string,
): { error: string | null; promotionError: string | null } {
  const rate = form.str("shipping_rate");
  try {
    if (rate) selectShippingRate(emu, record, rate);
  } catch (error) {
    if (error instanceof ApiError) return { error: error.message, promotionError: null };
    throw error;
  }
  if (record.obj.automatic_tax.enabled) {
    const address = shippingFromForm(record, form)?.address ?? billingFromForm(record, form);
    if (address?.country) setTaxAddress(emu, record, address);
  }
  if (intent === "remove_code") removePromotionCode(emu, record);
  if (intent === "apply_code") {
    const code = form.str("promotion_code")?.trim() ?? "";
    if (!code) return { error: null, promotionError: "Enter a promotion code." };
    try {
      applyPromotionCode(emu, record, code, form.str("email")?.trim() || null);
    } catch (error) {
      if (error instanceof ApiError) return { error: null, promotionError: error.message };
      throw error;
    }
  }
  return { error: null, promotionError: null };
}

function payFromForm(emu: Emulator, record: SessionRecord, form: Params): string | null {
  const shipping = shippingFromForm(record, form);
  const email = form.str("email")?.trim() ?? "";
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) return "Your email address is incomplete.";
  if (
    shipping &&
    (!shipping.name ||
      !shipping.address.line1 ||
      !shipping.address.city ||
      !shipping.address.postal_code)
  )
    return "Please complete your shipping address.";
  const card = form.str("cardnumber") ?? "";
  if (!card.trim()) return "Your card number is incomplete.";
  try {
    paySession(
      emu,
      record,
      {
        card,
        email,
        name: form.str("cardholder")?.trim() || null,
        shipping,
        billing: billingFromForm(record, form),
        shippingRate: form.str("shipping_rate") || null,
        termsAccepted: form.str("terms") === "yes",
      },
      null,
    );
    return null;
  } catch (error) {
    if (error instanceof ApiError) return error.message;
    throw error;
  }
}

function formValues(form: Params): Record<string, string> {
  const values: Record<string, string> = {};
  for (const k of [
    "email",
    "cardnumber",
    "exp",
    "cvc",
    "cardholder",
    "ship_name",
    "line1",
    "city",
    "state",
    "postal_code",
    "country",
    "billing_country",
    "billing_state",
    "billing_postal_code",
    "promotion_code",
    "promotions",
    "terms",
  ])
    values[k] = form.str(k) ?? "";
  return values;
}

/** Handles a POST of the form: an update (shipping, code, address) re-renders; otherwise it pays. */
function submit(
  emu: Emulator,
  record: SessionRecord,
  form: Params,
): { paid: boolean; state: FormState } {
  const intent = form.str("intent") ?? "";
  const values = formValues(form);
  // Stripe keeps what the shopper typed as they type it, paid or not (recovery e-mails use it).
  const typed = form.str("email")?.trim() ?? "";
  recordShopperInput(
    emu,
    record,
    /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(typed) ? typed : null,
    record.obj.consent_collection?.promotions === "auto" ? form.str("promotions") === "yes" : null,
  );
  if (intent === "update" || intent === "apply_code" || intent === "remove_code") {
    const { error, promotionError } = updateFromForm(emu, record, form, intent);
    if (intent === "apply_code" && !promotionError) values.promotion_code = "";
    return { paid: false, state: { error, promotionError, values } };
  }
  const error = payFromForm(emu, record, form);
  return { paid: error === null, state: { error, values } };
}

export function hostedGet(emu: Emulator, res: ServerResponse, id: string): void {
  const record = findSession(emu, id, "hosted_page");
  if (!record)
    return sendHtml(
      res,
      404,
      notFoundPage("Checkout not found", "This checkout session does not exist."),
    );
  if (record.obj.status !== "open") return sendHtml(res, 200, closedPage(emu, record, false));
  sendHtml(
    res,
    200,
    page(
      `Checkout · ${merchantName(emu, record)}`,
      checkoutForm(emu, record, `/c/pay/${id}`, { error: null, values: {} }, false),
    ),
    { "x-frame-options": "DENY" },
  );
}

export function hostedPost(emu: Emulator, res: ServerResponse, id: string, form: Params): void {
  const record = findSession(emu, id, "hosted_page");
  if (!record)
    return sendHtml(
      res,
      404,
      notFoundPage("Checkout not found", "This checkout session does not exist."),
    );
  if (record.obj.status !== "open") return sendHtml(res, 200, closedPage(emu, record, false));
  const { paid, state } = submit(emu, record, form);
  if (!paid) {
    return sendHtml(
      res,
      200,
      page(
        `Checkout · ${merchantName(emu, record)}`,
        checkoutForm(emu, record, `/c/pay/${id}`, state, false),
      ),
    );
  }
  if (record.obj.success_url) return redirect(res, substituteSessionId(record.obj.success_url, id));
  sendHtml(res, 200, closedPage(emu, record, false));
}

function secretMatches(record: SessionRecord, secret: string | null): boolean {
  return !!secret && record.obj.client_secret === secret;
}

/** After payment the frame tells the page that embeds it (the shim) where to go. */
function completeFrame(emu: Emulator, record: SessionRecord): string {
  const s = record.obj;
  const returnUrl =
    s.return_url && s.redirect_on_completion !== "never"
      ? substituteSessionId(s.return_url, s.id)
      : null;
  const message = JSON.stringify({
    type: "stripe-emulator:checkout-complete",
    session: s.id,
    returnUrl,
  }).replace(/</g, "\\u003c");
  return closedPage(emu, record, true).replace(
    "</body>",
    `<script>parent.postMessage(${message}, "*");</script></body>`,
  );
}

export function embeddedGet(
  emu: Emulator,
  res: ServerResponse,
  id: string,
  query: URLSearchParams,
): void {
  const record = findSession(emu, id, "embedded_page");
  if (!record || !secretMatches(record, query.get("client_secret")))
    return sendHtml(
      res,
      404,
      notFoundPage("Checkout not found", "This checkout session does not exist."),
    );
  if (record.obj.status === "complete") return sendHtml(res, 200, completeFrame(emu, record));
  if (record.obj.status !== "open") return sendHtml(res, 200, closedPage(emu, record, true));
  const action = `/c/embedded/${id}?client_secret=${encodeURIComponent(record.obj.client_secret ?? "")}`;
  sendHtml(
    res,
    200,
    page("Secure checkout", checkoutForm(emu, record, action, { error: null, values: {} }, true), {
      embedded: true,
    }),
  );
}

export function embeddedPost(
  emu: Emulator,
  res: ServerResponse,
  id: string,
  query: URLSearchParams,
  form: Params,
): void {
  const record = findSession(emu, id, "embedded_page");
  if (!record || !secretMatches(record, query.get("client_secret")))
    return sendHtml(
      res,
      404,
      notFoundPage("Checkout not found", "This checkout session does not exist."),
    );
  if (record.obj.status !== "open")
    return sendHtml(
      res,
      200,
      record.obj.status === "complete" ? completeFrame(emu, record) : closedPage(emu, record, true),
    );
  const { paid, state } = submit(emu, record, form);
  const action = `/c/embedded/${id}?client_secret=${encodeURIComponent(record.obj.client_secret ?? "")}`;
  if (!paid)
    return sendHtml(
      res,
      200,
      page("Secure checkout", checkoutForm(emu, record, action, state, true), {
        embedded: true,
      }),
    );
  sendHtml(res, 200, completeFrame(emu, record));
}

/** An expired session's recovery link: a new session with the same cart, or "expired". */
export function recoverGet(emu: Emulator, res: ServerResponse, token: string): void {
  const found = recoverSession(emu, token);
  if (found === "expired")
    return sendHtml(
      res,
      410,
      notFoundPage("This link has expired", "Return to the shop to start a new checkout."),
    );
  if (!found)
    return sendHtml(
      res,
      404,
      notFoundPage("Checkout not found", "This checkout session does not exist."),
    );
  redirect(res, `/c/pay/${found.obj.id}`);
}
