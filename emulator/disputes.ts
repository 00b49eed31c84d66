// Disputes are opened only through the control API (Stripe has no API to open one).

import type Stripe from "stripe";
import type { Emulator } from "./context";
import { emit } from "./events";
import { invalidRequest } from "./http/errors";
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
  return dispute;
}
