import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { Membership } from "@/lib/auth/session";

// The pipeline's collaborators, replaced: who is signed in, which shops they belong to, the
// logger (to see what is logged) and Next's redirect (which throws, as Next's does).
const world = vi.hoisted(() => ({
  user: null as null | { id: string; role: "merchant" | "admin"; email: string },
  memberships: new Map<string, "owner" | "staff">(),
  logged: [] as { obj: Record<string, unknown>; msg: string }[],
  redirects: [] as string[],
}));

vi.mock("@/lib/auth/session", () => ({
  getCurrentUser: async () => world.user,
  loadMembership: async (slug: unknown): Promise<Membership | null> => {
    const role = typeof slug === "string" ? world.memberships.get(slug) : undefined;
    if (!role) return null;
    return { role, shop: { id: `id-${slug}`, slug } as Membership["shop"] };
  },
}));
vi.mock("@/lib/log", () => ({
  currentRequestId: async () => "req-12345678-abcd",
  log: () => ({
    error: (obj: Record<string, unknown>, msg: string) => world.logged.push({ obj, msg }),
  }),
}));
vi.mock("next/navigation", () => ({
  redirect: (url: string) => {
    world.redirects.push(url);
    throw Object.assign(new Error("NEXT_REDIRECT"), { digest: `NEXT_REDIRECT;replace;${url}` });
  },
}));

const {
  adminAction,
  declarationOf,
  publicAction,
  recordId,
  redirectTo,
  shopAction,
  userAction,
  NO_SUCH_SHOP,
  NOT_SIGNED_IN,
} = await import("./action-pipeline");
const { AppError } = await import("./errors");
const { idleState, INPUT_MESSAGES } = await import("./actions");

function form(fields: Record<string, string>) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  return fd;
}

const ran = vi.fn();
const schema = z.object({ name: z.string().trim().min(1, "Enter a name.") });

const editCatalog = shopAction({ schema, permission: "catalog.manage" }, async (ctx) => {
  ran(ctx);
  return { status: "success", message: `Saved ${ctx.input.name} in ${ctx.shop.slug}.` };
});
const disconnect = shopAction({ schema, permission: "payments.disconnect" }, async (ctx) => {
  ran(ctx);
  return { status: "success" };
});

beforeEach(() => {
  world.user = { id: "u1", role: "merchant", email: "m@example.test" };
  world.memberships = new Map([
    ["mine", "owner"],
    ["helping", "staff"],
  ]);
  world.logged = [];
  world.redirects = [];
  ran.mockReset();
});

describe("shopAction", () => {
  it("runs for a member with the permission, with the validated input, shop and role", async () => {
    const state = await editCatalog(idleState, form({ shop: "mine", name: "  Mugs " }));
    expect(state).toEqual({ status: "success", message: "Saved Mugs in mine." });
    expect(ran).toHaveBeenCalledWith(
      expect.objectContaining({
        input: { name: "Mugs" },
        role: "owner",
        requestId: expect.any(String),
      }),
    );
  });

  it("refuses an unauthenticated caller before reading the form", async () => {
    world.user = null;
    const state = await editCatalog(idleState, form({ shop: "mine", name: "" }));
    expect(state).toMatchObject({
      status: "error",
      code: "unauthenticated",
      message: NOT_SIGNED_IN,
    });
    expect(state.fieldErrors).toBeUndefined();
    expect(ran).not.toHaveBeenCalled();
  });

  it("answers another shop, a missing shop and a malformed slug alike", async () => {
    for (const shop of ["someone-elses", "", "../etc", "x".repeat(500)]) {
      const state = await editCatalog(idleState, form({ shop, name: "Mugs" }));
      expect(state).toMatchObject({ status: "error", code: "forbidden", message: NO_SUCH_SHOP });
    }
    const noField = await editCatalog(idleState, form({ name: "Mugs" }));
    expect(noField).toMatchObject({ code: "forbidden", message: NO_SUCH_SHOP });
    expect(ran).not.toHaveBeenCalled();
  });

  it("lets staff do what the map allows and refuses what it forbids", async () => {
    expect(await editCatalog(idleState, form({ shop: "helping", name: "Mugs" }))).toMatchObject({
      status: "success",
    });
    const refused = await disconnect(idleState, form({ shop: "helping", name: "x" }));
    expect(refused).toMatchObject({ status: "error", code: "forbidden" });
    expect(refused.message).toMatch(/Staff members cannot do this/);
    expect(ran).toHaveBeenCalledTimes(1);
    // The owner may.
    expect(await disconnect(idleState, form({ shop: "mine", name: "x" }))).toMatchObject({
      status: "success",
    });
  });

  it("returns schema failures next to the fields, echoing the form but never a password", async () => {
    const state = await editCatalog(
      idleState,
      form({ shop: "mine", name: "   ", note: "kept", password: "hunter22" }),
    );
    expect(state).toMatchObject({
      status: "error",
      code: "invalid",
      message: "Check the highlighted fields.",
      fieldErrors: { name: "Enter a name." },
      values: { shop: "mine", name: "   ", note: "kept" },
    });
    expect(state.values).not.toHaveProperty("password");
    expect(ran).not.toHaveBeenCalled();
  });

  it("answers a malformed record id as not found, not as a field error", async () => {
    const action = shopAction(
      {
        schema: z.object({ productId: recordId("This product no longer exists.") }),
        permission: "catalog.manage",
      },
      async () => ({ status: "success" }),
    );
    const state = await action(idleState, form({ shop: "mine", productId: "1 or 1=1" }));
    expect(state).toMatchObject({
      code: "not_found",
      message: "This product no longer exists.",
      fieldErrors: {},
    });
  });
});

