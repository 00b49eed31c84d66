// Contract: disputes to the end — opened on a paid charge (control API), evidence staged and
// submitted, won (funds reinstated) or lost, accepted with close, lost when the due date
// passes; the charge.dispute.* events and the balance effects on the connected account.
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { control, onboardedAccount, real, setUp, stripeError, type Harness } from "./harness";

let h: Harness;
let account: string;
beforeAll(async () => {
  h = await setUp();
  account = await onboardedAccount(h, "express");
});
afterAll(() => h.close());

const on = () => ({ stripeAccount: account });
const total = (b: Stripe.Balance) =>
  [...b.available, ...b.pending]
    .filter((x) => x.currency === "usd")
    .reduce((s, x) => s + x.amount, 0);

/** A paid charge on the account, disputed by the shopper's bank. */
async function disputed(amount = 5000): Promise<{ dispute: Stripe.Dispute; charge: string }> {
  const pi = await h.stripe.paymentIntents.create(
    {
      amount,
      currency: "usd",
      application_fee_amount: 500,
      payment_method: "pm_card_visa",
      confirm: true,
    },
    on(),
  );
  const charge = String(pi.latest_charge);
  const opened = await control<Stripe.Dispute>(h, "POST", `/charges/${charge}/dispute`, {
    reason: "product_not_received",
  });
  expect(opened.status).toBe(200);
  return { dispute: opened.body, charge };
}

const eventsFor = async (type: string, dispute: string) =>
  (await h.stripe.events.list({ type, limit: 50 }, on())).data.filter(
    (e) => (e.data.object as Stripe.Dispute).id === dispute,
  );

describe.skipIf(real)("disputes (control API opens them)", () => {
  it("lists and retrieves the account's disputes; funds are withdrawn at once", async () => {
    const before = total(await h.stripe.balance.retrieve({}, on()));
    const { dispute, charge } = await disputed(5000);
    const after = total(await h.stripe.balance.retrieve({}, on()));
    // The charge paid 5000 less the 500 fee; the dispute took back 5000 and a 1500 dispute fee.
    expect(after - before).toBe(5000 - 500 - 5000 - 1500);
    const again = await h.stripe.disputes.retrieve(dispute.id, {}, on());
    expect(again).toMatchObject({
      status: "needs_response",
      amount: 5000,
      charge,
      reason: "product_not_received",
      evidence_details: { has_evidence: false, submission_count: 0, past_due: false },
    });
    const listed = await h.stripe.disputes.list({ charge }, on());
    expect(listed.data.map((d) => d.id)).toEqual([dispute.id]);
    expect(await eventsFor("charge.dispute.funds_withdrawn", dispute.id)).toHaveLength(1);
    const elsewhere = await stripeError(h.stripe.disputes.retrieve(dispute.id));
    expect(elsewhere.code).toBe("resource_missing");
  });

  it("stages evidence, submits it, and is won with Stripe's winning test evidence", async () => {
    const { dispute } = await disputed(4000);
    const before = total(await h.stripe.balance.retrieve({}, on()));
    const staged = await h.stripe.disputes.update(
      dispute.id,
      {
        evidence: {
          product_description: "Hand-thrown mug",
          shipping_carrier: "UPS",
          shipping_tracking_number: "1Z999",
        },
        metadata: { order: "1001" },
      },
      on(),
    );
    expect(staged.status).toBe("needs_response");
    expect(staged.evidence.shipping_carrier).toBe("UPS");
    expect(staged.evidence_details.has_evidence).toBe(true);
    expect(staged.evidence_details.submission_count).toBe(0);
    expect(await eventsFor("charge.dispute.updated", dispute.id)).toHaveLength(1);

    const submitted = await h.stripe.disputes.update(
      dispute.id,
      { evidence: { uncategorized_text: "winning_evidence" }, submit: true },
      on(),
    );
    expect(submitted.evidence_details.submission_count).toBe(1);
    expect(submitted.status).toBe("won");
    const after = total(await h.stripe.balance.retrieve({}, on()));
    expect(after - before).toBe(4000);
    expect(await eventsFor("charge.dispute.funds_reinstated", dispute.id)).toHaveLength(1);
    const closed = await eventsFor("charge.dispute.closed", dispute.id);
    expect((closed[0]?.data.object as Stripe.Dispute).status).toBe("won");

    const late = await stripeError(
      h.stripe.disputes.update(dispute.id, { evidence: { customer_name: "X" } }, on()),
    );
    expect(late).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
  });

  it("is under review after submission until the network decides (control API)", async () => {
    const { dispute } = await disputed(3000);
    const submitted = await h.stripe.disputes.update(
      dispute.id,
      { evidence: { uncategorized_text: "The parcel was delivered." }, submit: true },
      on(),
    );
    expect(submitted.status).toBe("under_review");
    const before = total(await h.stripe.balance.retrieve({}, on()));
    const lost = await control<Stripe.Dispute>(h, "POST", `/disputes/${dispute.id}/close`, {
      outcome: "lost",
    });
    expect(lost.body.status).toBe("lost");
    expect(total(await h.stripe.balance.retrieve({}, on()))).toBe(before);
    expect(await eventsFor("charge.dispute.funds_reinstated", dispute.id)).toHaveLength(0);
  });

  it("close accepts the dispute as lost; a file the account never uploaded is refused", async () => {
    const { dispute } = await disputed(2500);
    const file = await stripeError(
      h.stripe.disputes.update(dispute.id, { evidence: { receipt: "file_1Nope" } }, on()),
    );
    expect(file.code).toBe("resource_missing");
    expect(file.param).toBe("evidence[receipt]");
    const closed = await h.stripe.disputes.close(dispute.id, {}, on());
    expect(closed.status).toBe("lost");
    const twice = await stripeError(h.stripe.disputes.close(dispute.id, {}, on()));
    expect(twice).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
  });

  it("is lost when its due date passes without a response", async () => {
    const { dispute } = await disputed(2000);
    const due = dispute.evidence_details.due_by ?? 0;
    const now = (await control<{ now: number }>(h, "GET", "/clock")).body.now;
    await control(h, "POST", "/clock/advance", { seconds: String(due - now + 60) });
    const after = await h.stripe.disputes.retrieve(dispute.id, {}, on());
    expect(after.status).toBe("lost");
    expect(after.evidence_details.past_due).toBe(true);
  });
});
