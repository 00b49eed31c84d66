// Disputes are opened only through the control API (Stripe has no API to open one); the
// merchant answers through the API (evidence, submit, close) and the outcome comes from the
// card network: here Stripe's test evidence (`winning_evidence` / `losing_evidence` in
// uncategorized_text), the control API, or the due date passing without a response.

import type Stripe from "stripe";
import type { Emulator } from "./context";
import { emit, previousAttributes, requestInfo } from "./events";
import type { RequestContext } from "./context";
import type { ApiRouter } from "./http/api";
import { invalidRequest, resourceMissing } from "./http/errors";
import { mergeMetadata } from "./http/params";
import { findOwned, paginate, params } from "./resources/shared";
import { newId } from "./ids";
import { addTransaction, feeDetail } from "./ledger";
import type { Owned } from "./store";

/** Stripe's dispute fee in the US: $15. */
const DISPUTE_FEE = 1500;

function emptyEvidence(): Stripe.Dispute.Evidence {
  return {
    access_activity_log: null,
    billing_address: null,
    cancellation_policy: null,
    cancellation_policy_disclosure: null,
    cancellation_rebuttal: null,
    customer_communication: null,
    customer_email_address: null,
    customer_name: null,
    customer_purchase_ip: null,
    customer_signature: null,
    duplicate_charge_documentation: null,
    duplicate_charge_explanation: null,
    duplicate_charge_id: null,
    enhanced_evidence: {},
    product_description: null,
    receipt: null,
    refund_policy: null,
    refund_policy_disclosure: null,
    refund_refusal_explanation: null,
    service_date: null,
    service_documentation: null,
    shipping_address: null,
    shipping_carrier: null,
    shipping_date: null,
    shipping_documentation: null,
    shipping_tracking_number: null,
    uncategorized_file: null,
    uncategorized_text: null,
  } satisfies Stripe.Dispute.Evidence;
}

export function openDispute(
  emu: Emulator,
  chargeRecord: Owned<Stripe.Charge>,
  reason: string,
): Stripe.Dispute {
  const charge = chargeRecord.obj;
  if (charge.status !== "succeeded")
    throw invalidRequest(`Charge ${charge.id} did not succeed and cannot be disputed.`, "charge");
  if (charge.disputed) throw invalidRequest(`Charge ${charge.id} is already disputed.`, "charge");
  const id = newId("du");
  const txn = addTransaction(emu, {
    owner: chargeRecord.owner,
    amount: -charge.amount,
    currency: charge.currency,
    type: "adjustment",
    reportingCategory: "dispute",
    source: id,
    description: `Chargeback withdrawal for ${charge.id}`,
    feeDetails: [feeDetail("stripe_fee", DISPUTE_FEE, charge.currency, null)],
    available: true,
  });
  const created = emu.now();
  const dispute = {
    id,
    object: "dispute",
    amount: charge.amount,
    balance_transactions: [txn],
    charge: charge.id,
    created,
    currency: charge.currency,
    enhanced_eligibility_types: [],
    evidence: emptyEvidence(),
    evidence_details: {
      due_by: created + 7 * 24 * 3600,
      enhanced_eligibility: {},
      has_evidence: false,
      past_due: false,
      submission_count: 0,
      submission_method: "not_submitted",
    },
    intended_submission_method: null,
    is_charge_refundable: false,
    livemode: false,
    metadata: {},
    payment_intent: charge.payment_intent,
    reason,
    status: "needs_response",
  } satisfies Stripe.Dispute;
  emu.store.state.disputes[id] = {
    owner: chargeRecord.owner,
    seq: emu.store.nextSeq(),
    obj: dispute,
  };
  charge.disputed = true;
  emu.store.markDirty();
  emit(emu, { type: "charge.dispute.created", object: dispute, account: chargeRecord.owner });
  emit(emu, {
    type: "charge.dispute.funds_withdrawn",
    object: dispute,
    account: chargeRecord.owner,
  });
  return dispute;
}

const TEXT_FIELDS = [
  "access_activity_log",
  "billing_address",
  "cancellation_policy_disclosure",
  "cancellation_rebuttal",
  "customer_email_address",
  "customer_name",
  "customer_purchase_ip",
  "duplicate_charge_explanation",
  "duplicate_charge_id",
  "product_description",
  "refund_policy_disclosure",
  "refund_refusal_explanation",
  "service_date",
  "shipping_address",
  "shipping_carrier",
  "shipping_date",
  "shipping_tracking_number",
  "uncategorized_text",
] as const;

/** Evidence that names an uploaded file (a File id). */
const FILE_FIELDS = [
  "cancellation_policy",
  "customer_communication",
  "customer_signature",
  "duplicate_charge_documentation",
  "receipt",
  "refund_policy",
  "service_documentation",
  "shipping_documentation",
  "uncategorized_file",
] as const;

/** Stripe's limit on a dispute's text evidence, all fields together. */
const EVIDENCE_TEXT_LIMIT = 150_000;

const CLOSED = ["won", "lost", "warning_closed", "prevented"];

