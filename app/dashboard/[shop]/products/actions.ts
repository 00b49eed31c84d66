"use server";

import { randomUUID } from "node:crypto";
import { z } from "zod";
import {
  addProductImages,
  countProductImages,
  createProduct,
  deleteProduct,
  deleteProductImage,
  freeProductSlug,
  getProductForShop,
  insertProductCopy,
  isUuid,
  moveProductImage,
  saveProductOptions,
  setProductStatus,
  updateImageAlt,
  updateProductDetails,
  updateVariants,
  type NewImage,
  type VariantUpdate,
} from "@/db/queries/catalog";
import { fieldErrorsOf } from "@/lib/actions";
import { recordId, redirectTo, shopAction } from "@/lib/action-pipeline";
import { parsePrices, productDetailsSchema, skuSchema, stockSchema } from "@/lib/catalog/forms";
import { checkImage, EXTENSION, MAX_IMAGES_PER_PRODUCT } from "@/lib/catalog/images";
import { invalidateProduct } from "@/lib/catalog/invalidate";
import { checkOptions, MAX_OPTIONS, planVariants } from "@/lib/catalog/rules";
import { AppError, CHECK_FIELDS } from "@/lib/errors";
import { log } from "@/lib/log";
import { getStorage } from "@/lib/storage";
import { copyImage, deleteImage, storeImage } from "@/lib/storage/process-image";

const NOT_FOUND = "This product no longer exists.";
const IMAGE_GONE = "This image no longer exists.";
const SLUG_TAKEN = { slug: "Another product already uses this URL slug." };
const permission = "catalog.manage";

function productPath(shopSlug: string, productId: string) {
  return `/dashboard/${shopSlug}/products/${productId}`;
}

/** The product named by the form, in the caller's shop. */
async function requireProduct(shopId: string, productId: string) {
  const product = await getProductForShop(shopId, productId);
  if (!product) throw AppError.notFound(NOT_FOUND);
  return product;
}

const productRef = z.object({ productId: recordId(NOT_FOUND) });
const imageRef = z.object({ productId: recordId(IMAGE_GONE), imageId: recordId(IMAGE_GONE) });

/** Details + the single variant's price/SKU/stock, validated together (prices in the shop's currency). */
function parseDetails(values: Record<string, string>, currency: string, withVariant: boolean) {
  const parsed = productDetailsSchema.safeParse(values);
  const errors: Record<string, string> = parsed.success ? {} : fieldErrorsOf(parsed.error);
  let variant: VariantFields | null = null;
  if (withVariant) {
    const prices = parsePrices(values.price ?? "", values.compareAtPrice ?? "", currency);
    if (!prices.ok) Object.assign(errors, prices.errors);
    const sku = skuSchema.safeParse(values.sku ?? "");
    if (!sku.success) errors.sku = sku.error.issues[0]?.message ?? "Invalid SKU.";
    const tracked = values.trackStock === "on" || values.trackStock === "true";
    const stock = tracked
      ? stockSchema.safeParse(values.stock ?? "0")
      : { success: true as const, data: 0 };
    if (!stock.success) errors.stock = stock.error.issues[0]?.message ?? "Invalid stock.";
    if (prices.ok && sku.success && stock.success) {
      variant = { ...prices.value, sku: sku.data, stock: stock.data };
    }
  }
  if (!parsed.success || Object.keys(errors).length > 0) throw AppError.invalid(errors);
  return { details: parsed.data, variant };
}

type VariantFields = {
  price: number;
  compareAtPrice: number | null;
  sku: string | null;
  stock: number;
};

export const createProductAction = shopAction(
  { schema: z.object({}), permission },
  async function createProductAction({ shop, values }) {
    const input = parseDetails(values, shop.currency, true);
    const result = await createProduct(shop.id, { ...input.details, ...input.variant! });
    if (!result.ok) throw AppError.conflict(CHECK_FIELDS, SLUG_TAKEN);
    invalidateProduct(shop.id, [input.details.slug]);
    return redirectTo(`${productPath(shop.slug, result.id)}?notice=created`);
  },
);

export const updateProductAction = shopAction(
  { schema: productRef, permission },
  async function updateProductAction({ shop, input: { productId }, values }) {
    const current = await requireProduct(shop.id, productId);
    const input = parseDetails(values, shop.currency, current.options.length === 0);
    const result = await updateProductDetails(shop.id, productId, input.details, input.variant);
    if (!result.ok) {
      if (result.reason === "slug_taken") throw AppError.conflict(CHECK_FIELDS, SLUG_TAKEN);
      throw AppError.notFound(NOT_FOUND);
    }
    invalidateProduct(shop.id, [result.oldSlug, input.details.slug], result.collectionSlugs);
    return { status: "success", message: "Product saved." };
  },
);

