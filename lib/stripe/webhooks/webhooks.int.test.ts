import { eq } from "drizzle-orm";
import type Stripe from "stripe";
import { afterEach, describe, expect, it } from "vitest";
import { POST as connectRoute } from "@/app/api/stripe/connect-webhook/route";
import { POST as platformRoute } from "@/app/api/stripe/webhook/route";
import { getDatabaseHandle, getDb } from "@/db/client";
import { attachAccount, findShopStripeAccount } from "@/db/queries/connect";
import { findShopById } from "@/db/queries/shops";
import { stripeEvents } from "@/db/schema";
import { makeShop, makeUser } from "@/lib/testing/factories";
import { deliverAndRun, runJobs } from "@/lib/testing/jobs";
import { toAccountSnapshot } from "../account";
import { getStripe } from "../client";
import { accountEvent, newExpressAccount, onboarded, withRequirements } from "../testing/accounts";
import { processStoredEvent } from ".";
import { eventHandlers } from "./registry";

/** A delivery, then the worker's run (the route itself only stores and enqueues). */
const connectWebhook = (r: Request) => deliverAndRun(connectRoute, r);
const platformWebhook = (r: Request) => deliverAndRun(platformRoute, r);

/** pg-boss jobs that carry this event id. */
async function jobsOfEvent(id: string) {
  const { rows } = await getDatabaseHandle().executeSql(
    `select name, state, data from pgboss.job where data->>'eventId' = $1`,
    [id],
  );
  return rows;
}

const CONNECT_SECRET = "whsec_emulator_connect";
const PLATFORM_SECRET = "whsec_emulator_platform";

