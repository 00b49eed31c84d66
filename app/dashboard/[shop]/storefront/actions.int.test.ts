import { beforeEach, describe, expect, it, vi } from "vitest";
import { findContentPageBySlug, findDesign, listContentPages } from "@/db/queries/storefront";
import { getDb } from "@/db/client";
import { collections } from "@/db/schema";
import { idleState } from "@/lib/actions";
import { contentPagesTag, shopTag } from "@/lib/cache-tags";
import { encodePng } from "@/lib/catalog/png";
import { setStorage, type Storage } from "@/lib/storage";
import { makeShop, makeUser, uniqueSlug } from "@/lib/testing/factories";
import { NO_SUCH_SHOP } from "@/lib/action-pipeline";
import { session } from "@/lib/testing/session";

const tags = vi.hoisted(() => ({ updated: [] as string[] }));
vi.mock("next/cache", () => ({
  updateTag: (tag: string) => void tags.updated.push(tag),
  revalidateTag: vi.fn(),
  refresh: vi.fn(),
}));
vi.mock("next/navigation", () => ({
  redirect: (url: string) => {
    throw Object.assign(new Error("NEXT_REDIRECT"), { url });
  },
}));

const files = new Map<string, { bytes: Uint8Array; contentType: string }>();
const memoryStorage: Storage = {
  put: async (key, bytes, contentType) => void files.set(key, { bytes, contentType }),
  get: async (key) => files.get(key) ?? null,
  delete: async (key) => void files.delete(key),
  url: (key) => `/api/images/${key}`,
};
setStorage(memoryStorage);

const {
  createContentPageAction,
  deleteContentPageAction,
  saveDesignAction,
  updateContentPageAction,
} = await import("./actions");

function form(values: Record<string, string | Blob>) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(values)) fd.set(k, v);
  return fd;
}

const design = {
  brandColor: "#0F766E",
  accentColor: "#be123c",
  fontPairing: "editorial",
  cornerStyle: "sharp",
  heroHeadline: "Roasted this week",
  heroText: "Small batches from Kona.",
  heroCtaLabel: "Shop coffee",
  heroCtaHref: "/s/x/search",
  featuredCollectionId: "",
  announcement: "Free shipping over $40",
  footerLabel0: "Instagram",
  footerHref0: "https://instagram.com/kai",
};

async function merchantWithShop() {
  const user = await makeUser();
  const shop = await makeShop(user.id);
  session.user = user;
  return { user, shop };
}

describe("saveDesignAction", () => {
  beforeEach(() => {
    session.user = null;
    tags.updated = [];
  });

  it("saves the design and invalidates the storefront", async () => {
    const { shop } = await merchantWithShop();
    const state = await saveDesignAction(idleState, form({ shop: shop.slug, ...design }));
    expect(state.status).toBe("success");
    expect(await findDesign(shop.id)).toMatchObject({
      brandColor: "#0f766e",
      fontPairing: "editorial",
      cornerStyle: "sharp",
      heroHeadline: "Roasted this week",
      announcement: "Free shipping over $40",
      footerLinks: [{ label: "Instagram", href: "https://instagram.com/kai" }],
    });
    expect(tags.updated).toEqual([shopTag(shop.id)]);
  });

  it("refuses another merchant's shop and anonymous callers", async () => {
    const { shop } = await merchantWithShop();
    session.user = await makeUser();
    const state = await saveDesignAction(idleState, form({ shop: shop.slug, ...design }));
    expect(state).toMatchObject({ code: "forbidden", message: NO_SUCH_SHOP });
    session.user = null;
    expect((await saveDesignAction(idleState, form({ shop: shop.slug, ...design }))).status).toBe(
      "error",
    );
    expect((await findDesign(shop.id)).heroHeadline).toBe("");
    expect(tags.updated).toEqual([]);
  });

  it("shows field errors for invalid colours, fonts and links and saves nothing", async () => {
    const { shop } = await merchantWithShop();
    const state = await saveDesignAction(
      idleState,
      form({
        shop: shop.slug,
        ...design,
        brandColor: "teal",
        accentColor: "#ggg000",
        fontPairing: "papyrus",
        heroCtaHref: "javascript:alert(1)",
        footerHref0: "",
      }),
    );
    expect(state.fieldErrors).toMatchObject({
      brandColor: expect.stringMatching(/hex digits/),
      accentColor: expect.any(String),
      fontPairing: "Choose a font pairing from the list.",
      heroCtaHref: expect.any(String),
      footerHref0: "Add where this link goes.",
    });
    expect(state.values?.brandColor).toBe("teal");
    expect((await findDesign(shop.id)).brandColor).toBe("#1f2937");
  });

  it("only features the merchant's own collections", async () => {
    const { shop } = await merchantWithShop();
    const otherOwner = await makeUser();
    const otherShop = await makeShop(otherOwner.id);
    const [foreign] = await getDb()
      .insert(collections)
      .values({ shopId: otherShop.id, slug: uniqueSlug("c"), name: "Theirs" })
      .returning();
    const [own] = await getDb()
      .insert(collections)
      .values({ shopId: shop.id, slug: uniqueSlug("c"), name: "Ours" })
      .returning();
    const refused = await saveDesignAction(
      idleState,
      form({ shop: shop.slug, ...design, featuredCollectionId: foreign!.id }),
    );
    expect(refused.fieldErrors?.featuredCollectionId).toBe("Choose one of your collections.");
    await saveDesignAction(
      idleState,
      form({ shop: shop.slug, ...design, featuredCollectionId: own!.id }),
    );
    expect((await findDesign(shop.id)).featuredCollectionId).toBe(own!.id);
  });

  it("stores an uploaded logo, rejects a fake image, and removes it on request", async () => {
    const { shop } = await merchantWithShop();
    const png = encodePng(4, 4, () => [15, 118, 110, 255]);
    const ok = await saveDesignAction(
      idleState,
      form({
        shop: shop.slug,
        ...design,
        logo: new File([new Uint8Array(png)], "logo.png", { type: "image/png" }),
      }),
    );
    expect(ok.status).toBe("success");
    const key = (await findDesign(shop.id)).logoStorageKey;
    expect(key).toMatch(new RegExp(`^shops/${shop.id}/storefront/logo-[0-9a-f]+\\.png$`));
    expect(files.has(key!)).toBe(true);
    // Variants like product images (standard widths: a logo's width is not recorded).
    for (const v of ["w320.avif", "w640.webp", "w1280.png"])
      expect(files.has(`${key}.${v}`), v).toBe(true);

    const fake = await saveDesignAction(
      idleState,
      form({
        shop: shop.slug,
        ...design,
        logo: new File(["<svg onload=alert(1)>"], "logo.png", { type: "image/png" }),
      }),
    );
    expect(fake.fieldErrors?.logo).toMatch(/JPEG, PNG, WebP or GIF/);
    expect((await findDesign(shop.id)).logoStorageKey).toBe(key);

    await saveDesignAction(idleState, form({ shop: shop.slug, ...design, removeLogo: "1" }));
    expect((await findDesign(shop.id)).logoStorageKey).toBeNull();
    expect([...files.keys()].filter((k) => k.startsWith(key!))).toEqual([]);
  });
});