export const saveOptionsAction = shopAction(
  { schema: productRef, permission },
  async function saveOptionsAction({ shop, input: { productId }, values }) {
    const current = await requireProduct(shop.id, productId);
    const rowCount = Math.min(
      Number(values.optionRows ?? MAX_OPTIONS) || MAX_OPTIONS,
      10, // a tampered form cannot make us loop for long
    );
    const rows = Array.from({ length: rowCount }, (_, i) => ({
      name: values[`options.${i}.name`] ?? "",
      values: values[`options.${i}.values`] ?? "",
    }));
    const checked = checkOptions(rows);
    if (!checked.ok) {
      throw AppError.invalid(
        checked.errors,
        checked.errors.options ?? "Check the highlighted options.",
      );
    }
    const plan = planVariants(
      current.options,
      current.variants,
      checked.options,
      current.variants[0]?.price ?? 0,
    );
    const saved = await saveProductOptions(
      shop.id,
      productId,
      checked.options,
      plan.variants,
      current.variants.map((v) => v.id),
    );
    if (!saved) throw AppError.notFound(NOT_FOUND);
    invalidateProduct(shop.id, [current.slug], current.collectionSlugs);
    return {
      status: "success",
      message:
        checked.options.length === 0
          ? "Options removed. The product now has a single variant."
          : `Options saved: ${plan.variants.length} variant${plan.variants.length === 1 ? "" : "s"}.`,
    };
  },
);

export const saveVariantsAction = shopAction(
  { schema: productRef, permission },
  async function saveVariantsAction({ shop, input: { productId }, values, formData }) {
    const current = await requireProduct(shop.id, productId);
    const ids = formData.getAll("variantId").filter((v): v is string => typeof v === "string");
    if (ids.length === 0 || ids.length > 100) throw AppError.invalid({}, "Nothing to save.");
    const errors: Record<string, string> = {};
    const rows: VariantUpdate[] = [];
    for (const id of ids) {
      if (!isUuid(id)) throw AppError.notFound(NOT_FOUND);
      const prices = parsePrices(
        values[`v.${id}.price`] ?? "",
        values[`v.${id}.compareAtPrice`] ?? "",
        shop.currency,
        { price: `v.${id}.price`, compareAtPrice: `v.${id}.compareAtPrice` },
      );
      if (!prices.ok) Object.assign(errors, prices.errors);
      const sku = skuSchema.safeParse(values[`v.${id}.sku`] ?? "");
      if (!sku.success) errors[`v.${id}.sku`] = sku.error.issues[0]?.message ?? "Invalid SKU.";
      const existing = current.variants.find((v) => v.id === id);
      const stock = current.trackStock
        ? stockSchema.safeParse(values[`v.${id}.stock`] ?? "0")
        : { success: true as const, data: existing?.stock ?? 0 };
      if (!stock.success)
        errors[`v.${id}.stock`] = stock.error.issues[0]?.message ?? "Invalid stock.";
      if (prices.ok && sku.success && stock.success) {
        rows.push({ id, ...prices.value, sku: sku.data, stock: stock.data });
      }
    }
    if (Object.keys(errors).length > 0) {
      throw AppError.invalid(errors, "Check the highlighted variants.");
    }
    const ok = await updateVariants(shop.id, productId, rows);
    if (!ok) {
      throw AppError.conflict("These variants changed meanwhile. Reload the page and try again.");
    }
    invalidateProduct(shop.id, [current.slug], current.collectionSlugs);
    return { status: "success", message: "Variants saved." };
  },
);

function imageError(message: string) {
  return AppError.invalid({ images: message }, message);
}

export const uploadImagesAction = shopAction(
  { schema: productRef.extend({ alt: z.string().trim().max(200).catch("") }), permission },
  async function uploadImagesAction({ shop, input: { productId, alt }, formData }) {
    const current = await requireProduct(shop.id, productId);
    const files = formData
      .getAll("images")
      .filter(
        (f): f is File => typeof f === "object" && f !== null && "arrayBuffer" in f && f.size > 0,
      );
    if (files.length === 0) throw imageError("Choose at least one image.");
    const existing = await countProductImages(shop.id, productId);
    if (existing + files.length > MAX_IMAGES_PER_PRODUCT) {
      const left = MAX_IMAGES_PER_PRODUCT - existing;
      throw imageError(
        `A product can have at most ${MAX_IMAGES_PER_PRODUCT} images; you can add ${left} more.`,
      );
    }
    const checked: { bytes: Uint8Array; image: NewImage }[] = [];
    for (const file of files) {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const check = checkImage(bytes);
      if (!check.ok) throw imageError(`${file.name || "A file"}: ${check.error}`);
      checked.push({
        bytes,
        image: {
          storageKey: `shops/${shop.id}/products/${productId}/${randomUUID()}.${EXTENSION[check.type]}`,
          contentType: check.type,
          width: check.width,
          height: check.height,
          alt: alt || current.name,
        },
      });
    }
    // Each image is stored without its metadata (EXIF/GPS) and with its resized variants; its
    // size is the upright one.
    const storage = getStorage();
    const stored: NewImage[] = [];
    for (const [i, c] of checked.entries()) {
      try {
        const size = await storeImage(storage, c.image.storageKey, c.bytes, c.image.contentType);
        stored.push({ ...c.image, ...size });
      } catch (error) {
        log().error({ err: error }, "image processing failed");
        await Promise.all(stored.map((img) => deleteImage(storage, img.storageKey, img.width)));
        throw imageError(
          `${files[i]?.name || "A file"}: This image could not be read. Try another file.`,
        );
      }
    }
    const result = await addProductImages(shop.id, productId, stored, MAX_IMAGES_PER_PRODUCT);
    if (!result.ok) {
      await Promise.all(stored.map((img) => deleteImage(storage, img.storageKey, img.width)));
      if (result.reason === "not_found") throw AppError.notFound(NOT_FOUND);
      throw imageError(`A product can have at most ${MAX_IMAGES_PER_PRODUCT} images.`);
    }
    invalidateProduct(shop.id, [current.slug], current.collectionSlugs);
    return {
      status: "success",
      message: `${checked.length} image${checked.length === 1 ? "" : "s"} uploaded.`,
    };
  },
);

