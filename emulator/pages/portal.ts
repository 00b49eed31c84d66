// The customer portal (`/p/session/:token`, the url of a billing portal session): the
// customer's subscriptions on the account, cancel at period end (and undo), and a new card,
// which retries unpaid invoices. Every change is what Stripe's portal does through the API.

import type { ServerResponse } from "node:http";
import type Stripe from "stripe";
import { updateCard } from "../billing";
import type { Emulator } from "../context";
import { emit, previousAttributes } from "../events";
import { ApiError } from "../http/errors";
import type { Params } from "../http/params";
import { redirect, sendHtml } from "../http/respond";
import { formatAmount } from "../money";
import { findProduct } from "../resources/products";
import type { PortalSessionRecord } from "../store";
import { esc, notFoundPage, page } from "./layout";

/** Confirmation after a change (a fixed text per change: nothing from the URL is shown). */
const DONE: Record<string, string> = {
  card: "Your card was updated.",
  cancel: "Your subscription will be canceled at the end of the period.",
  resume: "Your subscription will continue.",
};

/** Portal links work for an hour, like Stripe's short-lived portal sessions. */
const PORTAL_TTL = 3600;

function find(emu: Emulator, token: string): PortalSessionRecord | null {
  const record = emu.store.state.portalSessions[token];
  if (!record || emu.now() > record.created + PORTAL_TTL) return null;
  return record;
}

function merchant(emu: Emulator, owner: string | null): string {
  const account = owner ? emu.store.state.accounts[owner]?.obj : emu.store.state.platform;
  return (
    account?.business_profile?.name || account?.settings?.dashboard?.display_name || "the shop"
  );
}

function date(t: number): string {
  return new Date(t * 1000).toLocaleDateString("en-US", {
    year: "numeric",
    month: "long",
    day: "numeric",
    timeZone: "UTC",
  });
}

function every(recurring: Stripe.Price.Recurring | null): string {
  if (!recurring) return "";
  return recurring.interval_count === 1
    ? `per ${recurring.interval}`
    : `every ${recurring.interval_count} ${recurring.interval}s`;
}

const STATUS: Record<string, string> = {
  active: "Active",
  trialing: "Trial",
  past_due: "Payment failed — update your card",
  canceled: "Canceled",
  unpaid: "Unpaid",
  incomplete: "Incomplete",
  paused: "Paused",
};

function render(
  emu: Emulator,
  session: PortalSessionRecord,
  notice: { error: string | null; message: string | null },
): string {
  const customer = emu.store.state.customers[session.customer]?.obj;
  const subs = emu.store
    .list(emu.store.state.subscriptions, session.owner, (s) => s.customer === session.customer)
    .filter((s) => s.status !== "canceled" || (s.ended_at ?? 0) > emu.now() - 30 * 24 * 3600);
  const action = `/p/session/${encodeURIComponent(session.token)}`;
  const cards = subs
    .map((sub) => {
      const item = sub.items.data[0];
      const price = item?.price;
      const name = price
        ? (findProduct(emu, session.owner, String(price.product))?.obj.name ?? "Subscription")
        : "Subscription";
      const amount = price
        ? formatAmount((price.unit_amount ?? 0) * (item?.quantity ?? 1), price.currency)
        : "";
      const end = item?.current_period_end ?? 0;
      const when =
        sub.status === "canceled"
          ? `Ended ${date(sub.ended_at ?? end)}.`
          : sub.cancel_at_period_end
            ? `Cancels on ${date(end)}; you will not be charged again.`
            : sub.status === "trialing"
              ? `Trial ends ${date(end)}; then ${amount} ${every(price?.recurring ?? null)}.`
              : `Renews ${date(end)}.`;
      const button =
        sub.status === "canceled"
          ? ""
          : sub.cancel_at_period_end
            ? `<button type="submit" name="intent" value="resume:${esc(sub.id)}" class="secondary">Don't cancel ${esc(name)}</button>`
            : `<button type="submit" name="intent" value="cancel:${esc(sub.id)}" class="danger">Cancel ${esc(name)}</button>`;
      return `<section class="card" data-testid="portal-subscription" aria-labelledby="sub-${esc(sub.id)}">
<h2 id="sub-${esc(sub.id)}">${esc(name)}</h2>
<p><strong>${esc(amount)}</strong> ${esc(every(price?.recurring ?? null))} · <span data-testid="portal-status">${esc(STATUS[sub.status] ?? sub.status)}</span></p>
<p class="muted">${esc(when)}</p>
<form method="post" action="${esc(action)}"><div class="actions">${button}</div></form>
</section>`;
    })
    .join("");
  const pm = customer?.invoice_settings.default_payment_method;
  const card = typeof pm === "string" ? emu.store.state.savedCards[pm] : undefined;
  const back = session.returnUrl
    ? `<p><a href="${esc(session.returnUrl)}" data-testid="portal-return">Return to ${esc(merchant(emu, session.owner))}</a></p>`
    : "";
  return page(
    `Your subscriptions · ${merchant(emu, session.owner)}`,
    `<div class="card"><p class="muted">${esc(merchant(emu, session.owner))}</p><h1>Your subscriptions</h1>
<p>${esc(customer?.email ?? "")}</p>${back}
${notice.message ? `<div class="notice" role="status" data-testid="portal-message">${esc(notice.message)}</div>` : ""}
${notice.error ? `<div class="alert" role="alert" data-testid="portal-error">${esc(notice.error)}</div>` : ""}</div>
${cards || `<div class="card"><p>You have no subscriptions with ${esc(merchant(emu, session.owner))}.</p></div>`}
<section class="card" aria-labelledby="card-heading"><h2 id="card-heading">Payment method</h2>
<p>${card ? `Card ending in ${esc(card.slice(-4))}` : "No card on file."}</p>
<form method="post" action="${esc(action)}" novalidate>
<label for="cardnumber">New card number</label>
<input id="cardnumber" name="cardnumber" inputmode="numeric" autocomplete="cc-number" required aria-describedby="card-hint">
<p class="hint" id="card-hint">Test cards: 4242 4242 4242 4242 succeeds; 4000 0000 0000 0341 is saved but declines every charge.</p>
<div class="actions"><button type="submit" name="intent" value="card">Update card</button></div>
</form></section>`,
  );
}

