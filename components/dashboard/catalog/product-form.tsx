"use client";

import { useActionState, useEffect, useState } from "react";
import { createProductAction, updateProductAction } from "@/app/dashboard/[shop]/products/actions";
import { idleState } from "@/lib/actions";
import { suggestCatalogSlug } from "@/lib/catalog/rules";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { SelectField, TextareaField, TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { useKeptChoices } from "@/components/ui/use-kept-choices";
import { FormStatus } from "./form-status";

export type ProductFormValues = {
  id?: string;
  name: string;
  slug: string;
  description: string;
  status: "draft" | "active" | "archived";
  trackStock: boolean;
  hasOptions: boolean;
  price: string;
  compareAtPrice: string;
  sku: string;
  stock: string;
};

export function ProductForm({
  shopSlug,
  currency,
  product,
}: {
  shopSlug: string;
  currency: string;
  product?: ProductFormValues;
}) {
  const editing = Boolean(product?.id);
  const [state, action] = useActionState(
    editing ? updateProductAction : createProductAction,
    idleState,
  );
  const keepChoices = useKeptChoices(state);
  const errors = state.fieldErrors ?? {};
  const v = state.status === "error" ? (state.values ?? {}) : {};
  const initial = product ?? {
    name: "",
    slug: "",
    description: "",
    status: "draft" as const,
    trackStock: true,
    hasOptions: false,
    price: "",
    compareAtPrice: "",
    sku: "",
    stock: "0",
  };
  const [name, setName] = useState(v.name ?? initial.name);
  const [slug, setSlug] = useState(v.slug ?? initial.slug);
  const [slugEdited, setSlugEdited] = useState(editing || Boolean(v.slug));
  const [status, setStatus] = useState(v.status ?? initial.status);
  // The status can also change from the actions panel: follow the saved value when it does.
  const [savedStatus, setSavedStatus] = useState(initial.status);
  if (savedStatus !== initial.status) {
    setSavedStatus(initial.status);
    setStatus(initial.status);
  }
  const [trackStock, setTrackStock] = useState(
    v.status ? v.trackStock === "on" : initial.trackStock,
  );

  return (
    <form
      action={action}
      onSubmit={keepChoices}
      noValidate
      className="space-y-6"
      aria-label="Product details"
    >
      <input type="hidden" name="shop" value={shopSlug} />
      {product?.id ? <input type="hidden" name="productId" value={product.id} /> : null}
      <FormStatus state={state} />
      <Card>
        <CardHeader title="Details" />
        <CardBody className="space-y-5">
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
            autoCorrect="off"
            spellCheck={false}
            value={slug}
            onChange={(e) => {
              setSlugEdited(true);
              setSlug(e.target.value);
            }}
            hint={
              <>
                Shown in the product’s web address:{" "}
                <span className="font-mono">/products/{slug || "…"}</span>
              </>
            }
            error={errors.slug}
          />
          <DescriptionField
            initial={v.description ?? initial.description}
            error={errors.description}
          />
          <SelectField
            label="Status"
            name="status"
            value={status}
            onChange={(e) => setStatus(e.target.value as typeof status)}
            error={errors.status}
            hint="Only active products appear in your storefront."
          >
            <option value="draft">Draft</option>
            <option value="active">Active</option>
            <option value="archived">Archived</option>
          </SelectField>
        </CardBody>
      </Card>

      <PricingCard
        currency={currency}
        hasOptions={initial.hasOptions}
        defaults={{
          price: v.price ?? initial.price,
          compareAtPrice: v.compareAtPrice ?? initial.compareAtPrice,
          sku: v.sku ?? initial.sku,
          stock: v.stock ?? initial.stock,
        }}
        errors={errors}
        trackStock={trackStock}
        onTrackStock={setTrackStock}
      />
      <div className="flex justify-end">
        <SubmitButton pendingLabel={editing ? "Saving…" : "Creating…"}>
          {editing ? "Save product" : "Create product"}
        </SubmitButton>
      </div>
    </form>
  );
}

/** Price, compare-at price, SKU and stock of a product without options. */
function PricingCard({
  currency,
  hasOptions,
  defaults,
  errors,
  trackStock,
  onTrackStock,
}: {
  currency: string;
  hasOptions: boolean;
  defaults: { price: string; compareAtPrice: string; sku: string; stock: string };
  errors: Record<string, string>;
  trackStock: boolean;
  onTrackStock: (tracked: boolean) => void;
}) {
  return (
    <Card>
      <CardHeader title="Pricing and inventory" />
      <CardBody className="space-y-5">
        {hasOptions ? (
          <p className="text-sm text-zinc-600">
            This product has options: set the price, SKU and stock of each variant in the Variants
            section below.
          </p>
        ) : (
          <>
            <div className="grid gap-5 sm:grid-cols-2">
              <TextField
                label={`Price (${currency})`}
                name="price"
                inputMode="decimal"
                required
                defaultValue={defaults.price}
                placeholder="0.00"
                error={errors.price}
              />
              <TextField
                label={`Compare-at price (${currency})`}
                name="compareAtPrice"
                inputMode="decimal"
                defaultValue={defaults.compareAtPrice}
                hint="Optional. Shown struck through; must be higher than the price."
                error={errors.compareAtPrice}
              />
            </div>
            <TextField
              label="SKU"
              name="sku"
              maxLength={64}
              defaultValue={defaults.sku}
              hint="Optional stock-keeping unit."
              error={errors.sku}
            />
          </>
        )}
        <div className="flex items-start gap-3">
          <input
            id="trackStock"
            type="checkbox"
            name="trackStock"
            checked={trackStock}
            onChange={(e) => onTrackStock(e.target.checked)}
            className="mt-0.5 size-4 rounded border-zinc-300 accent-brand-600"
            aria-describedby="trackStock-hint"
          />
          <div>
            <label htmlFor="trackStock" className="text-sm font-medium text-zinc-800">
              Track stock
            </label>
            <p id="trackStock-hint" className="text-sm text-zinc-600">
              Untracked products (gift cards, made to order) never sell out.
            </p>
          </div>
        </div>
        {!hasOptions && trackStock ? (
          <TextField
            label="Stock quantity"
            name="stock"
            type="number"
            min={0}
            step={1}
            inputMode="numeric"
            defaultValue={defaults.stock}
            error={errors.stock}
            className="sm:max-w-xs"
          />
        ) : null}
      </CardBody>
    </Card>
  );
}

/** The Markdown description with an Edit / Preview toggle (the renderer loads on first preview). */
function DescriptionField({ initial, error }: { initial: string; error?: string }) {
  const [description, setDescription] = useState(initial);
  const [preview, setPreview] = useState(false);
  const [previewHtml, setPreviewHtml] = useState("");
  useEffect(() => {
    if (!preview) return;
    let live = true;
    // The Markdown renderer loads only when the merchant asks for a preview.
    void import("@/lib/markdown").then(({ renderMarkdown }) => {
      if (live) setPreviewHtml(renderMarkdown(description));
    });
    return () => {
      live = false;
    };
  }, [preview, description]);
  return (
    <div className="space-y-1.5">
      <div className="flex items-center justify-between">
        <span className="text-sm font-medium text-zinc-800" aria-hidden="true">
          Description
        </span>
        <button
          type="button"
          className="rounded text-sm font-medium text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-brand-600"
          aria-pressed={preview}
          onClick={() => setPreview((p) => !p)}
        >
          {preview ? "Edit" : "Preview"}
        </button>
      </div>
      {preview ? (
        <div
          className="markdown min-h-32 rounded-lg border border-zinc-200 bg-zinc-50 px-3 py-2 text-sm text-zinc-800"
          aria-label="Description preview"
          // Safe: renderMarkdown never lets merchant text through as markup (lib/markdown.ts).
          dangerouslySetInnerHTML={{
            __html: previewHtml || "<p>Nothing to preview yet.</p>",
          }}
        />
      ) : null}
      <TextareaField
        label={<span className="sr-only">Description</span>}
        name="description"
        rows={7}
        maxLength={10000}
        value={description}
        onChange={(e) => setDescription(e.target.value)}
        className={preview ? "hidden" : undefined}
        hint="Markdown: **bold**, *italic*, - lists, [links](https://…). HTML is shown as text."
        error={error}
      />
    </div>
  );
}
