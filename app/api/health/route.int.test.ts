import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { getDatabaseHandle, openDatabase, useDatabase, type DatabaseHandle } from "@/db/client";
import { storeStripeEvent } from "@/db/queries/stripe-events";
import { runJobs } from "@/lib/testing/jobs";
import { GET } from "./route";

const health = (query = "") => GET(new Request(`http://localhost/api/health${query}`));

describe("GET /api/health", () => {
  let original: DatabaseHandle;
  beforeAll(() => {
    original = getDatabaseHandle();
  });
  afterEach(() => useDatabase(original));

  it("answers 200 with the database driver when the database answers", async () => {
    const res = await health();
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.json()).toMatchObject({ status: "ok", database: { ok: true } });
  });

  it("with ?drained=stripe-events, answers 503 while Stripe events wait in the queue", async () => {
    expect((await health("?drained=stripe-events")).status).toBe(200);
    await storeStripeEvent({
      id: `evt_health_${Date.now()}`,
      type: "application_fee.created",
      source: "platform",
      account: null,
      livemode: false,
      payload: {},
      created: new Date(),
    });
    const waiting = await health("?drained=stripe-events");
    expect(waiting.status).toBe(503);
    expect(await waiting.json()).toMatchObject({ pendingEvents: 1 });
    expect((await health()).status).toBe(200); // liveness is not readiness
    await runJobs();
    expect((await health("?drained=stripe-events")).status).toBe(200);
  });

  it("answers 503 when the database is unreachable", async () => {
    // Nothing listens on port 1: connecting fails fast.
    const broken = openDatabase({ url: "postgres://nobody@127.0.0.1:1/none" });
    useDatabase(broken);
    const res = await health();
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ status: "unavailable", database: { ok: false } });
    await broken.close().catch(() => {});
  });
});