export function portalGet(
  emu: Emulator,
  res: ServerResponse,
  token: string,
  query: URLSearchParams,
): void {
  const session = find(emu, token);
  if (!session)
    return sendHtml(
      res,
      404,
      notFoundPage("Link expired", "This link has expired. Return to the shop to open it again."),
    );
  sendHtml(
    res,
    200,
    render(emu, session, { error: null, message: DONE[query.get("done") ?? ""] ?? null }),
  );
}

export function portalPost(emu: Emulator, res: ServerResponse, token: string, form: Params): void {
  const session = find(emu, token);
  if (!session)
    return sendHtml(
      res,
      404,
      notFoundPage("Link expired", "This link has expired. Return to the shop to open it again."),
    );
  const intent = form.str("intent") ?? "";
  const [action, id] = intent.split(":");
  const customer = emu.store.state.customers[session.customer]?.obj;
  if (action === "card") {
    const number = (form.str("cardnumber") ?? "").trim();
    if (!number || !customer)
      return sendHtml(
        res,
        200,
        render(emu, session, { error: "Enter a card number.", message: null }),
      );
    try {
      updateCard(emu, session.owner, customer, number);
    } catch (error) {
      if (error instanceof ApiError)
        return sendHtml(res, 200, render(emu, session, { error: error.message, message: null }));
      throw error;
    }
    return redirect(res, `/p/session/${encodeURIComponent(token)}?done=card`);
  }
  const record = id ? emu.store.state.subscriptions[id] : undefined;
  if (!record || record.owner !== session.owner || record.obj.customer !== session.customer)
    return sendHtml(
      res,
      200,
      render(emu, session, { error: "That subscription was not found.", message: null }),
    );
  const sub = record.obj;
  if (sub.status === "canceled")
    return sendHtml(
      res,
      200,
      render(emu, session, { error: "That subscription has ended.", message: null }),
    );
  const before = structuredClone(sub);
  if (action === "cancel") {
    sub.cancel_at_period_end = true;
    sub.cancel_at = sub.items.data[0]?.current_period_end ?? null;
    sub.canceled_at = emu.now();
    sub.cancellation_details = {
      comment: null,
      feedback: null,
      feedback_option: null,
      reason: "cancellation_requested",
    };
  } else if (action === "resume") {
    sub.cancel_at_period_end = false;
    sub.cancel_at = null;
    sub.canceled_at = null;
    sub.cancellation_details = {
      comment: null,
      feedback: null,
      feedback_option: null,
      reason: null,
    };
  } else {
    return sendHtml(res, 200, render(emu, session, { error: "Unknown action.", message: null }));
  }
  emu.store.markDirty();
  emit(emu, {
    type: "customer.subscription.updated",
    object: sub,
    account: session.owner,
    previous: previousAttributes(before, sub),
  });
  redirect(res, `/p/session/${encodeURIComponent(token)}?done=${action}`);
}
