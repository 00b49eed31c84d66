import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db/client";
import { listAuditLog } from "@/db/queries/admin";
import { getPlatformSettings, getShopFeeOverride } from "@/db/queries/platform";
import { shops, users } from "@/db/schema";
import { idleState, type ActionState } from "@/lib/actions";
import { makeShop, makeUser } from "@/lib/testing/factories";
import { session } from "@/lib/testing/session";

vi.mock("next/cache", () => ({
  revalidatePath: () => {},
  revalidateTag: () => {},
  updateTag: () => {},
}));

const actions = await import("./actions");

function form(values: Record<string, string>) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(values)) fd.set(k, v);
  return fd;
}

const validSettings = {
  feePercent: "4.5",
  feeFixed: "25",
  feeMin: "",
  feeMax: "",
  feeRefundPolicy: "keep",
  checkoutMode: "hosted",
};

describe("admin actions", () => {
  beforeEach(() => {
    session.user = null;
  });

  it("refuse a merchant (and an anonymous caller) and change nothing", async () => {
    const merchant = await makeUser();
    const victim = await makeUser();
    const shop = await makeShop(merchant.id);
    const before = await getPlatformSettings();
    const calls: Array<[string, (p: ActionState, f: FormData) => Promise<ActionState>, FormData]> =
      [
        ["settings", actions.updatePlatformSettingsAction, form(validSettings)],
        [
          "override",
          actions.setShopFeeOverrideAction,
          form({ shopId: shop.id, feePercent: "1", feeFixed: "", feeMin: "", feeMax: "" }),
        ],
        ["suspend", actions.suspendShopAction, form({ shopId: shop.id, reason: "Because I can" })],
        ["reinstate", actions.reinstateShopAction, form({ shopId: shop.id })],
        ["promote", actions.promoteUserAction, form({ userId: merchant.id })],
        ["demote", actions.demoteUserAction, form({ userId: victim.id })],
        ["lock", actions.lockUserAction, form({ userId: victim.id })],
        ["unlock", actions.unlockUserAction, form({ userId: victim.id })],
        ["resync", actions.resyncShopAccountAction, form({ shopId: shop.id })],
        ["replay", actions.replayEventAction, form({ eventId: "evt_1NotForMerchants" })],
      ];
    for (const who of [null, merchant]) {
      session.user = who;
      for (const [name, action, fd] of calls) {
        const state = await action(idleState, fd);
        expect(state.status, name).toBe("error");
        expect(state.code, name).toBe(who ? "forbidden" : "unauthenticated");
        expect(state.message, name).toMatch(who ? /Only platform admins/ : /Sign in again/);
      }
    }
    expect(await getPlatformSettings()).toEqual(before);
    expect(await getShopFeeOverride(shop.id)).toBeNull();
    const [s] = await getDb().select().from(shops).where(eq(shops.id, shop.id));
    expect(s?.suspendedAt).toBeNull();
    const [m] = await getDb().select().from(users).where(eq(users.id, merchant.id));
    expect(m?.role).toBe("merchant");
    const [v] = await getDb().select().from(users).where(eq(users.id, victim.id));
    expect(v?.lockedAt).toBeNull();
  });

  it("let an admin suspend with a reason and reinstate, recorded in the audit log", async () => {
    const admin = await makeUser({ role: "admin" });
    const owner = await makeUser();
    const shop = await makeShop(owner.id);
    session.user = admin;

    const noReason = await actions.suspendShopAction(
      idleState,
      form({ shopId: shop.id, reason: " " }),
    );
    expect(noReason.fieldErrors?.reason).toMatch(/reason/);

    const ok = await actions.suspendShopAction(
      idleState,
      form({ shopId: shop.id, reason: "Selling counterfeit goods" }),
    );
    expect(ok.status).toBe("success");
    const [suspended] = await getDb().select().from(shops).where(eq(shops.id, shop.id));
    expect(suspended?.suspensionReason).toBe("Selling counterfeit goods");

    expect((await actions.reinstateShopAction(idleState, form({ shopId: shop.id }))).status).toBe(
      "success",
    );
    const [back] = await getDb().select().from(shops).where(eq(shops.id, shop.id));
    expect(back?.suspendedAt).toBeNull();

    const audit = await listAuditLog({ page: 1, shopId: shop.id });
    expect(audit.rows.map((r) => r.action)).toEqual(["shop.reinstated", "shop.suspended"]);
    expect(audit.rows[1]).toMatchObject({
      actorEmail: admin.email,
      after: { suspended: true, reason: "Selling counterfeit goods" },
    });
  });

  it("validate fee settings next to the field and save valid ones", async () => {
    session.user = await makeUser({ role: "admin" });
    const bad = await actions.updatePlatformSettingsAction(
      idleState,
      form({
        ...validSettings,
        feePercent: "150",
        feeFixed: "-3",
        feeMin: "500",
        feeMax: "100",
        checkoutMode: "popup",
      }),
    );
    expect(Object.keys(bad.fieldErrors ?? {}).sort()).toEqual([
      "checkoutMode",
      "feeFixed",
      "feePercent",
    ]);
    const good = await actions.updatePlatformSettingsAction(idleState, form(validSettings));
    expect(good.status).toBe("success");
    expect(await getPlatformSettings()).toMatchObject({
      feePercentBps: 450,
      feeFixed: 25,
      feeRefundPolicy: "keep",
      checkoutMode: "hosted",
    });
    const minMax = await actions.updatePlatformSettingsAction(
      idleState,
      form({ ...validSettings, feeMin: "500", feeMax: "100" }),
    );
    expect(minMax.fieldErrors?.feeMax).toMatch(/at least the minimum/);
  });

  it("set and clear a shop's fee override", async () => {
    session.user = await makeUser({ role: "admin" });
    const shop = await makeShop((await makeUser()).id);
    await actions.setShopFeeOverrideAction(
      idleState,
      form({ shopId: shop.id, feePercent: "2.5", feeFixed: "", feeMin: "", feeMax: "" }),
    );
    expect(await getShopFeeOverride(shop.id)).toEqual({ percentBps: 250 });
    await actions.setShopFeeOverrideAction(
      idleState,
      form({ shopId: shop.id, feePercent: "", feeFixed: "", feeMin: "", feeMax: "" }),
    );
    expect(await getShopFeeOverride(shop.id)).toBeNull();
    const bad = await actions.setShopFeeOverrideAction(
      idleState,
      form({ shopId: "not-a-uuid", feePercent: "x", feeFixed: "", feeMin: "", feeMax: "" }),
    );
    expect(bad.status).toBe("error");
  });

  it("never let an admin change their own role or lock themselves out", async () => {
    const admin = await makeUser({ role: "admin" });
    session.user = admin;
    expect((await actions.demoteUserAction(idleState, form({ userId: admin.id }))).message).toMatch(
      /your own admin role/,
    );
    expect((await actions.lockUserAction(idleState, form({ userId: admin.id }))).message).toMatch(
      /lock yourself out/,
    );
    const other = await makeUser();
    expect((await actions.promoteUserAction(idleState, form({ userId: other.id }))).status).toBe(
      "success",
    );
    expect((await actions.lockUserAction(idleState, form({ userId: other.id }))).status).toBe(
      "success",
    );
    const [row] = await getDb().select().from(users).where(eq(users.id, other.id));
    expect(row?.role).toBe("admin");
    expect(row?.lockedAt).not.toBeNull();
  });
});
