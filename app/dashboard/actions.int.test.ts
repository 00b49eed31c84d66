import { beforeEach, describe, expect, it, vi } from "vitest";
import { listShopsForUser } from "@/db/queries/shops";
import { idleState } from "@/lib/actions";
import { makeShop, makeUser, uniqueSlug } from "@/lib/testing/factories";
import { session } from "@/lib/testing/session";

vi.mock("next/navigation", () => ({
  redirect: (url: string) => {
    throw Object.assign(new Error("NEXT_REDIRECT"), { url });
  },
}));

const { createShopAction } = await import("./actions");

function form(values: Record<string, string>) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(values)) fd.set(k, v);
  return fd;
}

describe("createShopAction", () => {
  beforeEach(() => {
    session.user = null;
  });

  it("refuses an anonymous caller and creates nothing", async () => {
    const state = await createShopAction(
      idleState,
      form({ name: "X", slug: uniqueSlug(), currency: "USD", country: "US" }),
    );
    expect(state.status).toBe("error");
    expect(state.message).toMatch(/Sign in/);
  });

  it("shows field errors for invalid input and creates nothing", async () => {
    const user = await makeUser();
    session.user = user;
    const state = await createShopAction(
      idleState,
      form({ name: "", slug: "Bad Slug", currency: "XXX", country: "US" }),
    );
    expect(state.fieldErrors).toMatchObject({
      name: expect.any(String),
      slug: "Use only lowercase letters, digits and hyphens.",
      currency: "Choose a currency from the list.",
    });
    expect(state.values?.slug).toBe("Bad Slug");
    expect(await listShopsForUser(user.id)).toEqual([]);
  });

  it("refuses a reserved and a taken slug next to the field", async () => {
    const other = await makeUser();
    const taken = await makeShop(other.id);
    const user = await makeUser();
    session.user = user;
    const reserved = await createShopAction(
      idleState,
      form({ name: "Admin", slug: "admin", currency: "USD", country: "US" }),
    );
    expect(reserved.fieldErrors?.slug).toMatch(/reserved/);
    const dup = await createShopAction(
      idleState,
      form({ name: "Dup", slug: taken.slug, currency: "USD", country: "US" }),
    );
    expect(dup.fieldErrors?.slug).toMatch(/already taken/);
    expect(await listShopsForUser(user.id)).toEqual([]);
  });

  it("creates the shop and redirects to its dashboard", async () => {
    const user = await makeUser();
    session.user = user;
    const slug = uniqueSlug();
    await expect(
      createShopAction(
        idleState,
        form({ name: "Kai's Coffee", slug, currency: "EUR", country: "FR" }),
      ),
    ).rejects.toMatchObject({ url: `/dashboard/${slug}` });
    expect((await listShopsForUser(user.id)).map((s) => s.slug)).toEqual([slug]);
  });
});
