// Hosted Checkout (`/c/pay/:session`) and the embedded checkout frame (`/c/embedded/:session`).
// Both render the same form and pay through paySession, like the control API.

import type { ServerResponse } from "node:http";
import type Stripe from "stripe";
import type { Emulator } from "../context";
import { ApiError } from "../http/errors";
import type { Params } from "../http/params";
import { redirect, sendHtml } from "../http/respond";
import { formatAmount } from "../money";
import { paySession, refreshSession } from "../resources/checkout-sessions";
import type { SessionRecord } from "../store";
import { esc, notFoundPage, page } from "./layout";

const COUNTRY_NAMES: Record<string, string> = {
  US: "United States",
  CA: "Canada",
  GB: "United Kingdom",
  DE: "Germany",
  FR: "France",
  JP: "Japan",
  AU: "Australia",
  NL: "Netherlands",
  IE: "Ireland",
  ES: "Spain",
  IT: "Italy",
};

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
  values: Record<string, string>;
}

function itemsTable(record: SessionRecord): string {
  const s = record.obj;
  const currency = s.currency ?? "usd";
  const rows = record.lineItems
    .map(
      (li) =>
        `<tr><td>${esc(li.description)}${li.quantity && li.quantity > 1 ? ` <span class="muted">× ${esc(li.quantity)}</span>` : ""}</td><td class="num">${esc(formatAmount(li.amount_total, currency))}</td></tr>`,
    )
    .join("");
  return `<table data-testid="checkout-items"><caption class="muted" style="text-align:left">Order summary</caption>
<thead><tr><th scope="col">Item</th><th scope="col" class="num">Amount</th></tr></thead>
<tbody>${rows}</tbody>
<tfoot><tr><td>Total due</td><td class="num" data-testid="checkout-total">${esc(formatAmount(s.amount_total ?? 0, currency))}</td></tr></tfoot></table>`;
}

function shippingFields(session: Stripe.Checkout.Session, v: Record<string, string>): string {
  const countries = session.shipping_address_collection?.allowed_countries ?? [];
  if (!countries.length) return "";
  const options = countries
    .map(
      (c) =>
        `<option value="${esc(c)}"${v.country === c ? " selected" : ""}>${esc(COUNTRY_NAMES[c] ?? c)}</option>`,
    )
    .join("");
  return `<fieldset data-testid="shipping-fields"><legend>Shipping address</legend>
<label for="ship_name">Full name</label><input id="ship_name" name="ship_name" autocomplete="shipping name" required value="${esc(v.ship_name ?? "")}">
<label for="line1">Address</label><input id="line1" name="line1" autocomplete="shipping address-line1" required value="${esc(v.line1 ?? "")}">
<label for="city">City</label><input id="city" name="city" autocomplete="shipping address-level2" required value="${esc(v.city ?? "")}">
<label for="postal_code">Postal code</label><input id="postal_code" name="postal_code" autocomplete="shipping postal-code" required value="${esc(v.postal_code ?? "")}">
<label for="country">Country</label><select id="country" name="country" autocomplete="shipping country">${options}</select>
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
  ${itemsTable(record)}
  <form method="post" action="${esc(action)}" data-testid="checkout-form" novalidate>
    <label for="email">Email</label>
    <input id="email" name="email" type="email" autocomplete="email" required value="${esc(v.email ?? s.customer_email ?? "")}">
    ${shippingFields(s, v)}
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
      <button type="submit" data-testid="checkout-pay">Pay ${esc(formatAmount(s.amount_total ?? 0, s.currency ?? "usd"))}</button>
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

function payFromForm(emu: Emulator, record: SessionRecord, form: Params): string | null {
  const shipping = record.obj.shipping_address_collection
    ? {
        name: form.str("ship_name")?.trim() ?? "",
        address: {
          line1: form.str("line1")?.trim() || null,
          line2: null,
          city: form.str("city")?.trim() || null,
          postal_code: form.str("postal_code")?.trim() || null,
          state: null,
          country: form.str("country") || null,
        },
      }
    : null;
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
      { card, email, name: form.str("cardholder")?.trim() || null, shipping },
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
    "postal_code",
    "country",
  ])
    values[k] = form.str(k) ?? "";
  return values;
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
  const error = payFromForm(emu, record, form);
  if (error) {
    return sendHtml(
      res,
      200,
      page(
        `Checkout · ${merchantName(emu, record)}`,
        checkoutForm(emu, record, `/c/pay/${id}`, { error, values: formValues(form) }, false),
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
  const error = payFromForm(emu, record, form);
  const action = `/c/embedded/${id}?client_secret=${encodeURIComponent(record.obj.client_secret ?? "")}`;
  if (error)
    return sendHtml(
      res,
      200,
      page(
        "Secure checkout",
        checkoutForm(emu, record, action, { error, values: formValues(form) }, true),
        { embedded: true },
      ),
    );
  sendHtml(res, 200, completeFrame(emu, record));
}
