// Application fees live on the platform: list / retrieve, and their refunds.

import type Stripe from "stripe";
import type { RequestContext } from "../context";
import { requestInfo } from "../events";
import type { ApiRouter } from "../http/api";
import { resourceMissing } from "../http/errors";
import { mergeMetadata } from "../http/params";
import { refundApplicationFee } from "../payments";
import { findOwned, paginate, params } from "./shared";

function list(ctx: RequestContext): Stripe.ApiList<Stripe.ApplicationFee> {
  const p = params(ctx);
  const charge = p.str("charge");
  const items = ctx.emu.store.list(
    ctx.emu.store.state.applicationFees,
    ctx.account,
    (f) => !charge || f.charge === charge,
  );
  return paginate(items, p, "/v1/application_fees");
}

function retrieve(ctx: RequestContext, path: Record<string, string>): Stripe.ApplicationFee {
  return findOwned(ctx, ctx.emu.store.state.applicationFees, path.id ?? "", "application fee").obj;
}

function listRefunds(
  ctx: RequestContext,
  path: Record<string, string>,
): Stripe.ApiList<Stripe.FeeRefund> {
  const fee = findOwned(
    ctx,
    ctx.emu.store.state.applicationFees,
    path.id ?? "",
    "application fee",
  ).obj;
  return paginate(fee.refunds.data, params(ctx), `/v1/application_fees/${fee.id}/refunds`);
}

function retrieveRefund(ctx: RequestContext, path: Record<string, string>): Stripe.FeeRefund {
  const fee = findOwned(
    ctx,
    ctx.emu.store.state.applicationFees,
    path.fee ?? "",
    "application fee",
  ).obj;
  const refund = fee.refunds.data.find((r) => r.id === path.id);
  if (!refund) throw resourceMissing("fee refund", path.id ?? "");
  return refund;
}

function createRefund(ctx: RequestContext, path: Record<string, string>): Stripe.FeeRefund {
  const record = findOwned(
    ctx,
    ctx.emu.store.state.applicationFees,
    path.id ?? "",
    "application fee",
  );
  const p = params(ctx);
  const amount = p.int("amount") ?? record.obj.amount - record.obj.amount_refunded;
  return refundApplicationFee(
    ctx.emu,
    record,
    amount,
    mergeMetadata({}, p.map("metadata")),
    true,
    requestInfo(ctx),
  );
}

export function registerApplicationFees(api: ApiRouter): void {
  api.operation("applicationFees.list", list);
  api.operation("applicationFees.retrieve", retrieve);
  api.operation("applicationFees.listRefunds", listRefunds);
  api.operation("applicationFees.createRefund", createRefund);
  api.operation("applicationFees.retrieveRefund", retrieveRefund);
}