function signedRequest(event: unknown, secret = CONNECT_SECRET, path = "connect-webhook") {
  const payload = JSON.stringify(event);
  const header = getStripe().webhooks.generateTestHeaderString({ payload, secret });
  return new Request(`http://localhost/api/stripe/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", "stripe-signature": header },
    body: payload,
  });
}

async function storedEvent(id: string) {
  const [row] = await getDb().select().from(stripeEvents).where(eq(stripeEvents.id, id));
  return row ?? null;
}

const now = () => Math.floor(Date.now() / 1000);
let counter = 0;
const accountId = () =>
  `acct_1WebhookTest${(++counter).toString().padStart(6, "0")}${Date.now() % 1000}`;

/** A shop holding a fresh Express-style account in onboarding, synced `syncedAgo` seconds ago. */
async function shopWithAccount(syncedAgo = 60) {
  const user = await makeUser();
  const shop = await makeShop(user.id);
  const account = newExpressAccount(accountId());
  await attachAccount(shop.id, toAccountSnapshot(account), new Date((now() - syncedAgo) * 1000));
  return { shop, account };
}

const originalUpdated = eventHandlers["account.updated"];
afterEach(() => {
  eventHandlers["account.updated"] = originalUpdated;
});

describe("Stripe webhook routes", () => {
  it("answers 400 to a bad signature and stores nothing", async () => {
    const { account } = await shopWithAccount();
    const event = accountEvent("account.updated", onboarded(account), now());
    const forged = signedRequest(event, "whsec_not_the_secret");
    const response = await connectWebhook(forged);
    expect(response.status).toBe(400);
    expect(await storedEvent(event.id)).toBeNull();

    // The platform endpoint's secret does not open the Connect endpoint either.
    const wrongEndpoint = await connectWebhook(signedRequest(event, PLATFORM_SECRET));
    expect(wrongEndpoint.status).toBe(400);
    const unsigned = await connectWebhook(
      new Request("http://localhost/api/stripe/connect-webhook", {
        method: "POST",
        body: JSON.stringify(event),
      }),
    );
    expect(unsigned.status).toBe(400);
    expect(await storedEvent(event.id)).toBeNull();
  });

  it("activates the shop on account.updated and processes a redelivery only once", async () => {
    const { shop, account } = await shopWithAccount();
    const event = accountEvent("account.updated", onboarded(account), now());
    let calls = 0;
    eventHandlers["account.updated"] = async (e) => {
      calls++;
      return originalUpdated!(e);
    };
    const first = await connectWebhook(signedRequest(event));
    expect(first.status).toBe(200);
    const second = await connectWebhook(signedRequest(event));
    expect(second.status).toBe(200);
    expect(await second.json()).toMatchObject({ duplicate: true });
    expect(calls).toBe(1);
    expect(await jobsOfEvent(event.id)).toEqual([
      expect.objectContaining({ name: "stripe-event", state: "completed" }),
    ]);
    const row = await storedEvent(event.id);
    expect(row).toMatchObject({
      type: "account.updated",
      source: "connect",
      account: account.id,
      outcome: "processed",
      attempts: 1,
      livemode: false,
    });
    expect(row?.processedAt).toBeInstanceOf(Date);
    expect((await findShopById(shop.id))?.connectStatus).toBe("active");
  });

  it("never moves a status backwards on an out-of-order account.updated", async () => {
    const { shop, account } = await shopWithAccount(600);
    const t = now();
    const older = accountEvent("account.updated", account, t - 100); // still onboarding
    const newer = accountEvent("account.updated", onboarded(account), t - 10);
    expect((await connectWebhook(signedRequest(newer))).status).toBe(200);
    expect((await findShopById(shop.id))?.connectStatus).toBe("active");
    const late = await connectWebhook(signedRequest(older));
    expect(late.status).toBe(200);
    expect((await findShopById(shop.id))?.connectStatus).toBe("active");
    expect((await findShopStripeAccount(shop.id))?.chargesEnabled).toBe(true);

    // A genuinely newer restriction does apply.
    const restricted = withRequirements(
      onboarded(account),
      {
        past_due: ["external_account"],
        currently_due: ["external_account"],
        disabled_reason: "requirements.past_due",
      },
      { charges_enabled: false },
    );
    await connectWebhook(signedRequest(accountEvent("account.updated", restricted, t)));
    expect((await findShopById(shop.id))?.connectStatus).toBe("restricted");
  });

  it("stores an unknown event type as ignored and answers 2xx", async () => {
    const event = {
      id: `evt_unknown_${Date.now()}`,
      object: "event",
      api_version: "2026-10-28.endive",
      created: now(),
      data: { object: { id: "fee_1", object: "application_fee" } },
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type: "application_fee.something_new",
    };
    const response = await platformWebhook(signedRequest(event, PLATFORM_SECRET, "webhook"));
    expect(response.status).toBe(200);
    expect(await storedEvent(event.id)).toMatchObject({
      outcome: "ignored",
      source: "platform",
      account: null,
    });
  });

  it("answers 200 at once and stores the event with its job; the worker processes it", async () => {
    const { shop, account } = await shopWithAccount();
    const event = accountEvent("account.updated", onboarded(account), now());
    const response = await connectRoute(signedRequest(event));
    expect(response.status).toBe(200);
    expect(await storedEvent(event.id)).toMatchObject({ outcome: null, attempts: 0 });
    expect(await jobsOfEvent(event.id)).toEqual([
      expect.objectContaining({ name: "stripe-event", state: "created" }),
    ]);
    expect((await findShopById(shop.id))?.connectStatus).toBe("onboarding");
    await runJobs();
    expect(await storedEvent(event.id)).toMatchObject({ outcome: "processed", attempts: 1 });
    expect((await storedEvent(event.id))?.processedBy).toMatch(/:\d+$/);
    expect((await findShopById(shop.id))?.connectStatus).toBe("active");
  });

  it("runs the handler once when the same event reaches two instances at the same moment", async () => {
    const { account } = await shopWithAccount();
    const event = accountEvent("account.updated", onboarded(account), now());
    let calls = 0;
    eventHandlers["account.updated"] = async (e) => {
      calls++;
      await new Promise((r) => setTimeout(r, 50));
      return originalUpdated!(e);
    };
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => connectRoute(signedRequest(event))),
    );
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    const bodies = await Promise.all(answers.map((a) => a.json()));
    expect(bodies.filter((b) => b.duplicate === false)).toHaveLength(1);
    expect(await jobsOfEvent(event.id)).toHaveLength(1);
    // Two workers and a replay racing for the event: the claim lets one run the handler.
    const raced = await Promise.all([
      processStoredEvent(event.id),
      processStoredEvent(event.id),
      processStoredEvent(event.id, { force: true }),
    ]);
    expect(raced.filter((r) => !r.skipped)).toHaveLength(1);
    expect(calls).toBe(1);
    await runJobs();
    expect(calls).toBe(1);
    expect(await storedEvent(event.id)).toMatchObject({ outcome: "processed", attempts: 1 });
  });

  it("refuses a signed body that is not a Stripe event with 400 and stores nothing", async () => {
    for (const body of [{ hello: "world" }, { id: "evt_x", type: 5, created: "soon" }, []]) {
      const response = await connectRoute(signedRequest(body));
      expect(response.status).toBe(400);
    }
    expect(await storedEvent("evt_x")).toBeNull();
  });

  it("records a failing handler as failed and retries it from the queue with backoff", async () => {
    const { shop, account } = await shopWithAccount();
    const event = accountEvent("account.updated", onboarded(account), now());
    eventHandlers["account.updated"] = async () => {
      throw new Error("database hiccup");
    };
    const delivered = await connectWebhook(signedRequest(event));
    expect(delivered.status).toBe(200);
    expect(await storedEvent(event.id)).toMatchObject({
      outcome: "failed",
      error: "database hiccup",
      attempts: 1,
    });
    expect(await jobsOfEvent(event.id)).toEqual([expect.objectContaining({ state: "retry" })]);
    expect((await findShopById(shop.id))?.connectStatus).toBe("onboarding");

    // Stripe's own redelivery finds the stored event: no second job.
    expect(await (await connectRoute(signedRequest(event))).json()).toMatchObject({
      duplicate: true,
    });
    expect(await jobsOfEvent(event.id)).toHaveLength(1);

    eventHandlers["account.updated"] = originalUpdated;
    await runJobs(undefined, true); // the retry's backoff has passed
    expect(await storedEvent(event.id)).toMatchObject({
      outcome: "processed",
      attempts: 2,
      error: null,
    });
    expect((await findShopById(shop.id))?.connectStatus).toBe("active");

    // Replays (the admin inbox) go through the same dispatcher: a processed event does not run again.
    expect(await processStoredEvent(event.id)).toMatchObject({
      skipped: true,
      outcome: "processed",
    });
    expect(await processStoredEvent(event.id, { force: true })).toMatchObject({
      skipped: false,
      outcome: "processed",
    });
  });

  it("marks the shop disconnected on account.application.deauthorized", async () => {
    const { shop, account } = await shopWithAccount();
    await connectWebhook(signedRequest(accountEvent("account.updated", onboarded(account), now())));
    const event = accountEvent("account.application.deauthorized", account, now() + 1);
    const response = await connectWebhook(signedRequest(event));
    expect(response.status).toBe(200);
    expect((await findShopById(shop.id))?.connectStatus).toBe("disconnected");
    expect((await findShopStripeAccount(shop.id))?.disconnectedAt).toBeInstanceOf(Date);
    // A later account.updated does not revive a disconnected shop.
    await connectWebhook(
      signedRequest(accountEvent("account.updated", onboarded(account), now() + 5)),
    );
    expect((await findShopById(shop.id))?.connectStatus).toBe("disconnected");
  });

  it("ignores events about accounts no shop holds", async () => {
    const stranger = newExpressAccount(accountId()) as Stripe.Account;
    const event = accountEvent("account.application.authorized", stranger, now());
    const response = await connectWebhook(signedRequest(event));
    expect(response.status).toBe(200);
    expect(await storedEvent(event.id)).toMatchObject({ outcome: "ignored" });
  });
});

describe("the event's job", () => {
  it("is the row pg-boss's own send writes for the stripe-event queue", async () => {
    const { account } = await shopWithAccount();
    const event = accountEvent("account.updated", onboarded(account), now());
    await connectRoute(signedRequest(event));
    const { enqueue, QUEUES } = await import("@/db/queue");
    const viaBoss = await enqueue(getDb(), QUEUES.stripeEvent, { eventId: "evt_reference" });
    const columns = `name, priority, state, retry_limit, retry_delay, retry_backoff, policy,
      dead_letter, expire_in, singleton_key, singleton_on, retry_count,
      date_trunc('minute', keep_until - start_after) as retention`;
    const { rows: ours } = await getDatabaseHandle().executeSql(
      `select ${columns}, data from pgboss.job where data->>'eventId' = $1`,
      [event.id],
    );
    const { rows: theirs } = await getDatabaseHandle().executeSql(
      `select ${columns}, data from pgboss.job where id = $1::uuid`,
      [viaBoss],
    );
    expect(ours).toHaveLength(1);
    const { data: ourData, ...ourRow } = ours[0]!;
    const { data: theirData, ...theirRow } = theirs[0]!;
    expect(ourRow).toEqual(theirRow);
    expect(ourData).toEqual({ eventId: event.id });
    expect(theirData).toEqual({ eventId: "evt_reference" });
    await getDatabaseHandle().executeSql(`delete from pgboss.job where id = $1::uuid`, [viaBoss]);
  });
});