export const updateImageAltAction = shopAction(
  {
    schema: imageRef.extend({
      alt: z.string().trim().max(200, "Use at most 200 characters.").default(""),
    }),
    permission,
  },
  async function updateImageAltAction({ shop, input }) {
    const owner = await updateImageAlt(shop.id, input.productId, input.imageId, input.alt);
    if (!owner) throw AppError.notFound(IMAGE_GONE);
    invalidateProduct(shop.id, [owner.slug]);
    return { status: "success", message: "Alt text saved." };
  },
);

export const moveImageAction = shopAction(
  { schema: imageRef.extend({ direction: z.enum(["up", "down"]) }), permission },
  async function moveImageAction({ shop, input }) {
    const owner = await moveProductImage(shop.id, input.productId, input.imageId, input.direction);
    if (!owner) throw AppError.notFound(IMAGE_GONE);
    invalidateProduct(shop.id, [owner.slug]);
    return { status: "success", message: `Image moved ${input.direction}.` };
  },
);

export const deleteImageAction = shopAction(
  { schema: imageRef, permission },
  async function deleteImageAction({ shop, input }) {
    const owner = await deleteProductImage(shop.id, input.productId, input.imageId);
    if (!owner) throw AppError.notFound(IMAGE_GONE);
    await deleteImage(getStorage(), owner.storageKey, owner.width);
    invalidateProduct(shop.id, [owner.slug]);
    return { status: "success", message: "Image deleted." };
  },
);

export const duplicateProductAction = shopAction(
  { schema: productRef, permission },
  async function duplicateProductAction({ shop, input: { productId } }) {
    const source = await requireProduct(shop.id, productId);
    const slug = await freeProductSlug(shop.id, `${source.slug}-copy`);
    // Copies get their own files so deleting one product never breaks the other's images.
    const storage = getStorage();
    const images: { storageKey: string; from: (typeof source.images)[number] }[] = [];
    for (const img of source.images) {
      const ext = img.storageKey.split(".").pop() ?? "bin";
      const key = `shops/${shop.id}/products/copies/${randomUUID()}.${ext}`;
      if (await copyImage(storage, img.storageKey, key, img.width)) {
        images.push({ storageKey: key, from: img });
      }
    }
    const id = await insertProductCopy(shop.id, source, {
      name: `${source.name} (copy)`.slice(0, 120),
      slug,
      images,
    });
    invalidateProduct(shop.id, [slug]);
    return redirectTo(`${productPath(shop.slug, id)}?notice=duplicated`);
  },
);

const STATUS_DONE = { draft: "moved to drafts", active: "published", archived: "archived" };

export const setProductStatusAction = shopAction(
  {
    schema: productRef.extend({
      status: z.enum(["draft", "active", "archived"], { message: "Choose a status." }),
    }),
    permission,
  },
  async function setProductStatusAction({ shop, input }) {
    const current = await requireProduct(shop.id, input.productId);
    await setProductStatus(shop.id, input.productId, input.status);
    invalidateProduct(shop.id, [current.slug], current.collectionSlugs);
    return { status: "success", message: `Product ${STATUS_DONE[input.status]}.` };
  },
);

export const deleteProductAction = shopAction(
  {
    schema: productRef.extend({
      confirm: z.literal("delete", { message: "Confirm the deletion first." }),
    }),
    permission,
  },
  async function deleteProductAction({ shop, input: { productId } }) {
    const deleted = await deleteProduct(shop.id, productId);
    if (!deleted) throw AppError.notFound(NOT_FOUND);
    await Promise.all(deleted.images.map((i) => deleteImage(getStorage(), i.storageKey, i.width)));
    invalidateProduct(shop.id, [deleted.slug], deleted.collectionSlugs);
    return redirectTo(`/dashboard/${shop.slug}/products?notice=deleted`);
  },
);
