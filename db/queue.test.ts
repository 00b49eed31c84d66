import { describe, expect, it } from "vitest";
import { PgDialect } from "drizzle-orm/pg-core";
import { parameterised, QUEUES, SCHEDULES } from "./queue";

describe("parameterised", () => {
  const dialect = new PgDialect();

  it("keeps values as parameters, in order, with JSON for job data", () => {
    const query = dialect.sqlToQuery(
      parameterised("select $1::text as a, $3::jsonb as c, $2::int as b, $1 as again", [
        "x'; drop table users; --",
        7,
        { orderId: "o1" },
      ]),
    );
    expect(query.sql).toBe("select $1::text as a, $2::jsonb as c, $3::int as b, $4 as again");
    expect(query.params).toEqual([
      "x'; drop table users; --",
      JSON.stringify({ orderId: "o1" }),
      7,
      "x'; drop table users; --",
    ]);
  });

  it("sends undefined as NULL and leaves dates and arrays alone", () => {
    const at = new Date(0);
    const query = dialect.sqlToQuery(parameterised("select $1, $2, $3", [undefined, at, ["a"]]));
    expect(query.params).toEqual([null, at, ["a"]]);
  });
});

describe("schedules", () => {
  it("schedule only known queues, each once", () => {
    const names = SCHEDULES.map((s) => s.queue);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(Object.values(QUEUES)).toContain(name);
  });
});
