import { describe, expect, it } from "vitest";
import { csvField, toCsv } from "./csv";
import { orderPagePath, orderToken, verifyOrderToken } from "./links";
import { orderNet, planRefund, planRestock } from "./refund-plan";

const base = {
  total: 3600,
  applicationFee: 210,
  refundedAmount: 0,
  applicationFeeRefunded: 0,
  pendingAmount: 0,
  pendingFee: 0,
  policy: "pro_rata" as const,
};

describe("planRefund", () => {
  it("returns the fee pro rata and the rest of it on the final refund", () => {
    expect(planRefund({ ...base, amount: 1800 })).toMatchObject({
      ok: true,
      feeRefund: 105,
      remaining: 1800,
    });
    expect(planRefund({ ...base, amount: 1000 })).toMatchObject({ ok: true, feeRefund: 58 });
    // After 1000 (fee 58) the final 2600 returns exactly what is left: 152.
    expect(
      planRefund({ ...base, refundedAmount: 1000, applicationFeeRefunded: 58, amount: 2600 }),
    ).toMatchObject({ ok: true, feeRefund: 152, remaining: 0 });
  });

  it("keeps the fee under the keep policy", () => {
    expect(planRefund({ ...base, policy: "keep", amount: 3600 })).toMatchObject({
      ok: true,
      feeRefund: 0,
      refundApplicationFee: false,
    });
  });

  it("refuses more than remains, counting refunds in flight", () => {
    expect(planRefund({ ...base, amount: 3601 })).toMatchObject({ ok: false, remaining: 3600 });
    expect(
      planRefund({ ...base, refundedAmount: 1000, pendingAmount: 2000, amount: 601 }),
    ).toMatchObject({
      ok: false,
      remaining: 600,
    });
    expect(planRefund({ ...base, refundedAmount: 3600, amount: 1 })).toMatchObject({
      ok: false,
      error: "This order is fully refunded.",
    });
    expect(planRefund({ ...base, amount: 0 }).ok).toBe(false);
    expect(planRefund({ ...base, amount: 1.5 }).ok).toBe(false);
  });

  it("works in zero-decimal currencies", () => {
    expect(planRefund({ ...base, total: 1000, applicationFee: 80, amount: 333 })).toMatchObject({
      ok: true,
      feeRefund: 27,
    });
  });
});

describe("orderNet", () => {
  it("is gross − fee kept by the platform − Stripe fee − refunds", () => {
    expect(
      orderNet({
        total: 3600,
        applicationFee: 210,
        applicationFeeRefunded: 105,
        stripeFee: 134,
        refundedAmount: 1800,
      }),
    ).toBe(3600 - 105 - 134 - 1800);
    expect(
      orderNet({
        total: 1000,
        applicationFee: 80,
        applicationFeeRefunded: 0,
        stripeFee: null,
        refundedAmount: 0,
      }),
    ).toBe(920);
  });
});

describe("planRestock", () => {
  const items = [
    { id: "a", quantity: 3, restockedQuantity: 1, tracked: true },
    { id: "b", quantity: 1, restockedQuantity: 0, tracked: false },
  ];
  it("allows up to quantity − already restocked on tracked items", () => {
    expect(planRestock(items, { a: 2 })).toEqual({ ok: true, lines: [{ id: "a", units: 2 }] });
    expect(planRestock(items, { a: 0, b: 0 })).toEqual({ ok: true, lines: [] });
    expect(planRestock(items, { a: 3 })).toMatchObject({
      ok: false,
      itemId: "a",
      error: "At most 2 can be restocked.",
    });
    expect(planRestock(items, { b: 1 })).toMatchObject({ ok: false, itemId: "b" });
    expect(planRestock(items, { zzz: 1 })).toMatchObject({ ok: false, itemId: "zzz" });
    expect(planRestock(items, { a: -1 })).toMatchObject({ ok: false });
  });
});

describe("CSV", () => {
  it("quotes commas, quotes and newlines", () => {
    expect(csvField('Say "hi", please')).toBe('"Say ""hi"", please"');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvField(null)).toBe("");
    expect(csvField(12)).toBe("12");
  });
  it("neutralises formulas", () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvField("+1234")).toBe("'+1234");
    expect(csvField("-2+3")).toBe("'-2+3");
    expect(csvField("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvField("\tcmd")).toBe("'\tcmd");
    expect(csvField("a=b")).toBe("a=b");
  });
  it("joins rows with CRLF", () => {
    expect(toCsv(["a", "b"], [[1, "x,y"]])).toBe('a,b\r\n1,"x,y"\r\n');
  });
});

describe("order links", () => {
  const id = "0b8a3c1e-7f2d-4c1a-9e55-2f6a1b3c4d5e";
  const secret = "a-test-secret-a-test-secret-a-test";
  it("verifies its own token and nothing else", () => {
    const token = orderToken(id, secret);
    expect(verifyOrderToken(token, secret)).toBe(id);
    expect(verifyOrderToken(token, "another-secret-another-secret-xx")).toBeNull();
    const other = "1b8a3c1e-7f2d-4c1a-9e55-2f6a1b3c4d5e";
    expect(verifyOrderToken(`${other}.${token.split(".")[1]}`, secret)).toBeNull();
    const sig = token.split(".")[1]!;
    const flipped = sig.slice(0, -1) + (sig.endsWith("A") ? "B" : "A");
    expect(verifyOrderToken(`${id}.${flipped}`, secret)).toBeNull();
    expect(verifyOrderToken(id, secret)).toBeNull();
    expect(verifyOrderToken("", secret)).toBeNull();
    expect(verifyOrderToken(`${id}.`, secret)).toBeNull();
    expect(orderPagePath("kai-coffee", token)).toBe(`/s/kai-coffee/orders/${token}`);
  });
});
