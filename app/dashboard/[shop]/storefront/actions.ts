"use server";

import { randomBytes } from "node:crypto";
import { updateTag } from "next/cache";
import { redirect } from "next/navigation";
import {
  collectionBelongsToShop,
  contentSlugTaken,
  createContentPage,
  deleteContentPage,
  findDesign,
  saveDesign,
  updateContentPage,
} from "@/db/queries/storefront";
import { errorState, fieldErrorsOf, formObject, type ActionState, formAction } from "@/lib/actions";
import { loadShopForAction } from "@/lib/auth/session";
import { contentPagesTag, shopTag } from "@/lib/cache-tags";
import { checkImage, EXTENSION } from "@/lib/catalog/images";
import { getStorage } from "@/lib/storage";
import { deleteImage, storeImage } from "@/lib/storage/process-image";
import { contentPageSchema, designSchema, parseFooterLinks } from "@/lib/storefront/design-rules";
import { isUuid } from "@/db/queries/catalog";

const NO_ACCESS = "You do not have access to this shop, or your session has ended.";

async function readUpload(value: FormDataEntryValue | null) {
  if (!value || typeof value === "string" || value.size === 0) return null;
  const bytes = new Uint8Array(await value.arrayBuffer());
  const check = checkImage(bytes);
  return check.ok ? { ok: true as const, bytes, type: check.type } : check;
}

export const saveDesignAction = formAction(async function saveDesignAction(
  _prev: ActionState,
  formData: FormData,
): Promise<ActionState> {
  const raw = formObject(formData);
  const ctx = await loadShopForAction(raw.shop);
  if (!ctx) return errorState(NO_ACCESS, {}, raw);
  const { shop } = ctx;

  const parsed = designSchema.safeParse(raw);
  const footer = parseFooterLinks(raw);
  const fieldErrors = { ...(parsed.success ? {} : fieldErrorsOf(parsed.error)), ...footer.errors };
  const logo = await readUpload(formData.get("logo"));
  if (logo && !logo.ok) fieldErrors.logo = logo.error;
  const heroImage = await readUpload(formData.get("heroImage"));
  if (heroImage && !heroImage.ok) fieldErrors.heroImage = heroImage.error;
  if (
    parsed.success &&
    parsed.data.featuredCollectionId &&
    !(await collectionBelongsToShop(shop.id, parsed.data.featuredCollectionId))
  )
    fieldErrors.featuredCollectionId = "Choose one of your collections.";
  if (!parsed.success || Object.keys(fieldErrors).length > 0)
    return errorState("Please fix the highlighted fields.", fieldErrors, raw);

  const current = await findDesign(shop.id);
  const storage = getStorage();
  // Stored without metadata (EXIF/GPS) and with resized variants, like product images.
  async function store(kind: string, upload: typeof logo) {
    if (!upload || !upload.ok) return null;
    const key = `shops/${shop.id}/storefront/${kind}-${randomBytes(8).toString("hex")}.${EXTENSION[upload.type]}`;
    try {
      await storeImage(storage, key, upload.bytes, upload.type, { widthRecorded: false });
    } catch (error) {
      console.error("image processing failed", error);
      await deleteImage(storage, key, null);
      return { unreadable: true as const };
    }
    return key;
  }
  const storedLogo = await store("logo", logo);
  const storedHero = await store("hero", heroImage);
  const unreadable = (v: typeof storedLogo) => v !== null && typeof v === "object";
  if (unreadable(storedLogo) || unreadable(storedHero)) {
    for (const k of [storedLogo, storedHero])
      if (typeof k === "string") await deleteImage(storage, k, null);
    const msg = "This image could not be read. Try another file.";
    return errorState(
      "Please fix the highlighted fields.",
      {
        ...(unreadable(storedLogo) ? { logo: msg } : {}),
        ...(unreadable(storedHero) ? { heroImage: msg } : {}),
      },
      raw,
    );
  }
  const newLogo = typeof storedLogo === "string" ? storedLogo : null;
  const newHero = typeof storedHero === "string" ? storedHero : null;
  const logoKey = newLogo ?? (raw.removeLogo === "1" ? null : current.logoStorageKey);
  const heroKey = newHero ?? (raw.removeHeroImage === "1" ? null : current.heroImageStorageKey);

  await saveDesign(shop.id, {
    ...parsed.data,
    featuredCollectionId: parsed.data.featuredCollectionId || null,
    footerLinks: footer.links,
    logoStorageKey: logoKey,
    heroImageStorageKey: heroKey,
  });
  // Replaced images are no longer referenced anywhere.
  for (const [before, after] of [
    [current.logoStorageKey, logoKey],
    [current.heroImageStorageKey, heroKey],
  ] as const) {
    if (before && before !== after) await deleteImage(storage, before, null).catch(() => {});
  }
  updateTag(shopTag(shop.id));
  return { status: "success", message: "Design saved. Your storefront shows it now." };
});