describe("content page actions", () => {
  beforeEach(() => {
    session.user = null;
    tags.updated = [];
  });

  it("creates, edits and deletes a page, invalidating the pages tag", async () => {
    const { shop } = await merchantWithShop();
    await expect(
      createContentPageAction(
        idleState,
        form({ shop: shop.slug, title: "Shipping & returns", slug: "shipping", body: "# Fast" }),
      ),
    ).rejects.toMatchObject({ url: `/dashboard/${shop.slug}/storefront?page=created` });
    const page = await findContentPageBySlug(shop.id, "shipping");
    expect(page).toMatchObject({ title: "Shipping & returns", body: "# Fast" });

    const updated = await updateContentPageAction(
      idleState,
      form({
        shop: shop.slug,
        id: page!.id,
        title: "Shipping",
        slug: "shipping-returns",
        body: "x",
      }),
    );
    expect(updated.status).toBe("success");
    expect(await findContentPageBySlug(shop.id, "shipping")).toBeNull();
    expect(await findContentPageBySlug(shop.id, "shipping-returns")).not.toBeNull();

    await expect(
      deleteContentPageAction(idleState, form({ shop: shop.slug, id: page!.id })),
    ).rejects.toMatchObject({ url: `/dashboard/${shop.slug}/storefront?page=deleted` });
    expect(await listContentPages(shop.id)).toEqual([]);
    expect(tags.updated).toEqual([
      contentPagesTag(shop.id),
      contentPagesTag(shop.id),
      contentPagesTag(shop.id),
    ]);
  });

  it("rejects bad and duplicate slugs next to the field", async () => {
    const { shop } = await merchantWithShop();
    const bad = await createContentPageAction(
      idleState,
      form({ shop: shop.slug, title: "", slug: "About Us!", body: "" }),
    );
    expect(bad.fieldErrors).toMatchObject({
      title: "Give the page a title.",
      slug: "Use only lowercase letters, digits and hyphens.",
    });
    await createContentPageAction(
      idleState,
      form({ shop: shop.slug, title: "A", slug: "about", body: "" }),
    ).catch(() => {});
    const dup = await createContentPageAction(
      idleState,
      form({ shop: shop.slug, title: "B", slug: "about", body: "" }),
    );
    expect(dup.fieldErrors?.slug).toBe("Another page already uses this address.");
    expect(await listContentPages(shop.id)).toHaveLength(1);
  });

  it("never touches another merchant's pages", async () => {
    const { shop } = await merchantWithShop();
    await createContentPageAction(
      idleState,
      form({ shop: shop.slug, title: "About", slug: "about", body: "ours" }),
    ).catch(() => {});
    const page = await findContentPageBySlug(shop.id, "about");
    const intruder = await makeUser();
    const intruderShop = await makeShop(intruder.id);
    session.user = intruder;
    // Their own shop slug with our page id: the page is not found in their shop.
    const edit = await updateContentPageAction(
      idleState,
      form({ shop: intruderShop.slug, id: page!.id, title: "Hacked", slug: "about", body: "x" }),
    );
    expect(edit.message).toBe("This page does not exist.");
    const del = await deleteContentPageAction(idleState, form({ shop: shop.slug, id: page!.id }));
    expect(del).toMatchObject({ code: "forbidden", message: NO_SUCH_SHOP });
    expect(await findContentPageBySlug(shop.id, "about")).toMatchObject({ body: "ours" });
  });
});