describe("errors", () => {
  it("maps an AppError to its code, message and field errors", async () => {
    const action = publicAction({ schema: z.object({}) }, async () => {
      throw AppError.conflict("Taken.", { slug: "Another product uses this." });
    });
    expect(await action(idleState, form({ slug: "a" }))).toMatchObject({
      status: "error",
      code: "conflict",
      message: "Taken.",
      fieldErrors: { slug: "Another product uses this." },
      values: { slug: "a" },
    });
    expect(world.logged).toEqual([]);
  });

  it("logs an unexpected error with the request id and shows one generic message", async () => {
    const action = publicAction({ schema: z.object({}) }, async function explodes() {
      throw new Error("connection reset: secret detail");
    });
    const state = await action(idleState, form({}));
    expect(state.status).toBe("error");
    expect(state.code).toBeUndefined();
    expect(state.requestId).toBe("req-12345678-abcd");
    expect(state.message).toMatch(/Something went wrong on our side/);
    expect(state.message).toContain("req-1234");
    expect(state.message).not.toContain("secret detail");
    expect(world.logged).toHaveLength(1);
    expect(world.logged[0]!.obj).toMatchObject({
      requestId: "req-12345678-abcd",
      action: "explodes",
    });
    expect((world.logged[0]!.obj.err as Error).message).toBe("connection reset: secret detail");
  });

  it("redirects after the action, outside its error handling, and lets Next's own signals through", async () => {
    const moves = publicAction({ schema: z.object({}) }, async () => redirectTo("/next"));
    await expect(moves(idleState, form({}))).rejects.toMatchObject({ message: "NEXT_REDIRECT" });
    expect(world.redirects).toEqual(["/next"]);
    const nested = publicAction({ schema: z.object({}) }, async () => {
      const { redirect } = await import("next/navigation");
      redirect("/elsewhere");
      return idleState;
    });
    await expect(nested(idleState, form({}))).rejects.toMatchObject({ message: "NEXT_REDIRECT" });
    expect(world.logged).toEqual([]);
  });

  it("refuses what is not a form before anything runs", async () => {
    const state = await editCatalog(idleState, "nope" as unknown as FormData);
    expect(state).toMatchObject({ status: "error", message: INPUT_MESSAGES.unreadable });
    expect(ran).not.toHaveBeenCalled();
  });

  it("accepts the form alone (`<form action={fn}>`)", async () => {
    const state = await (editCatalog as unknown as (fd: FormData) => Promise<unknown>)(
      form({ shop: "mine", name: "Mugs" }),
    );
    expect(state).toMatchObject({ status: "success" });
  });
});

describe("userAction and adminAction", () => {
  const forUsers = userAction({ schema: z.object({}) }, async ({ user }) => ({
    status: "success",
    message: user.id,
  }));
  const forAdmins = adminAction({ schema: z.object({}) }, async () => ({ status: "success" }));

  it("needs a signed-in user; admin actions need the admin role", async () => {
    expect(await forUsers(idleState, form({}))).toMatchObject({ message: "u1" });
    expect(await forAdmins(idleState, form({}))).toMatchObject({ code: "forbidden" });
    world.user = { id: "a1", role: "admin", email: "a@example.test" };
    expect(await forAdmins(idleState, form({}))).toMatchObject({ status: "success" });
    world.user = null;
    expect(await forUsers(idleState, form({}))).toMatchObject({ code: "unauthenticated" });
    expect(await forAdmins(idleState, form({}))).toMatchObject({ code: "unauthenticated" });
  });

  it("records each action's declaration, and nothing for a function that skips the pipeline", () => {
    expect(declarationOf(editCatalog)).toEqual({ kind: "shop", permission: "catalog.manage" });
    expect(declarationOf(forAdmins)).toEqual({ kind: "admin" });
    expect(declarationOf(forUsers)).toEqual({ kind: "user" });
    expect(declarationOf(async () => idleState)).toBeUndefined();
  });
});
