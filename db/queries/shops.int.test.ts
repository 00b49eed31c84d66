import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDatabaseHandle, getDb } from "@/db/client";
import { makeShop, makeUser, uniqueSlug } from "@/lib/testing/factories";
import { createShopForUser, findPublicShop, findShopForMember, listShopsForUser } from "./shops";
import { createUser } from "./users";

describe("shops", () => {
  it("creates a shop owned by its creator", async () => {
    const user = await makeUser();
    const shop = await makeShop(user.id, { currency: "eur" });
    expect(shop.currency).toBe("EUR");
    const mine = await listShopsForUser(user.id);
    expect(mine.map((s) => [s.slug, s.memberRole])).toEqual([[shop.slug, "owner"]]);
  });

  it("refuses a duplicate slug and creates nothing", async () => {
    const a = await makeUser();
    const b = await makeUser();
    const slug = uniqueSlug();
    await makeShop(a.id, { slug });
    const result = await createShopForUser(b.id, {
      name: "Copy",
      slug,
      currency: "USD",
      country: "US",
    });
    expect(result).toEqual({ ok: false, reason: "slug_taken" });
    expect(await listShopsForUser(b.id)).toEqual([]);
  });

  it("only a member can load a shop through the member query", async () => {
    const owner = await makeUser();
    const stranger = await makeUser();
    const shop = await makeShop(owner.id);
    expect(await findShopForMember(shop.slug, owner.id)).toMatchObject({ id: shop.id });
    expect(await findShopForMember(shop.slug, stranger.id)).toBeNull();
    expect(await findPublicShop(shop.slug)).toMatchObject({ name: "Test Shop" });
  });

  it("lets exactly one of many concurrent creations win a slug", async () => {
    const owners = await Promise.all(Array.from({ length: 10 }, () => makeUser()));
    const slug = uniqueSlug("race");
    const results = await Promise.all(
      owners.map((o) =>
        createShopForUser(o.id, { name: "Race", slug, currency: "USD", country: "US" }),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const memberships = await Promise.all(owners.map((o) => listShopsForUser(o.id)));
    expect(memberships.flat()).toHaveLength(1);
  });

  it("treats e-mails as unique regardless of case", async () => {
    const user = await makeUser();
    const again = await createUser({
      email: user.email.toUpperCase(),
      name: "x",
      passwordHash: "x",
    });
    expect(again).toBeNull();
  });
});

describe("transactions on the embedded database", () => {
  it("do not interleave: concurrent read-modify-write transactions lose no update", async () => {
    const db = getDb();
    await db.execute(
      sql`create table if not exists tx_counter (id int primary key, n int not null)`,
    );
    await db.execute(
      sql`insert into tx_counter values (1, 0) on conflict (id) do update set n = 0`,
    );
    const lock = getDatabaseHandle().kind === "postgres" ? sql` for update` : sql``;
    await Promise.all(
      Array.from({ length: 20 }, () =>
        db.transaction(async (tx) => {
          const rows = await tx.execute<{ n: number }>(
            sql`select n from tx_counter where id = 1${lock}`,
          );
          const first = (
            Array.isArray(rows) ? rows[0] : (rows as unknown as { rows: { n: number }[] }).rows[0]
          ) as { n: number } | undefined;
          await new Promise((r) => setTimeout(r, 1));
          await tx.execute(sql`update tx_counter set n = ${(first?.n ?? 0) + 1} where id = 1`);
        }),
      ),
    );
    const rows = await db.execute<{ n: number }>(sql`select n from tx_counter where id = 1`);
    const final = Array.isArray(rows)
      ? rows[0]
      : (rows as unknown as { rows: { n: number }[] }).rows[0];
    expect(Number((final as { n: number }).n)).toBe(20);
  });
});
