import { describe, expect, it } from "vitest";
import { can, SHOP_PERMISSIONS, SHOP_ROLES } from "./auth/permissions";
import { formatDate, formatDateTime, formatLongDate, formatMoney } from "./format";
import { escapeHtml } from "./html";
import { isShopSlug, SHOP_SLUG_PATTERN } from "./shops/slug";
import { shopSlugSchema } from "./shops/rules";
import { signId, verifySignedId } from "./signed-id";

describe("escapeHtml", () => {
  it("escapes the five characters that matter in content and quoted attributes", () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;",
    );
    expect(escapeHtml(null)).toBe("");
    expect(escapeHtml(42)).toBe("42");
  });
});

describe("shop slugs", () => {
  it("one pattern for lookups; every slug a new shop may take matches it", () => {
    for (const ok of ["kai-coffee", "a1", "x", "a".repeat(64)]) expect(isShopSlug(ok)).toBe(true);
    for (const bad of ["", "-a", "a-", "A", "a_b", "a".repeat(65), "../x", 7]) {
      expect(isShopSlug(bad)).toBe(false);
    }
    for (const slug of ["abc", "north-pottery", "a".repeat(40)]) {
      expect(shopSlugSchema.safeParse(slug).success).toBe(true);
      expect(SHOP_SLUG_PATTERN.test(slug)).toBe(true);
    }
  });
});

describe("formatting", () => {
  it("formats dates in UTC and money in minor units", () => {
    const at = new Date("2026-11-30T16:20:00Z");
    expect(formatDateTime(at)).toBe("Nov 30, 2026, 4:20 PM UTC");
    expect(formatDate(at)).toBe("Nov 30, 2026");
    expect(formatLongDate(at)).toBe("November 30, 2026");
    expect(formatMoney(123450, "USD")).toBe("$1,234.50");
  });
});

describe("signed ids", () => {
  it("verify for their own purpose and secret only", () => {
    const id = "5f0c6a8e-2b1d-4c3e-9f7a-1b2c3d4e5f60";
    const token = signId("invite:", id, "s".repeat(32));
    expect(verifySignedId("invite:", token, "s".repeat(32))).toBe(id);
    expect(verifySignedId("order:", token, "s".repeat(32))).toBeNull();
    expect(verifySignedId("invite:", token, "t".repeat(32))).toBeNull();
    expect(verifySignedId("invite:", `${id}.${"A".repeat(43)}`, "s".repeat(32))).toBeNull();
    expect(verifySignedId("invite:", "garbage", "s".repeat(32))).toBeNull();
  });
});

describe("the permission map", () => {
  it("gives owners everything and keeps money, payments, design and members from staff", () => {
    for (const permission of Object.keys(SHOP_PERMISSIONS) as (keyof typeof SHOP_PERMISSIONS)[]) {
      expect(can("owner", permission)).toBe(true);
    }
    for (const p of ["catalog.manage", "orders.view", "orders.fulfil", "orders.refund"] as const) {
      expect(can("staff", p)).toBe(true);
    }
    for (const p of [
      "payments.manage",
      "payments.disconnect",
      "orders.refund_over_limit",
      "members.manage",
      "shop.delete",
    ] as const) {
      expect(can("staff", p)).toBe(false);
    }
    expect(can(null, "shop.view")).toBe(false);
    expect(SHOP_ROLES).toEqual(["owner", "staff"]);
  });
});
