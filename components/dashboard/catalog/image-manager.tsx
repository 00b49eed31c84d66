"use client";

import { useActionState, useEffect, useState } from "react";
import {
  deleteImageAction,
  moveImageAction,
  updateImageAltAction,
  uploadImagesAction,
} from "@/app/dashboard/[shop]/products/actions";
import { idleState, type ActionState } from "@/lib/actions";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { controlClasses, TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { FormStatus } from "./form-status";

export type ManagedImage = {
  id: string;
  url: string;
  thumbnailUrl: string;
  alt: string;
  width: number | null;
  height: number | null;
};

const MAX = 8;
const ACCEPT = "image/jpeg,image/png,image/webp,image/gif";

function UploadForm({
  shopSlug,
  productId,
  remaining,
}: {
  shopSlug: string;
  productId: string;
  remaining: number;
}) {
  const [state, action] = useActionState(uploadImagesAction, idleState);
  const [previews, setPreviews] = useState<{ url: string; name: string; tooBig: boolean }[]>([]);
  useEffect(() => () => previews.forEach((p) => URL.revokeObjectURL(p.url)), [previews]);
  // A finished upload clears the previews (React resets the file input itself).
  const [seenState, setSeenState] = useState(state);
  if (seenState !== state) {
    setSeenState(state);
    if (state.status === "success") setPreviews([]);
  }
  const error = state.fieldErrors?.images;
  return (
    <form action={action} noValidate className="space-y-4" aria-label="Upload images">
      <input type="hidden" name="shop" value={shopSlug} />
      <input type="hidden" name="productId" value={productId} />
      <FormStatus state={state} />
      <div className="space-y-1.5">
        <label htmlFor="images" className="block text-sm font-medium text-zinc-800">
          Add images
        </label>
        <input
          id="images"
          name="images"
          type="file"
          multiple
          accept={ACCEPT}
          disabled={remaining <= 0}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "images-error" : "images-hint"}
          onChange={(e) => {
            const files = [...(e.target.files ?? [])];
            setPreviews(
              files.map((f) => ({
                url: URL.createObjectURL(f),
                name: f.name,
                tooBig: f.size > 5 * 1024 * 1024,
              })),
            );
          }}
          className={controlClasses(
            Boolean(error),
            "py-1.5 file:mr-3 file:rounded-md file:border-0 file:bg-brand-50 file:px-3 file:py-1.5 file:text-sm file:font-medium file:text-brand-800",
          )}
        />
        {error ? (
          <p id="images-error" className="text-sm font-medium text-red-700">
            {error}
          </p>
        ) : (
          <p id="images-hint" className="text-sm text-zinc-600">
            JPEG, PNG, WebP or GIF, up to 5 MB each.{" "}
            {remaining > 0 ? `${remaining} of ${MAX} left.` : `All ${MAX} slots used.`}
          </p>
        )}
      </div>
      {previews.length > 0 ? (
        <ul className="flex flex-wrap gap-3" aria-label="Selected images">
          {previews.map((p) => (
            <li key={p.url} className="w-24">
              {/* eslint-disable-next-line @next/next/no-img-element -- local object URL preview */}
              <img
                src={p.url}
                alt={`Preview of ${p.name}`}
                className="size-24 rounded-lg border border-zinc-200 object-cover"
              />
              <p
                className={`mt-1 truncate text-xs ${p.tooBig ? "font-medium text-red-700" : "text-zinc-600"}`}
              >
                {p.tooBig ? "Over 5 MB" : p.name}
              </p>
            </li>
          ))}
        </ul>
      ) : null}
      <TextField
        label="Alt text for these images"
        name="alt"
        maxLength={200}
        hint="Describes the image for people who cannot see it. Defaults to the product name."
      />
      <SubmitButton variant="secondary" pendingLabel="Uploading…" disabled={remaining <= 0}>
        Upload images
      </SubmitButton>
    </form>
  );
}

