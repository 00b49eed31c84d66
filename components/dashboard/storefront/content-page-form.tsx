"use client";

import { useActionState, useState } from "react";
import {
  createContentPageAction,
  deleteContentPageAction,
  updateContentPageAction,
} from "@/app/dashboard/[shop]/storefront/actions";
import { idleState } from "@/lib/actions";
import { suggestCatalogSlug } from "@/lib/catalog/rules";
import { Alert } from "@/components/ui/alert";
import { Card, CardBody } from "@/components/ui/card";
import { TextareaField, TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";

export function ContentPageForm({
  shopSlug,
  page,
}: {
  shopSlug: string;
  page?: { id: string; title: string; slug: string; body: string };
}) {
  const [state, action] = useActionState(
    page ? updateContentPageAction : createContentPageAction,
    idleState,
  );
  const [slugEdited, setSlugEdited] = useState(Boolean(page));
  const [title, setTitle] = useState(page?.title ?? "");
  const [slug, setSlug] = useState(page?.slug ?? "");
  const values = state.values ?? {};
  return (
    <Card>
      <CardBody>
        <form action={action} className="space-y-5">
          <input type="hidden" name="shop" value={shopSlug} />
          {page ? <input type="hidden" name="id" value={page.id} /> : null}
          {state.status !== "idle" && state.message ? (
            <Alert live tone={state.status === "success" ? "success" : "error"}>
              {state.message}
            </Alert>
          ) : null}
          <TextField
            label="Title"
            name="title"
            value={title}
            onChange={(e) => {
              setTitle(e.target.value);
              if (!slugEdited) setSlug(suggestCatalogSlug(e.target.value));
            }}
            error={state.fieldErrors?.title}
            required
          />
          <TextField
            label="Page address"
            name="slug"
            value={slug}
            onChange={(e) => {
              setSlugEdited(true);
              setSlug(e.target.value);
            }}
            error={state.fieldErrors?.slug}
            hint={`Shown at /s/${shopSlug}/pages/${slug || "…"}`}
            required
          />
          <TextareaField
            label="Content (Markdown)"
            name="body"
            rows={14}
            defaultValue={values.body ?? page?.body ?? ""}
            key={values.body ?? page?.body ?? ""}
            error={state.fieldErrors?.body}
            hint="Markdown: # headings, **bold**, *italic*, - lists, [links](https://…)."
          />
          <div className="flex justify-end">
            <SubmitButton pendingLabel="Saving…">{page ? "Save page" : "Create page"}</SubmitButton>
          </div>
        </form>
      </CardBody>
    </Card>
  );
}

export function DeleteContentPageForm({ shopSlug, id }: { shopSlug: string; id: string }) {
  const [state, action] = useActionState(deleteContentPageAction, idleState);
  return (
    <form
      action={action}
      onSubmit={(e) => {
        if (!window.confirm("Delete this page? Shoppers will no longer see it."))
          e.preventDefault();
      }}
      className="space-y-3"
    >
      <input type="hidden" name="shop" value={shopSlug} />
      <input type="hidden" name="id" value={id} />
      {state.status === "error" && state.message ? (
        <Alert live tone="error">
          {state.message}
        </Alert>
      ) : null}
      <SubmitButton variant="danger" pendingLabel="Deleting…">
        Delete page
      </SubmitButton>
    </form>
  );
}
