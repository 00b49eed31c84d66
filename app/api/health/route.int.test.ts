import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { getDatabaseHandle, openDatabase, useDatabase, type DatabaseHandle } from "@/db/client";
import { GET } from "./route";

describe("GET /api/health", () => {
  let original: DatabaseHandle;
  beforeAll(() => {
    original = getDatabaseHandle();
  });
  afterEach(() => useDatabase(original));

  it("answers 200 with the database driver when the database answers", async () => {
    const res = await GET();
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.json()).toMatchObject({ status: "ok", database: { ok: true } });
  });

  it("answers 503 when the database is unreachable", async () => {
    // Nothing listens on port 1: connecting fails fast.
    const broken = openDatabase({ url: "postgres://nobody@127.0.0.1:1/none" });
    useDatabase(broken);
    const res = await GET();
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ status: "unavailable", database: { ok: false } });
    await broken.close().catch(() => {});
  });
});
