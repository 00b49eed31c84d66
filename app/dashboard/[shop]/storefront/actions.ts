"use server";

import { randomBytes } from "node:crypto";
import { updateTag } from "next/cache";
import { z } from "zod";
import {
  collectionBelongsToShop,
  contentSlugTaken,
  createContentPage,
  deleteContentPage,
  findDesign,
  saveDesign,
  updateContentPage,
} from "@/db/queries/storefront";
import { fieldErrorsOf } from "@/lib/actions";
import { recordId, redirectTo, shopAction } from "@/lib/action-pipeline";
import { contentPagesTag, shopTag } from "@/lib/cache-tags";
import { checkImage, EXTENSION } from "@/lib/catalog/images";
import { AppError, CHECK_FIELDS } from "@/lib/errors";
import { log } from "@/lib/log";
import { getStorage } from "@/lib/storage";
import { deleteImage, storeImage } from "@/lib/storage/process-image";
import { contentPageSchema, designSchema, parseFooterLinks } from "@/lib/storefront/design-rules";

const permission = "storefront.design";
const PAGE_GONE = "This page does not exist.";
const SLUG_TAKEN = { slug: "Another page already uses this address." };
const pageRef = z.object({ id: recordId(PAGE_GONE) });

async function readUpload(value: FormDataEntryValue | null) {
  if (!value || typeof value === "string" || value.size === 0) return null;
  const bytes = new Uint8Array(await value.arrayBuffer());
  const check = checkImage(bytes);
  return check.ok ? { ok: true as const, bytes, type: check.type } : check;
}

export const saveDesignAction = shopAction(
  // Colours, fonts, links and uploads are checked together below, so every problem shows at once.
  { schema: z.object({}), permission },
  async function saveDesignAction({ shop, values: raw, formData }) {
    const parsed = designSchema.safeParse(raw);
    const footer = parseFooterLinks(raw);
    const fieldErrors = {
      ...(parsed.success ? {} : fieldErrorsOf(parsed.error)),
      ...footer.errors,
    };
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
      throw AppError.invalid(fieldErrors, "Please fix the highlighted fields.");

    const current = await findDesign(shop.id);
    const storage = getStorage();
    // Stored without metadata (EXIF/GPS) and with resized variants, like product images.
    async function store(kind: string, upload: typeof logo) {
      if (!upload || !upload.ok) return null;
      const key = `shops/${shop.id}/storefront/${kind}-${randomBytes(8).toString("hex")}.${EXTENSION[upload.type]}`;
      try {
        await storeImage(storage, key, upload.bytes, upload.type, { widthRecorded: false });
      } catch (error) {
        log().error({ err: error }, "image processing failed");
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
      throw AppError.invalid(
        {
          ...(unreadable(storedLogo) ? { logo: msg } : {}),
          ...(unreadable(storedHero) ? { heroImage: msg } : {}),
        },
        "Please fix the highlighted fields.",
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
  },
);

export const createContentPageAction = shopAction(
  { schema: contentPageSchema, permission },
  async function createContentPageAction({ shop, input }) {
    if (await contentSlugTaken(shop.id, input.slug))
      throw AppError.conflict(CHECK_FIELDS, SLUG_TAKEN);
    const created = await createContentPage(shop.id, input);
    if (!created) throw AppError.conflict(CHECK_FIELDS, SLUG_TAKEN);
    updateTag(contentPagesTag(shop.id));
    return redirectTo(`/dashboard/${shop.slug}/storefront?page=created`);
  },
);

export const updateContentPageAction = shopAction(
  { schema: pageRef.extend(contentPageSchema.shape), permission },
  async function updateContentPageAction({ shop, input: { id, ...page } }) {
    if (await contentSlugTaken(shop.id, page.slug, id))
      throw AppError.conflict(CHECK_FIELDS, SLUG_TAKEN);
    const updated = await updateContentPage(shop.id, id, page);
    if (!updated) throw AppError.notFound(PAGE_GONE);
    updateTag(contentPagesTag(shop.id));
    return { status: "success", message: "Page saved.", values: page };
  },
);

export const deleteContentPageAction = shopAction(
  { schema: pageRef, permission },
  async function deleteContentPageAction({ shop, input }) {
    const deleted = await deleteContentPage(shop.id, input.id);
    if (!deleted) throw AppError.notFound(PAGE_GONE);
    updateTag(contentPagesTag(shop.id));
    return redirectTo(`/dashboard/${shop.slug}/storefront?page=deleted`);
  },
);
