// Every server action, found by scanning the source (every export of every "use server"
// module), must run through the action pipeline, and the permission map must hold for each:
// a signed-out caller, a stranger, a staff member and a merchant calling an admin action are
// refused what the map forbids, and nothing changes. A new action is covered without touching
// this test; one that skips the pipeline fails it.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db/client";
import { idleState } from "@/lib/actions";
import { declarationOf, NO_SUCH_SHOP, NOT_SIGNED_IN } from "@/lib/action-pipeline";
import { can, notPermittedMessage } from "@/lib/auth/permissions";
import { makeMember, makeShop, makeUser } from "@/lib/testing/factories";
import { session } from "@/lib/testing/session";

vi.mock("next/navigation", () => ({
  redirect: (url: string) => {
    throw Object.assign(new Error("NEXT_REDIRECT"), { digest: "NEXT_REDIRECT", url });
  },
  notFound: () => {
    throw Object.assign(new Error("NEXT_NOT_FOUND"), { digest: "NEXT_HTTP_ERROR_FALLBACK;404" });
  },
}));

const ROOT = process.cwd();
function walk(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) return walk(rel);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [rel] : [];
  });
}
const ACTION_MODULES = ["app", "components", "lib"]
  .flatMap(walk)
  .filter((f) => /^(\s*\/\/[^\n]*\n)*\s*["']use server["']/.test(readFileSync(f, "utf8")));

type Action = (prev: typeof idleState, fd: FormData) => Promise<typeof idleState>;
const actions: { name: string; fn: Action }[] = [];

const TABLES = [
  "shops",
  "shop_members",
  "shop_invitations",
  "products",
  "collections",
  "audit_log",
];
async function counts() {
  const out: Record<string, number> = {};
  for (const t of TABLES) {
    const res = await getDb().execute(sql.raw(`select count(*)::int as n from "${t}"`));
    out[t] = Number(
      (res as unknown as { rows?: { n: number }[] }).rows?.[0]?.n ??
        (res as unknown as { n: number }[])[0]?.n,
    );
  }
  return out;
}

let world: {
  shop: { slug: string; id: string };
  owner: Awaited<ReturnType<typeof makeUser>>;
  staff: Awaited<ReturnType<typeof makeUser>>;
  stranger: Awaited<ReturnType<typeof makeUser>>;
};

beforeAll(async () => {
  for (const file of ACTION_MODULES) {
    const mod = (await import(/* @vite-ignore */ path.join(ROOT, file))) as Record<string, unknown>;
    for (const [name, fn] of Object.entries(mod)) {
      if (typeof fn === "function") actions.push({ name: `${file}#${name}`, fn: fn as Action });
    }
  }
  const owner = await makeUser();
  const shop = await makeShop(owner.id);
  world = { shop, owner, staff: await makeMember(shop.id, "staff"), stranger: await makeUser() };
}, 120_000);

function form(fields: Record<string, string>) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  return fd;
}

async function call(fn: Action, fields: Record<string, string>) {
  return fn(idleState, form(fields)).catch((error: { digest?: string }) => {
    throw new Error(`a refused call must not throw (${error.digest ?? String(error)})`);
  });
}

describe("every server action", () => {
  it("finds the actions", () => {
    expect(ACTION_MODULES.length).toBeGreaterThanOrEqual(10);
    expect(actions.length).toBeGreaterThanOrEqual(50);
  });

  it("runs through the action pipeline", () => {
    const skipping = actions.filter((a) => declarationOf(a.fn) === undefined).map((a) => a.name);
    expect(skipping).toEqual([]);
  });

  it("refuses a signed-out caller everything but public actions, changing nothing", async () => {
    session.user = null;
    const before = await counts();
    for (const { name, fn } of actions) {
      const declared = declarationOf(fn)!;
      if (declared.kind === "public") continue;
      const state = await call(fn, { shop: world.shop.slug });
      expect(state, name).toMatchObject({ code: "unauthenticated", message: NOT_SIGNED_IN });
    }
    expect(await counts()).toEqual(before);
  });

  it("refuses a stranger every shop action and a merchant every admin action", async () => {
    session.user = world.stranger;
    const before = await counts();
    for (const { name, fn } of actions) {
      const declared = declarationOf(fn)!;
      if (declared.kind !== "shop" && declared.kind !== "admin") continue;
      const state = await call(fn, { shop: world.shop.slug });
      expect(state.code, name).toBe("forbidden");
      if (declared.kind === "shop") expect(state.message, name).toBe(NO_SUCH_SHOP);
    }
    expect(await counts()).toEqual(before);
  });

  it("refuses staff exactly what the permission map forbids", async () => {
    session.user = world.staff;
    const before = await counts();
    const refused: string[] = [];
    for (const { name, fn } of actions) {
      const declared = declarationOf(fn)!;
      if (declared.kind !== "shop") continue;
      if (can("staff", declared.permission)) continue;
      const state = await call(fn, { shop: world.shop.slug, confirm: "yes" });
      expect(state, name).toMatchObject({
        code: "forbidden",
        message: notPermittedMessage("staff"),
      });
      refused.push(name.split("#")[1]!);
    }
    expect(await counts()).toEqual(before);
    // The map's owner-only areas are all represented among the actions.
    expect(refused).toEqual(
      expect.arrayContaining([
        "disconnectAction",
        "connectStandardAction",
        "inviteMemberAction",
        "changeMemberRoleAction",
        "removeMemberAction",
        "saveDesignAction",
        "setStaffRefundLimitAction",
      ]),
    );
  });

  it("lets staff past the permission check where the map allows", async () => {
    session.user = world.staff;
    for (const { name, fn } of actions) {
      const declared = declarationOf(fn)!;
      if (declared.kind !== "shop" || !can("staff", declared.permission)) continue;
      // An empty form: whatever the action answers, it is not a refusal of the caller.
      const state = await call(fn, { shop: world.shop.slug });
      if (state.status === "error") expect(state.code, name).not.toBe("forbidden");
    }
  });
});
