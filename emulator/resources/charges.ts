// Charges (retrieve, list) and Refunds (create, retrieve, list).

import type Stripe from "stripe";
import type { RequestContext } from "../context";
import { requestInfo } from "../events";
import type { ApiRouter } from "../http/api";
import { invalidRequest } from "../http/errors";
import { mergeMetadata } from "../http/params";
import { refundCharge } from "../payments";
import { findOwned, paginate, params } from "./shared";

function retrieveCharge(ctx: RequestContext, path: Record<string, string>): Stripe.Charge {
  return findOwned(ctx, ctx.emu.store.state.charges, path.id ?? "", "charge").obj;
}

function listCharges(ctx: RequestContext): Stripe.ApiList<Stripe.Charge> {
  const p = params(ctx);
  const pi = p.str("payment_intent");
  const group = p.str("transfer_group");
  const items = ctx.emu.store.list(
    ctx.emu.store.state.charges,
    ctx.account,
    (c) => (!pi || c.payment_intent === pi) && (!group || c.transfer_group === group),
  );
  return paginate(items, p, "/v1/charges");
}

function createRefund(ctx: RequestContext): Stripe.Refund {
  const p = params(ctx);
  const state = ctx.emu.store.state;
  const piId = p.str("payment_intent");
  let chargeId = p.str("charge");
  if (!piId && !chargeId)
    throw invalidRequest(
      "One of the following params should be provided for this request: payment_intent or charge.",
      "charge",
      "parameter_missing",
    );
  if (piId) {
    const pi = findOwned(ctx, state.paymentIntents, piId, "payment_intent", "payment_intent").obj;
    if (pi.status !== "succeeded" || !pi.latest_charge) {
      throw invalidRequest(
        `This PaymentIntent (${pi.id}) does not have a successful charge to refund.`,
        "payment_intent",
        "charge_not_refundable",
      );
    }
    const latest = typeof pi.latest_charge === "string" ? pi.latest_charge : pi.latest_charge.id;
    if (chargeId && chargeId !== latest)
      throw invalidRequest("The charge does not belong to this PaymentIntent.", "charge");
    chargeId = latest;
  }
  const chargeRecord = findOwned(ctx, state.charges, chargeId ?? "", "charge", "charge");
  const reason = p.oneOf("reason", ["duplicate", "fraudulent", "requested_by_customer"]) ?? null;
  return refundCharge(
    ctx.emu,
    chargeRecord,
    {
      amount: p.int("amount"),
      reason,
      refundApplicationFee: p.bool("refund_application_fee") ?? false,
      metadata: mergeMetadata({}, p.map("metadata")),
    },
    requestInfo(ctx),
  );
}

function retrieveRefund(ctx: RequestContext, path: Record<string, string>): Stripe.Refund {
  return findOwned(ctx, ctx.emu.store.state.refunds, path.id ?? "", "refund").obj;
}

function updateRefund(ctx: RequestContext, path: Record<string, string>): Stripe.Refund {
  const refund = findOwned(ctx, ctx.emu.store.state.refunds, path.id ?? "", "refund").obj;
  refund.metadata = mergeMetadata(refund.metadata ?? {}, params(ctx).map("metadata"));
  ctx.emu.store.markDirty();
  return refund;
}

function listRefunds(ctx: RequestContext): Stripe.ApiList<Stripe.Refund> {
  const p = params(ctx);
  const pi = p.str("payment_intent");
  const charge = p.str("charge");
  const items = ctx.emu.store.list(
    ctx.emu.store.state.refunds,
    ctx.account,
    (r) => (!pi || r.payment_intent === pi) && (!charge || r.charge === charge),
  );
  return paginate(items, p, "/v1/refunds");
}

export function registerCharges(api: ApiRouter): void {
  api.operation("charges.list", listCharges);
  api.operation("charges.retrieve", retrieveCharge);
  api.operation("refunds.create", createRefund);
  api.operation("refunds.list", listRefunds);
  api.operation("refunds.retrieve", retrieveRefund);
  api.operation("refunds.update", updateRefund);
}
