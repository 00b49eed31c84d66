"use server";

import { randomUUID } from "node:crypto";
import { redirect } from "next/navigation";
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
import { errorState, fieldErrorsOf, formObject, type ActionState, formAction } from "@/lib/actions";
import { loadShopForAction } from "@/lib/auth/session";
import { parsePrices, productDetailsSchema, skuSchema, stockSchema } from "@/lib/catalog/forms";
import { checkImage, EXTENSION, MAX_IMAGES_PER_PRODUCT } from "@/lib/catalog/images";
import { invalidateProduct } from "@/lib/catalog/invalidate";
import { checkOptions, MAX_OPTIONS, planVariants } from "@/lib/catalog/rules";
import { getStorage } from "@/lib/storage";
import { copyImage, deleteImage, storeImage } from "@/lib/storage/process-image";

const NO_ACCESS = "You do not have access to this shop. Sign in again.";
const NOT_FOUND = "This product no longer exists.";

function productPath(shopSlug: string, productId: string) {
  return `/dashboard/${shopSlug}/products/${productId}`;
}

async function load(formData: FormData) {
  return loadShopForAction(formData.get("shop"));
}

/** The caller's shop and the product named by the form's `productId`, or the error to show. */
async function loadProduct(formData: FormData) {
  const ctx = await load(formData);
  if (!ctx) return { ok: false as const, state: errorState(NO_ACCESS) };
  const productId = formData.get("productId");
  if (!isUuid(productId)) return { ok: false as const, state: errorState(NOT_FOUND) };
  const product = await getProductForShop(ctx.shop.id, productId);
  if (!product) return { ok: false as const, state: errorState(NOT_FOUND) };
  return { ok: true as const, ctx, productId, product };
}

/** Details + the single variant's price/SKU/stock, validated together. */
function parseDetails(formData: FormData, currency: string, withVariant: boolean) {
  const values = formObject(formData);
  const parsed = productDetailsSchema.safeParse(values);
  const errors: Record<string, string> = parsed.success ? {} : fieldErrorsOf(parsed.error);
  let variant: {
    price: number;
    compareAtPrice: number | null;
    sku: string | null;
    stock: number;
  } | null = null;
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
  if (!parsed.success || Object.keys(errors).length > 0) {
    return {
      ok: false as const,
      state: errorState("Check the highlighted fields.", errors, values),
    };
  }
  return { ok: true as const, details: parsed.data, variant, values };
}

export const createProductAction = formAction(async function createProductAction(
  _prev: ActionState,
  formData: FormData,
): Promise<ActionState> {
  const ctx = await load(formData);
  if (!ctx) return errorState(NO_ACCESS);
  const input = parseDetails(formData, ctx.shop.currency, true);
  if (!input.ok) return input.state;
  if (!input.variant) return errorState("Check the highlighted fields.");
  const result = await createProduct(ctx.shop.id, { ...input.details, ...input.variant });
  if (!result.ok) {
    return errorState(
      "Check the highlighted fields.",
      { slug: "Another product already uses this URL slug." },
      input.values,
    );
  }
  invalidateProduct(ctx.shop.id, [input.details.slug]);
  redirect(`${productPath(ctx.shop.slug, result.id)}?notice=created`);
});

export const updateProductAction = formAction(async function updateProductAction(
  _prev: ActionState,
  formData: FormData,
): Promise<ActionState> {
  const loaded = await loadProduct(formData);
  if (!loaded.ok) return loaded.state;
  const { ctx, productId, product: current } = loaded;
  const input = parseDetails(formData, ctx.shop.currency, current.options.length === 0);
  if (!input.ok) return input.state;
  const result = await updateProductDetails(ctx.shop.id, productId, input.details, input.variant);
  if (!result.ok) {
    return result.reason === "slug_taken"
      ? errorState(
          "Check the highlighted fields.",
          { slug: "Another product already uses this URL slug." },
          input.values,
        )
      : errorState(NOT_FOUND);
  }
  invalidateProduct(ctx.shop.id, [result.oldSlug, input.details.slug], result.collectionSlugs);
  return { status: "success", message: "Product saved." };
});

export const saveOptionsAction = formAction(async function saveOptionsAction(
  _prev: ActionState,
  formData: FormData,
): Promise<ActionState> {
  const loaded = await loadProduct(formData);
  if (!loaded.ok) return loaded.state;
  const { ctx, productId, product: current } = loaded;
  const values = formObject(formData);
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
    return errorState(
      checked.errors.options ?? "Check the highlighted options.",
      checked.errors,
      values,
    );
  }
  const plan = planVariants(
    current.options,
    current.variants,
    checked.options,
    current.variants[0]?.price ?? 0,
  );
  const saved = await saveProductOptions(
    ctx.shop.id,
    productId,
    checked.options,
    plan.variants,
    current.variants.map((v) => v.id),
  );
  if (!saved) return errorState(NOT_FOUND);
  invalidateProduct(ctx.shop.id, [current.slug], current.collectionSlugs);
  return {
    status: "success",
    message:
      checked.options.length === 0
        ? "Options removed. The product now has a single variant."
        : `Options saved: ${plan.variants.length} variant${plan.variants.length === 1 ? "" : "s"}.`,
  };
});

