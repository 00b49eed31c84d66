// The Express dashboard an account reaches through a login link (`/express/:account`).

import type { ServerResponse } from "node:http";
import type { Emulator } from "../context";
import { sendHtml } from "../http/respond";
import { computeBalance } from "../ledger";
import { formatAmount } from "../money";
import { esc, notFoundPage, page } from "./layout";

export function expressDashboard(emu: Emulator, res: ServerResponse, accountId: string): void {
  const record = emu.store.state.accounts[accountId];
  if (!record || record.deleted || record.obj.controller?.stripe_dashboard?.type !== "express") {
    return sendHtml(
      res,
      404,
      notFoundPage("Dashboard not found", "No Express dashboard exists for this account."),
    );
  }
  const a = record.obj;
  const balance = computeBalance(emu, a.id, a.default_currency ?? "usd");
  const money = (list: { amount: number; currency: string }[]) =>
    list.map((b) => esc(formatAmount(b.amount, b.currency))).join(", ");
  const charges = emu.store.list(emu.store.state.charges, a.id).slice(0, 10);
  const payouts = emu.store.list(emu.store.state.payouts, a.id).slice(0, 10);
  const date = (t: number) => esc(new Date(t * 1000).toISOString().slice(0, 10));
  const body = `
<div class="card" data-testid="express-dashboard">
  <p class="muted">Express dashboard</p>
  <h1>${esc(a.business_profile?.name ?? a.id)}</h1>
  <p>Account <code>${esc(a.id)}</code> · ${a.charges_enabled ? "Payments enabled" : "Payments not enabled yet"} · ${a.payouts_enabled ? "Payouts enabled" : "Payouts not enabled yet"}</p>
  <h2>Balance</h2>
  <table><tbody>
    <tr><th scope="row">Available</th><td class="num" data-testid="express-available">${money(balance.available)}</td></tr>
    <tr><th scope="row">Pending</th><td class="num" data-testid="express-pending">${money(balance.pending)}</td></tr>
  </tbody></table>
  <h2>Recent payments</h2>
  ${
    charges.length
      ? `<table><thead><tr><th scope="col">Date</th><th scope="col">Status</th><th scope="col" class="num">Amount</th></tr></thead><tbody>${charges
          .map(
            (c) =>
              `<tr><td>${date(c.created)}</td><td>${esc(c.refunded ? "refunded" : c.status)}</td><td class="num">${esc(formatAmount(c.amount, c.currency))}</td></tr>`,
          )
          .join("")}</tbody></table>`
      : `<p class="muted">No payments yet.</p>`
  }
  <h2>Payouts</h2>
  ${
    payouts.length
      ? `<table><thead><tr><th scope="col">Arrival</th><th scope="col">Status</th><th scope="col" class="num">Amount</th></tr></thead><tbody>${payouts
          .map(
            (p) =>
              `<tr><td>${date(p.arrival_date)}</td><td>${esc(p.status)}</td><td class="num">${esc(formatAmount(p.amount, p.currency))}</td></tr>`,
          )
          .join("")}</tbody></table>`
      : `<p class="muted">No payouts yet.</p>`
  }
</div>`;
  sendHtml(res, 200, page(`Express dashboard · ${a.business_profile?.name ?? a.id}`, body), {
    "x-frame-options": "DENY",
  });
}

export function receipt(emu: Emulator, res: ServerResponse, chargeId: string): void {
  const charge = emu.store.state.charges[chargeId]?.obj;
  if (!charge) return sendHtml(res, 404, notFoundPage("Receipt not found", "No such receipt."));
  const body = `<div class="card"><h1>Receipt</h1><p>Amount paid: <strong>${esc(formatAmount(charge.amount, charge.currency))}</strong></p>
<p>Card ending in ${esc(charge.payment_method_details?.card?.last4 ?? "")}</p>${charge.amount_refunded ? `<p>Refunded: ${esc(formatAmount(charge.amount_refunded, charge.currency))}</p>` : ""}</div>`;
  sendHtml(res, 200, page("Receipt", body));
}
