import { expect, test } from "./fixtures";

test("GET /api/health reports the database", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
  expect(await res.json()).toMatchObject({
    status: "ok",
    database: { ok: true, driver: "pglite" },
  });
});