export const saveVariantsAction = formAction(async function saveVariantsAction(
  _prev: ActionState,
  formData: FormData,
): Promise<ActionState> {
  const loaded = await loadProduct(formData);
  if (!loaded.ok) return loaded.state;
  const { ctx, productId, product: current } = loaded;
  const values = formObject(formData);
  const ids = formData.getAll("variantId").filter((v): v is string => typeof v === "string");
  if (ids.length === 0 || ids.length > 100) return errorState("Nothing to save.");
  const errors: Record<string, string> = {};
  const rows: VariantUpdate[] = [];
  for (const id of ids) {
    if (!isUuid(id)) return errorState(NOT_FOUND);
    const prices = parsePrices(
      values[`v.${id}.price`] ?? "",
      values[`v.${id}.compareAtPrice`] ?? "",
      ctx.shop.currency,
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
    return errorState("Check the highlighted variants.", errors, values);
  }
  const ok = await updateVariants(ctx.shop.id, productId, rows);
  if (!ok) return errorState("These variants changed meanwhile. Reload the page and try again.");
  invalidateProduct(ctx.shop.id, [current.slug], current.collectionSlugs);
  return { status: "success", message: "Variants saved." };
});

export const uploadImagesAction = formAction(async function uploadImagesAction(
  _prev: ActionState,
  formData: FormData,
): Promise<ActionState> {
  const loaded = await loadProduct(formData);
  if (!loaded.ok) return loaded.state;
  const { ctx, productId, product: current } = loaded;
  const files = formData
    .getAll("images")
    .filter(
      (f): f is File => typeof f === "object" && f !== null && "arrayBuffer" in f && f.size > 0,
    );
  if (files.length === 0)
    return errorState("Choose at least one image.", { images: "Choose at least one image." });
  const existing = await countProductImages(ctx.shop.id, productId);
  if (existing + files.length > MAX_IMAGES_PER_PRODUCT) {
    const left = MAX_IMAGES_PER_PRODUCT - existing;
    const msg = `A product can have at most ${MAX_IMAGES_PER_PRODUCT} images; you can add ${left} more.`;
    return errorState(msg, { images: msg });
  }
  const altText = z
    .string()
    .trim()
    .max(200)
    .safeParse(formData.get("alt") ?? "");
  const checked: { bytes: Uint8Array; image: NewImage }[] = [];
  for (const file of files) {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const check = checkImage(bytes);
    if (!check.ok) {
      const msg = `${file.name || "A file"}: ${check.error}`;
      return errorState(msg, { images: msg });
    }
    checked.push({
      bytes,
      image: {
        storageKey: `shops/${ctx.shop.id}/products/${productId}/${randomUUID()}.${EXTENSION[check.type]}`,
        contentType: check.type,
        width: check.width,
        height: check.height,
        alt: (altText.success && altText.data) || current.name,
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
      console.error("image processing failed", error);
      await Promise.all(stored.map((img) => deleteImage(storage, img.storageKey, img.width)));
      const msg = `${files[i]?.name || "A file"}: This image could not be read. Try another file.`;
      return errorState(msg, { images: msg });
    }
  }
  const result = await addProductImages(ctx.shop.id, productId, stored, MAX_IMAGES_PER_PRODUCT);
  if (!result.ok) {
    await Promise.all(stored.map((img) => deleteImage(storage, img.storageKey, img.width)));
    if (result.reason === "not_found") return errorState(NOT_FOUND);
    const msg = `A product can have at most ${MAX_IMAGES_PER_PRODUCT} images.`;
    return errorState(msg, { images: msg });
  }
  invalidateProduct(ctx.shop.id, [current.slug], current.collectionSlugs);
  return {
    status: "success",
    message: `${checked.length} image${checked.length === 1 ? "" : "s"} uploaded.`,
  };
});

const imageRef = z.object({ productId: z.uuid(), imageId: z.uuid() });

export const updateImageAltAction = formAction(async function updateImageAltAction(
  _prev: ActionState,
  formData: FormData,
): Promise<ActionState> {
  const ctx = await load(formData);
  if (!ctx) return errorState(NO_ACCESS);
  const ref = imageRef.safeParse(formObject(formData));
  if (!ref.success) return errorState("This image no longer exists.");
  const alt = z
    .string()
    .trim()
    .max(200, "Use at most 200 characters.")
    .safeParse(formData.get("alt") ?? "");
  if (!alt.success) {
    return errorState(alt.error.issues[0]?.message, { alt: alt.error.issues[0]?.message ?? "" });
  }
  const owner = await updateImageAlt(ctx.shop.id, ref.data.productId, ref.data.imageId, alt.data);
  if (!owner) return errorState("This image no longer exists.");
  invalidateProduct(ctx.shop.id, [owner.slug]);
  return { status: "success", message: "Alt text saved." };
});

export const moveImageAction = formAction(async function moveImageAction(
  _prev: ActionState,
  formData: FormData,
): Promise<ActionState> {
  const ctx = await load(formData);
  if (!ctx) return errorState(NO_ACCESS);
  const ref = imageRef
    .extend({ direction: z.enum(["up", "down"]) })
    .safeParse(formObject(formData));
  if (!ref.success) return errorState("This image no longer exists.");
  const owner = await moveProductImage(
    ctx.shop.id,
    ref.data.productId,
    ref.data.imageId,
    ref.data.direction,
  );
  if (!owner) return errorState("This image no longer exists.");
  invalidateProduct(ctx.shop.id, [owner.slug]);
  return { status: "success", message: `Image moved ${ref.data.direction}.` };
});

export const deleteImageAction = formAction(async function deleteImageAction(
  _prev: ActionState,
  formData: FormData,
): Promise<ActionState> {
  const ctx = await load(formData);
  if (!ctx) return errorState(NO_ACCESS);
  const ref = imageRef.safeParse(formObject(formData));
  if (!ref.success) return errorState("This image no longer exists.");
  const owner = await deleteProductImage(ctx.shop.id, ref.data.productId, ref.data.imageId);
  if (!owner) return errorState("This image no longer exists.");
  await deleteImage(getStorage(), owner.storageKey, owner.width);
  invalidateProduct(ctx.shop.id, [owner.slug]);
  return { status: "success", message: "Image deleted." };
});

export const duplicateProductAction = formAction(async function duplicateProductAction(
  _prev: ActionState,
  formData: FormData,
): Promise<ActionState> {
  const loaded = await loadProduct(formData);
  if (!loaded.ok) return loaded.state;
  const { ctx, product: source } = loaded;
  const slug = await freeProductSlug(ctx.shop.id, `${source.slug}-copy`);
  // Copies get their own files so deleting one product never breaks the other's images.
  const storage = getStorage();
  const images: { storageKey: string; from: (typeof source.images)[number] }[] = [];
  for (const img of source.images) {
    const ext = img.storageKey.split(".").pop() ?? "bin";
    const key = `shops/${ctx.shop.id}/products/copies/${randomUUID()}.${ext}`;
    if (await copyImage(storage, img.storageKey, key, img.width))
      images.push({ storageKey: key, from: img });
  }
  const id = await insertProductCopy(ctx.shop.id, source, {
    name: `${source.name} (copy)`.slice(0, 120),
    slug,
    images,
  });
  invalidateProduct(ctx.shop.id, [slug]);
  redirect(`${productPath(ctx.shop.slug, id)}?notice=duplicated`);
});

export const setProductStatusAction = formAction(async function setProductStatusAction(
  _prev: ActionState,
  formData: FormData,
): Promise<ActionState> {
  const ctx = await load(formData);
  if (!ctx) return errorState(NO_ACCESS);
  const input = z
    .object({ productId: z.uuid(), status: z.enum(["draft", "active", "archived"]) })
    .safeParse(formObject(formData));
  if (!input.success) return errorState(NOT_FOUND);
  const current = await getProductForShop(ctx.shop.id, input.data.productId);
  if (!current) return errorState(NOT_FOUND);
  await setProductStatus(ctx.shop.id, input.data.productId, input.data.status);
  invalidateProduct(ctx.shop.id, [current.slug], current.collectionSlugs);
  const label = { draft: "moved to drafts", active: "published", archived: "archived" }[
    input.data.status
  ];
  return { status: "success", message: `Product ${label}.` };
});

export const deleteProductAction = formAction(async function deleteProductAction(
  _prev: ActionState,
  formData: FormData,
): Promise<ActionState> {
  const ctx = await load(formData);
  if (!ctx) return errorState(NO_ACCESS);
  const productId = formData.get("productId");
  if (!isUuid(productId)) return errorState(NOT_FOUND);
  if (formData.get("confirm") !== "delete") return errorState("Confirm the deletion first.");
  const deleted = await deleteProduct(ctx.shop.id, productId);
  if (!deleted) return errorState(NOT_FOUND);
  await Promise.all(deleted.images.map((i) => deleteImage(getStorage(), i.storageKey, i.width)));
  invalidateProduct(ctx.shop.id, [deleted.slug], deleted.collectionSlugs);
  redirect(`/dashboard/${ctx.shop.slug}/products?notice=deleted`);
});
