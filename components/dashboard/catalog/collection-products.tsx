"use client";

import { useActionState } from "react";
import Link from "next/link";
import {
  addCollectionProductsAction,
  moveCollectionProductAction,
  removeCollectionProductAction,
} from "@/app/dashboard/[shop]/collections/actions";
import { idleState, type ActionState } from "@/lib/actions";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { SelectField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { FormStatus } from "./form-status";
import { ProductStatusBadge } from "./status-badge";

type Status = "draft" | "active" | "archived";

export function CollectionProducts({
  shopSlug,
  collectionId,
  products,
  choices,
}: {
  shopSlug: string;
  collectionId: string;
  products: { id: string; name: string; status: Status; price: string; imageUrl: string | null }[];
  choices: { id: string; name: string; status: Status }[];
}) {
  const [addState, addAction] = useActionState(addCollectionProductsAction, idleState);
  const [moveState, moveAction] = useActionState(moveCollectionProductAction, idleState);
  const [removeState, removeAction] = useActionState(removeCollectionProductAction, idleState);
  const last: ActionState =
    [moveState, removeState].find((s) => s.status === "error") ??
    [moveState, removeState].find((s) => s.status === "success") ??
    idleState;
  const hidden = (productId: string) => (
    <>
      <input type="hidden" name="shop" value={shopSlug} />
      <input type="hidden" name="collectionId" value={collectionId} />
      <input type="hidden" name="productId" value={productId} />
    </>
  );
  return (
    <Card>
      <CardHeader
        title="Products"
        description="Shown in this order in your storefront. Only active products are visible to shoppers."
      />
      <CardBody className="space-y-4">
        <form action={addAction} noValidate className="space-y-3" aria-label="Add a product">
          <input type="hidden" name="shop" value={shopSlug} />
          <input type="hidden" name="collectionId" value={collectionId} />
          <FormStatus state={addState} />
          <div className="flex flex-col gap-3 sm:flex-row sm:items-end">
            <SelectField
              label="Add a product"
              name="productId"
              defaultValue=""
              className="flex-1"
              error={addState.fieldErrors?.productId}
              disabled={choices.length === 0}
            >
              <option value="">
                {choices.length === 0 ? "Every product is already here" : "Choose a product…"}
              </option>
              {choices.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                  {c.status !== "active" ? ` (${c.status})` : ""}
                </option>
              ))}
            </SelectField>
            <SubmitButton
              variant="secondary"
              pendingLabel="Adding…"
              disabled={choices.length === 0}
            >
              Add to collection
            </SubmitButton>
          </div>
        </form>
        <FormStatus state={last} />
        {products.length === 0 ? (
          <p className="rounded-lg border border-dashed border-zinc-300 px-4 py-8 text-center text-sm text-zinc-600">
            No products in this collection yet.
          </p>
        ) : (
          <ol
            className="divide-y divide-zinc-100 rounded-lg border border-zinc-200"
            aria-label="Products in this collection"
          >
            {products.map((p, i) => (
              <li key={p.id} className="flex flex-wrap items-center gap-3 px-3 py-3">
                <span className="w-6 text-right text-sm text-zinc-500 tabular-nums">{i + 1}.</span>
                {p.imageUrl ? (
                  // eslint-disable-next-line @next/next/no-img-element -- served by our image route
                  <img
                    src={p.imageUrl}
                    alt=""
                    className="size-10 rounded-md border border-zinc-200 object-cover"
                  />
                ) : (
                  <span
                    className="size-10 rounded-md border border-dashed border-zinc-300"
                    aria-hidden="true"
                  />
                )}
                <div className="min-w-0 flex-1">
                  <Link
                    href={`/dashboard/${shopSlug}/products/${p.id}`}
                    className="block truncate text-sm font-medium text-zinc-900 hover:text-brand-700 hover:underline"
                  >
                    {p.name}
                  </Link>
                  <p className="flex items-center gap-2 text-xs text-zinc-600">
                    {p.price} <ProductStatusBadge status={p.status} />
                  </p>
                </div>
                <div className="flex gap-1">
                  <form action={moveAction}>
                    {hidden(p.id)}
                    <input type="hidden" name="direction" value="up" />
                    <SubmitButton variant="ghost" size="sm" disabled={i === 0}>
                      Move up<span className="sr-only"> {p.name}</span>
                    </SubmitButton>
                  </form>
                  <form action={moveAction}>
                    {hidden(p.id)}
                    <input type="hidden" name="direction" value="down" />
                    <SubmitButton variant="ghost" size="sm" disabled={i === products.length - 1}>
                      Move down<span className="sr-only"> {p.name}</span>
                    </SubmitButton>
                  </form>
                  <form action={removeAction}>
                    {hidden(p.id)}
                    <SubmitButton
                      variant="ghost"
                      size="sm"
                      className="text-red-700 hover:bg-red-50"
                    >
                      Remove<span className="sr-only"> {p.name}</span>
                    </SubmitButton>
                  </form>
                </div>
              </li>
            ))}
          </ol>
        )}
      </CardBody>
    </Card>
  );
}