/** Closes a dispute: won returns the disputed amount to the account; lost keeps it withdrawn. */
export function closeDispute(
  emu: Emulator,
  record: Owned<Stripe.Dispute>,
  outcome: "won" | "lost",
  request: { id: string | null; idempotency_key: string | null } | null,
): Stripe.Dispute {
  const dispute = record.obj;
  if (CLOSED.includes(dispute.status))
    throw invalidRequest(`This dispute is already closed (status: ${dispute.status}).`);
  const before = structuredClone(dispute);
  dispute.status = outcome;
  dispute.is_charge_refundable = false;
  if (outcome === "won") {
    const txn = addTransaction(emu, {
      owner: record.owner,
      amount: dispute.amount,
      currency: dispute.currency,
      type: "adjustment",
      reportingCategory: "dispute_reversal",
      source: dispute.id,
      description: `Chargeback reversal for ${String(dispute.charge)}`,
      available: true,
    });
    dispute.balance_transactions.push(txn);
  }
  emu.store.markDirty();
  if (outcome === "won")
    emit(emu, {
      type: "charge.dispute.funds_reinstated",
      object: dispute,
      account: record.owner,
      request,
    });
  emit(emu, {
    type: "charge.dispute.closed",
    object: dispute,
    account: record.owner,
    previous: previousAttributes(before, dispute),
    request,
  });
  return dispute;
}

/** A dispute whose due date passed without evidence is lost (swept with the clock). */
export function expireDisputes(emu: Emulator): void {
  const now = emu.now();
  for (const record of Object.values(emu.store.state.disputes)) {
    const d = record.obj;
    if (d.status !== "needs_response" && d.status !== "warning_needs_response") continue;
    const due = d.evidence_details.due_by;
    if (due === null || now <= due) continue;
    d.evidence_details.past_due = true;
    closeDispute(emu, record, "lost", null);
  }
}

function disputeFor(ctx: RequestContext, id: string): Owned<Stripe.Dispute> {
  return findOwned(ctx, ctx.emu.store.state.disputes, id, "dispute");
}

function retrieve(ctx: RequestContext, path: Record<string, string>): Stripe.Dispute {
  return disputeFor(ctx, path.id ?? "").obj;
}

function list(ctx: RequestContext): Stripe.ApiList<Stripe.Dispute> {
  const p = params(ctx);
  const charge = p.str("charge");
  const pi = p.str("payment_intent");
  const items = ctx.emu.store.list(
    ctx.emu.store.state.disputes,
    ctx.account,
    (d) => (!charge || d.charge === charge) && (!pi || d.payment_intent === pi),
  );
  return paginate(items, p, "/v1/disputes");
}

function update(ctx: RequestContext, path: Record<string, string>): Stripe.Dispute {
  const record = disputeFor(ctx, path.id ?? "");
  const dispute = record.obj;
  const p = params(ctx);
  const before = structuredClone(dispute);
  const evidence = p.obj("evidence");
  const submit = p.bool("submit") ?? false;
  if (
    (evidence || submit) &&
    dispute.status !== "needs_response" &&
    dispute.status !== "warning_needs_response"
  )
    throw invalidRequest(
      CLOSED.includes(dispute.status)
        ? `This dispute is already closed (status: ${dispute.status}); its evidence can no longer be changed.`
        : "Evidence for this dispute has already been submitted; it can no longer be changed.",
      evidence ? "evidence" : "submit",
    );
  if (evidence) {
    for (const key of TEXT_FIELDS) {
      const v = evidence.str(key);
      if (v !== undefined) dispute.evidence[key] = v || null;
    }
    for (const key of FILE_FIELDS) {
      const v = evidence.str(key);
      // Files are uploaded through the Files API, which the emulator does not model: no file exists.
      if (v) throw resourceMissing("file", v, `evidence[${key}]`);
    }
    const total = TEXT_FIELDS.reduce((n, k) => n + (dispute.evidence[k]?.length ?? 0), 0);
    if (total > EVIDENCE_TEXT_LIMIT)
      throw invalidRequest(
        `The text evidence is ${total} characters long; all text fields together can be at most ${EVIDENCE_TEXT_LIMIT} characters.`,
        "evidence",
      );
    dispute.evidence_details.has_evidence = true;
  }
  const method = p.oneOf("intended_submission_method", [
    "manual",
    "prefer_manual",
    "prefer_smart_disputes",
    "smart_disputes",
  ]);
  if (method) dispute.intended_submission_method = method;
  dispute.metadata = mergeMetadata(dispute.metadata, p.map("metadata"));
  if (submit) {
    dispute.status = "under_review";
    dispute.evidence_details.submission_count += 1;
    dispute.evidence_details.submission_method = "manual";
    dispute.evidence_details.due_by = null;
  }
  ctx.emu.store.markDirty();
  const previous = previousAttributes(before, dispute);
  if (Object.keys(previous).length > 0)
    emit(ctx.emu, {
      type: "charge.dispute.updated",
      object: dispute,
      account: ctx.account,
      previous,
      request: requestInfo(ctx),
    });
  // Stripe's test evidence decides the outcome as soon as it is submitted.
  if (submit && dispute.evidence.uncategorized_text === "winning_evidence")
    closeDispute(ctx.emu, record, "won", requestInfo(ctx));
  else if (submit && dispute.evidence.uncategorized_text === "losing_evidence")
    closeDispute(ctx.emu, record, "lost", requestInfo(ctx));
  return dispute;
}

/** Accepting the dispute: it is lost, and the withdrawn funds stay withdrawn. */
function close(ctx: RequestContext, path: Record<string, string>): Stripe.Dispute {
  const record = disputeFor(ctx, path.id ?? "");
  return closeDispute(ctx.emu, record, "lost", requestInfo(ctx));
}

export function registerDisputes(api: ApiRouter): void {
  api.operation("disputes.list", list);
  api.operation("disputes.retrieve", retrieve);
  api.operation("disputes.update", update);
  api.operation("disputes.close", close);
}
