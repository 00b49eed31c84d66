// `expand[]`: replaces ids in a reply with the objects they name, up to four levels deep.

import type { Emulator } from "./context";
import { invalidRequest } from "./http/errors";
import { breakdownOf } from "./pricing";
import { lineItemsList } from "./resources/checkout-sessions";
import { findCoupon } from "./resources/discounts";
import { findProduct } from "./resources/products";

/** Objects whose ids the caller may choose (per account) are found through the account. */
function lookupScoped(emu: Emulator, key: string, id: string, owner: string | null): unknown {
  if (key === "coupon") return findCoupon(emu, owner, id)?.obj;
  if (key === "product") return findProduct(emu, owner, id)?.obj;
  return undefined;
}

function lookup(emu: Emulator, id: string, key: string, owner: string | null): unknown {
  const s = emu.store.state;
  const scoped = lookupScoped(emu, key.replace(/s$/, ""), id, owner);
  if (scoped !== undefined) return scoped;
  const prefix = id.slice(0, id.indexOf("_") + 1);
  switch (prefix) {
    case "shr_":
      return s.shippingRates[id]?.obj;
    case "cus_":
      return s.customers[id]?.obj;
    case "price_":
      return s.prices[id]?.obj;
    case "sub_":
      return s.subscriptions[id]?.obj;
    case "in_":
      return s.invoices[id]?.obj;
    case "promo_":
      return s.promotionCodes[id]?.obj;
    case "taxreg_":
      return s.taxRegistrations[id]?.obj;
    case "acct_":
      return id === s.platform.id ? s.platform : s.accounts[id]?.obj;
    case "cs_":
      return s.sessions[id]?.obj;
    case "pi_":
      return s.paymentIntents[id]?.obj;
    case "ch_":
    case "py_":
      return s.charges[id]?.obj;
    case "tr_":
      return s.transfers[id]?.obj;
    case "re_":
      return s.refunds[id]?.obj;
    case "fee_":
      return s.applicationFees[id]?.obj;
    case "txn_":
      return s.balanceTransactions[id]?.obj;
    case "po_":
      return s.payouts[id]?.obj;
    case "du_":
      return s.disputes[id]?.obj;
    case "evt_":
      return s.events[id]?.obj;
    default:
      return undefined;
  }
}

function expandAt(
  emu: Emulator,
  target: unknown,
  segments: string[],
  full: string,
  depth: number,
  owner: string | null,
): void {
  if (target === null || typeof target !== "object" || segments.length === 0) return;
  if (depth > 4)
    throw invalidRequest(
      `You cannot expand more than 4 levels of a property. Property: ${full}`,
      "expand",
    );
  const [key, ...rest] = segments;
  if (key === undefined) return;
  const obj = target as Record<string, unknown>;
  if (obj.object === "list" && key === "data" && Array.isArray(obj.data)) {
    for (const item of obj.data) expandAt(emu, item, rest, full, depth, owner);
    return;
  }
  if (obj.object === "checkout.session" && key === "line_items") {
    const record = emu.store.state.sessions[String(obj.id)];
    if (record) obj.line_items = structuredClone(lineItemsList(record));
    expandAt(emu, obj.line_items, rest, full, depth + 1, owner);
    return;
  }
  if (obj.object === "checkout.session" && key === "total_details" && rest[0] === "breakdown") {
    const record = emu.store.state.sessions[String(obj.id)];
    const details = obj.total_details as Record<string, unknown> | null;
    if (record && details) details.breakdown = structuredClone(breakdownOf(emu, record));
    expandAt(emu, details?.breakdown, rest.slice(1), full, depth + 2, owner);
    return;
  }
  const value = obj[key];
  if (value === null) return;
  if (typeof value === "string") {
    const found = lookup(emu, value, key, owner);
    if (found === undefined)
      throw invalidRequest(`This property cannot be expanded (${full}).`, "expand");
    obj[key] = structuredClone(found);
    expandAt(emu, obj[key], rest, full, depth + 1, owner);
    return;
  }
  if (typeof value === "object") {
    expandAt(emu, value, rest, full, depth + 1, owner);
    return;
  }
  throw invalidRequest(`This property cannot be expanded (${full}).`, "expand");
}

export function applyExpand(
  emu: Emulator,
  reply: unknown,
  paths: string[],
  owner: string | null = null,
): unknown {
  if (paths.length === 0 || reply === null || typeof reply !== "object") return reply;
  const copy = structuredClone(reply);
  for (const path of paths) expandAt(emu, copy, path.split("."), path, 1, owner);
  return copy;
}