function pageValues(raw: Record<string, string>) {
  return { title: raw.title ?? "", slug: raw.slug ?? "", body: raw.body ?? "" };
}

const SLUG_TAKEN = "Another page already uses this address.";

export const createContentPageAction = formAction(async function createContentPageAction(
  _prev: ActionState,
  formData: FormData,
): Promise<ActionState> {
  const raw = formObject(formData);
  const values = pageValues(raw);
  const ctx = await loadShopForAction(raw.shop);
  if (!ctx) return errorState(NO_ACCESS, {}, values);
  const parsed = contentPageSchema.safeParse(values);
  if (!parsed.success) return errorState(undefined, fieldErrorsOf(parsed.error), values);
  if (await contentSlugTaken(ctx.shop.id, parsed.data.slug))
    return errorState(undefined, { slug: SLUG_TAKEN }, values);
  const created = await createContentPage(ctx.shop.id, parsed.data);
  if (!created) return errorState(undefined, { slug: SLUG_TAKEN }, values);
  updateTag(contentPagesTag(ctx.shop.id));
  redirect(`/dashboard/${ctx.shop.slug}/storefront?page=created`);
});

export const updateContentPageAction = formAction(async function updateContentPageAction(
  _prev: ActionState,
  formData: FormData,
): Promise<ActionState> {
  const raw = formObject(formData);
  const values = pageValues(raw);
  const ctx = await loadShopForAction(raw.shop);
  if (!ctx) return errorState(NO_ACCESS, {}, values);
  const id = raw.id ?? "";
  if (!isUuid(id)) return errorState("This page does not exist.", {}, values);
  const parsed = contentPageSchema.safeParse(values);
  if (!parsed.success) return errorState(undefined, fieldErrorsOf(parsed.error), values);
  if (await contentSlugTaken(ctx.shop.id, parsed.data.slug, id))
    return errorState(undefined, { slug: SLUG_TAKEN }, values);
  const updated = await updateContentPage(ctx.shop.id, id, parsed.data);
  if (!updated) return errorState("This page does not exist.", {}, values);
  updateTag(contentPagesTag(ctx.shop.id));
  return { status: "success", message: "Page saved.", values: parsed.data };
});

export const deleteContentPageAction = formAction(async function deleteContentPageAction(
  _prev: ActionState,
  formData: FormData,
): Promise<ActionState> {
  const raw = formObject(formData);
  const ctx = await loadShopForAction(raw.shop);
  if (!ctx) return errorState(NO_ACCESS);
  const id = raw.id ?? "";
  if (!isUuid(id)) return errorState("This page does not exist.");
  const deleted = await deleteContentPage(ctx.shop.id, id);
  if (!deleted) return errorState("This page does not exist.");
  updateTag(contentPagesTag(ctx.shop.id));
  redirect(`/dashboard/${ctx.shop.slug}/storefront?page=deleted`);
});
