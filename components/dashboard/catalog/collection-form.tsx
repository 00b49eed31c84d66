"use client";

import { useActionState, useState } from "react";
import {
  createCollectionAction,
  deleteCollectionAction,
  updateCollectionAction,
} from "@/app/dashboard/[shop]/collections/actions";
import { idleState } from "@/lib/actions";
import { suggestCatalogSlug } from "@/lib/catalog/rules";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { TextareaField, TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { CancelDialogButton, ConfirmDialog } from "./confirm-dialog";
import { FormStatus } from "./form-status";

export function CollectionForm({
  shopSlug,
  collection,
}: {
  shopSlug: string;
  collection?: { id: string; name: string; slug: string; description: string };
}) {
  const editing = Boolean(collection);
  const [state, action] = useActionState(
    editing ? updateCollectionAction : createCollectionAction,
    idleState,
  );
  const errors = state.fieldErrors ?? {};
  const v = state.status === "error" ? (state.values ?? {}) : {};
  const [name, setName] = useState(v.name ?? collection?.name ?? "");
  const [slug, setSlug] = useState(v.slug ?? collection?.slug ?? "");
  const [slugEdited, setSlugEdited] = useState(editing || Boolean(v.slug));
  return (
    <Card>
      <CardHeader title="Details" />
      <CardBody>
        <form action={action} noValidate className="space-y-5" aria-label="Collection details">
          <input type="hidden" name="shop" value={shopSlug} />
          {collection ? <input type="hidden" name="collectionId" value={collection.id} /> : null}
          <FormStatus state={state} />
          <TextField
            label="Name"
            name="name"
            required
            maxLength={120}
            value={name}
            onChange={(e) => {
              setName(e.target.value);
              if (!slugEdited) setSlug(suggestCatalogSlug(e.target.value));
            }}
            error={errors.name}
          />
          <TextField
            label="URL slug"
            name="slug"
            required
            maxLength={80}
            autoCapitalize="none"
            spellCheck={false}
            value={slug}
            onChange={(e) => {
              setSlugEdited(true);
              setSlug(e.target.value);
            }}
            hint={
              <>
                Web address: <span className="font-mono">/collections/{slug || "…"}</span>
              </>
            }
            error={errors.slug}
          />
          <TextareaField
            label="Description"
            name="description"
            rows={4}
            maxLength={5000}
            defaultValue={v.description ?? collection?.description ?? ""}
            hint="Markdown is supported."
            error={errors.description}
          />
          <div className="flex justify-end">
            <SubmitButton pendingLabel="Saving…">
              {editing ? "Save collection" : "Create collection"}
            </SubmitButton>
          </div>
        </form>
      </CardBody>
    </Card>
  );
}

export function DeleteCollection({
  shopSlug,
  collectionId,
  name,
}: {
  shopSlug: string;
  collectionId: string;
  name: string;
}) {
  const [state, action] = useActionState(deleteCollectionAction, idleState);
  return (
    <div className="space-y-2">
      <FormStatus state={state} />
      <ConfirmDialog trigger="Delete collection" title="Delete this collection?">
        <form action={action} className="space-y-4">
          <input type="hidden" name="shop" value={shopSlug} />
          <input type="hidden" name="collectionId" value={collectionId} />
          <input type="hidden" name="confirm" value="delete" />
          <p>
            <strong>{name}</strong> will be deleted. Its products are not deleted.
          </p>
          <div className="flex justify-end gap-2">
            <CancelDialogButton />
            <SubmitButton variant="danger" pendingLabel="Deleting…">
              Delete for good
            </SubmitButton>
          </div>
        </form>
      </ConfirmDialog>
    </div>
  );
}
