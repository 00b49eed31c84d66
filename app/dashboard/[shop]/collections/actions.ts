"use server";

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
import { recordId, redirectTo, shopAction } from "@/lib/action-pipeline";
import { collectionSchema } from "@/lib/catalog/forms";
import { invalidateCollection } from "@/lib/catalog/invalidate";
import { AppError, CHECK_FIELDS } from "@/lib/errors";

const NOT_FOUND = "This collection no longer exists.";
const NOT_IN_COLLECTION = "That product is not in this collection.";
const SLUG_TAKEN = { slug: "Another collection already uses this URL slug." };
const permission = "catalog.manage";

const collectionRef = z.object({ collectionId: recordId(NOT_FOUND) });
const itemRef = z.object({
  collectionId: recordId(NOT_FOUND),
  productId: recordId(NOT_IN_COLLECTION),
});

export const createCollectionAction = shopAction(
  { schema: collectionSchema, permission },
  async function createCollectionAction({ shop, input }) {
    const result = await createCollection(shop.id, input);
    if (!result.ok) throw AppError.conflict(CHECK_FIELDS, SLUG_TAKEN);
    invalidateCollection(shop.id, [input.slug]);
    return redirectTo(`/dashboard/${shop.slug}/collections/${result.id}?notice=created`);
  },
);

export const updateCollectionAction = shopAction(
  { schema: collectionRef.extend(collectionSchema.shape), permission },
  async function updateCollectionAction({ shop, input: { collectionId, ...fields } }) {
    const result = await updateCollection(shop.id, collectionId, fields);
    if (!result.ok) {
      if (result.reason === "slug_taken") throw AppError.conflict(CHECK_FIELDS, SLUG_TAKEN);
      throw AppError.notFound(NOT_FOUND);
    }
    invalidateCollection(shop.id, [result.oldSlug, fields.slug]);
    return { status: "success", message: "Collection saved." };
  },
);

export const deleteCollectionAction = shopAction(
  {
    schema: collectionRef.extend({
      confirm: z.literal("delete", { message: "Confirm the deletion first." }),
    }),
    permission,
  },
  async function deleteCollectionAction({ shop, input }) {
    const deleted = await deleteCollection(shop.id, input.collectionId);
    if (!deleted) throw AppError.notFound(NOT_FOUND);
    invalidateCollection(shop.id, [deleted.slug]);
    return redirectTo(`/dashboard/${shop.slug}/collections?notice=deleted`);
  },
);

export const addCollectionProductsAction = shopAction(
  { schema: collectionRef, permission },
  async function addCollectionProductsAction({ shop, input, formData }) {
    const productIds = formData
      .getAll("productId")
      .filter((v): v is string => typeof v === "string" && v !== "");
    if (productIds.length === 0) {
      throw AppError.invalid({ productId: "Choose a product to add." }, "Choose a product to add.");
    }
    if (productIds.length > 200 || !productIds.every(isUuid)) {
      const message = "Choose products from the list.";
      throw AppError.invalid({ productId: message }, message);
    }
    const result = await addProductsToCollection(shop.id, input.collectionId, productIds);
    if (!result) throw AppError.notFound("That product or collection no longer exists.");
    invalidateCollection(shop.id, [result.slug]);
    return {
      status: "success",
      message:
        result.added === 0
          ? "Already in this collection."
          : `${result.added} product${result.added === 1 ? "" : "s"} added.`,
    };
  },
);

export const removeCollectionProductAction = shopAction(
  { schema: itemRef, permission },
  async function removeCollectionProductAction({ shop, input }) {
    const result = await removeProductFromCollection(shop.id, input.collectionId, input.productId);
    if (!result) throw AppError.notFound(NOT_IN_COLLECTION);
    invalidateCollection(shop.id, [result.slug]);
    return { status: "success", message: "Product removed from the collection." };
  },
);

export const moveCollectionProductAction = shopAction(
  { schema: itemRef.extend({ direction: z.enum(["up", "down"]) }), permission },
  async function moveCollectionProductAction({ shop, input }) {
    const result = await moveCollectionProduct(
      shop.id,
      input.collectionId,
      input.productId,
      input.direction,
    );
    if (!result) throw AppError.notFound(NOT_IN_COLLECTION);
    invalidateCollection(shop.id, [result.slug]);
    return { status: "success", message: `Product moved ${input.direction}.` };
  },
);