function ImageRow({
  shopSlug,
  productId,
  image,
  index,
  count,
}: {
  shopSlug: string;
  productId: string;
  image: ManagedImage;
  index: number;
  count: number;
}) {
  const [altState, altAction] = useActionState(updateImageAltAction, idleState);
  const [moveState, moveAction] = useActionState(moveImageAction, idleState);
  const [deleteState, deleteAction] = useActionState(deleteImageAction, idleState);
  const last: ActionState =
    [altState, moveState, deleteState].find((s) => s.status === "error") ??
    [altState, moveState, deleteState].find((s) => s.status === "success") ??
    idleState;
  const n = index + 1;
  const hidden = (
    <>
      <input type="hidden" name="shop" value={shopSlug} />
      <input type="hidden" name="productId" value={productId} />
      <input type="hidden" name="imageId" value={image.id} />
    </>
  );
  return (
    <li className="flex flex-col gap-3 py-4 sm:flex-row sm:items-start">
      {/* eslint-disable-next-line @next/next/no-img-element -- served by our image route */}
      <img
        src={image.thumbnailUrl}
        alt={image.alt}
        width={image.width ?? undefined}
        height={image.height ?? undefined}
        className="size-24 shrink-0 rounded-lg border border-zinc-200 bg-zinc-50 object-cover"
      />
      <div className="min-w-0 flex-1 space-y-2">
        <p className="text-sm font-medium text-zinc-900">
          Image {n}
          {index === 0 ? (
            <span className="ml-2 text-xs font-normal text-zinc-500">(main image)</span>
          ) : null}
          {image.width && image.height ? (
            <span className="ml-2 text-xs font-normal text-zinc-500">
              {image.width} × {image.height}
            </span>
          ) : null}
        </p>
        <form action={altAction} className="flex gap-2" aria-label={`Alt text of image ${n}`}>
          {hidden}
          <label htmlFor={`alt-${image.id}`} className="sr-only">
            Alt text for image {n}
          </label>
          <input
            id={`alt-${image.id}`}
            name="alt"
            maxLength={200}
            defaultValue={image.alt}
            className={controlClasses(Boolean(altState.fieldErrors?.alt), "h-9")}
          />
          <SubmitButton variant="secondary" size="sm" className="h-9">
            Save<span className="sr-only"> alt text for image {n}</span>
          </SubmitButton>
        </form>
        <div className="flex flex-wrap gap-2">
          <form action={moveAction}>
            {hidden}
            <input type="hidden" name="direction" value="up" />
            <SubmitButton variant="ghost" size="sm" disabled={index === 0}>
              Move up<span className="sr-only"> image {n}</span>
            </SubmitButton>
          </form>
          <form action={moveAction}>
            {hidden}
            <input type="hidden" name="direction" value="down" />
            <SubmitButton variant="ghost" size="sm" disabled={index === count - 1}>
              Move down<span className="sr-only"> image {n}</span>
            </SubmitButton>
          </form>
          <form action={deleteAction}>
            {hidden}
            <SubmitButton
              variant="ghost"
              size="sm"
              className="text-red-700 hover:bg-red-50 hover:text-red-800"
            >
              Delete<span className="sr-only"> image {n}</span>
            </SubmitButton>
          </form>
        </div>
        <FormStatus state={last} />
      </div>
    </li>
  );
}

export function ImageManager({
  shopSlug,
  productId,
  images,
}: {
  shopSlug: string;
  productId: string;
  images: ManagedImage[];
}) {
  return (
    <Card>
      <CardHeader
        title="Images"
        description={`${images.length} of ${MAX}. The first image is the main one.`}
      />
      <CardBody className="space-y-2">
        {images.length === 0 ? (
          <p className="text-sm text-zinc-600">No images yet. Products with photos sell better.</p>
        ) : (
          <ol className="divide-y divide-zinc-100" aria-label="Product images">
            {images.map((image, i) => (
              <ImageRow
                key={image.id}
                shopSlug={shopSlug}
                productId={productId}
                image={image}
                index={i}
                count={images.length}
              />
            ))}
          </ol>
        )}
        <div className="border-t border-zinc-200 pt-4">
          <UploadForm shopSlug={shopSlug} productId={productId} remaining={MAX - images.length} />
        </div>
      </CardBody>
    </Card>
  );
}
