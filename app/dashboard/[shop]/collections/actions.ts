"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import {
  addProductsToCollection,
  createCollection,
  deleteCollection,
  isUuid,
  moveCollectionProduct,
  removeProductFromCollection,
  updateCollection,
} from "@/db/queries/catalog";
import { errorState, fieldErrorsOf, formObject, type ActionState, formAction } from "@/lib/actions";
import { loadShopForAction } from "@/lib/auth/session";
import { collectionSchema } from "@/lib/catalog/forms";
import { invalidateCollection } from "@/lib/catalog/invalidate";

const NO_ACCESS = "You do not have access to this shop. Sign in again.";
const NOT_FOUND = "This collection no longer exists.";
const SLUG_TAKEN = "Another collection already uses this URL slug.";

async function load(formData: FormData) {
  return loadShopForAction(formData.get("shop"));
}

export const createCollectionAction = formAction(async function createCollectionAction(
  _prev: ActionState,
  formData: FormData,
): Promise<ActionState> {
  const ctx = await load(formData);
  if (!ctx) return errorState(NO_ACCESS);
  const values = formObject(formData);
  const parsed = collectionSchema.safeParse(values);
  if (!parsed.success) {
    return errorState("Check the highlighted fields.", fieldErrorsOf(parsed.error), values);
  }
  const result = await createCollection(ctx.shop.id, parsed.data);
  if (!result.ok) return errorState("Check the highlighted fields.", { slug: SLUG_TAKEN }, values);
  invalidateCollection(ctx.shop.id, [parsed.data.slug]);
  redirect(`/dashboard/${ctx.shop.slug}/collections/${result.id}?notice=created`);
});

export const updateCollectionAction = formAction(async function updateCollectionAction(
  _prev: ActionState,
  formData: FormData,
): Promise<ActionState> {
  const ctx = await load(formData);
  if (!ctx) return errorState(NO_ACCESS);
  const collectionId = formData.get("collectionId");
  if (!isUuid(collectionId)) return errorState(NOT_FOUND);
  const values = formObject(formData);
  const parsed = collectionSchema.safeParse(values);
  if (!parsed.success) {
    return errorState("Check the highlighted fields.", fieldErrorsOf(parsed.error), values);
  }
  const result = await updateCollection(ctx.shop.id, collectionId, parsed.data);
  if (!result.ok) {
    return result.reason === "slug_taken"
      ? errorState("Check the highlighted fields.", { slug: SLUG_TAKEN }, values)
      : errorState(NOT_FOUND);
  }
  invalidateCollection(ctx.shop.id, [result.oldSlug, parsed.data.slug]);
  return { status: "success", message: "Collection saved." };
});

export const deleteCollectionAction = formAction(async function deleteCollectionAction(
  _prev: ActionState,
  formData: FormData,
): Promise<ActionState> {
  const ctx = await load(formData);
  if (!ctx) return errorState(NO_ACCESS);
  const collectionId = formData.get("collectionId");
  if (!isUuid(collectionId)) return errorState(NOT_FOUND);
  if (formData.get("confirm") !== "delete") return errorState("Confirm the deletion first.");
  const deleted = await deleteCollection(ctx.shop.id, collectionId);
  if (!deleted) return errorState(NOT_FOUND);
  invalidateCollection(ctx.shop.id, [deleted.slug]);
  redirect(`/dashboard/${ctx.shop.slug}/collections?notice=deleted`);
});

export const addCollectionProductsAction = formAction(async function addCollectionProductsAction(
  _prev: ActionState,
  formData: FormData,
): Promise<ActionState> {
  const ctx = await load(formData);
  if (!ctx) return errorState(NO_ACCESS);
  const collectionId = formData.get("collectionId");
  if (!isUuid(collectionId)) return errorState(NOT_FOUND);
  const productIds = formData
    .getAll("productId")
    .filter((v): v is string => typeof v === "string" && v !== "");
  if (productIds.length === 0) {
    return errorState("Choose a product to add.", { productId: "Choose a product to add." });
  }
  if (productIds.length > 200 || !productIds.every(isUuid)) {
    return errorState("Choose products from the list.", {
      productId: "Choose products from the list.",
    });
  }
  const result = await addProductsToCollection(ctx.shop.id, collectionId, productIds);
  if (!result) return errorState("That product or collection no longer exists.");
  invalidateCollection(ctx.shop.id, [result.slug]);
  return {
    status: "success",
    message:
      result.added === 0
        ? "Already in this collection."
        : `${result.added} product${result.added === 1 ? "" : "s"} added.`,
  };
});

const itemRef = z.object({ collectionId: z.uuid(), productId: z.uuid() });

export const removeCollectionProductAction = formAction(
  async function removeCollectionProductAction(
    _prev: ActionState,
    formData: FormData,
  ): Promise<ActionState> {
    const ctx = await load(formData);
    if (!ctx) return errorState(NO_ACCESS);
    const ref = itemRef.safeParse(formObject(formData));
    if (!ref.success) return errorState(NOT_FOUND);
    const result = await removeProductFromCollection(
      ctx.shop.id,
      ref.data.collectionId,
      ref.data.productId,
    );
    if (!result) return errorState("That product is not in this collection.");
    invalidateCollection(ctx.shop.id, [result.slug]);
    return { status: "success", message: "Product removed from the collection." };
  },
);

export const moveCollectionProductAction = formAction(async function moveCollectionProductAction(
  _prev: ActionState,
  formData: FormData,
): Promise<ActionState> {
  const ctx = await load(formData);
  if (!ctx) return errorState(NO_ACCESS);
  const ref = itemRef.extend({ direction: z.enum(["up", "down"]) }).safeParse(formObject(formData));
  if (!ref.success) return errorState(NOT_FOUND);
  const result = await moveCollectionProduct(
    ctx.shop.id,
    ref.data.collectionId,
    ref.data.productId,
    ref.data.direction,
  );
  if (!result) return errorState("That product is not in this collection.");
  invalidateCollection(ctx.shop.id, [result.slug]);
  return { status: "success", message: `Product moved ${ref.data.direction}.` };
});
