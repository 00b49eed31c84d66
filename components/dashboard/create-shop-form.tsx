"use client";

import { useActionState, useState } from "react";
import { createShopAction } from "@/app/dashboard/actions";
import { idleState } from "@/lib/actions";
import { SHOP_COUNTRIES, SHOP_CURRENCIES, suggestSlug } from "@/lib/shops/rules";
import { Alert } from "@/components/ui/alert";
import { SelectField, TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";

export function CreateShopForm({ storefrontHostSuffix }: { storefrontHostSuffix: string }) {
  const [state, action] = useActionState(createShopAction, idleState);
  const errors = state.fieldErrors ?? {};
  const v = state.values ?? {};
  const [name, setName] = useState(v.name ?? "");
  const [slug, setSlug] = useState(v.slug ?? "");
  const [slugEdited, setSlugEdited] = useState(Boolean(v.slug));

  return (
    <form action={action} noValidate className="space-y-5">
      <div aria-live="polite" className="empty:sr-only">
        {state.message ? (
          <Alert tone="error" live>
            {state.message}
          </Alert>
        ) : null}
      </div>
      <TextField
        label="Shop name"
        name="name"
        required
        maxLength={60}
        value={name}
        onChange={(e) => {
          setName(e.target.value);
          if (!slugEdited) setSlug(suggestSlug(e.target.value));
        }}
        error={errors.name}
      />
      <TextField
        label="Web address"
        name="slug"
        required
        maxLength={40}
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
            Your storefront will live at{" "}
            <span className="font-medium text-zinc-800">
              {slug || "your-shop"}
              {storefrontHostSuffix}
            </span>
            . 3–40 lowercase letters, digits and hyphens.
          </>
        }
        error={errors.slug}
      />
      <div className="grid gap-5 sm:grid-cols-2">
        <SelectField
          label="Currency"
          name="currency"
          defaultValue={v.currency || "USD"}
          error={errors.currency}
        >
          {SHOP_CURRENCIES.map((c) => (
            <option key={c.code} value={c.code}>
              {c.label}
            </option>
          ))}
        </SelectField>
        <SelectField
          label="Country"
          name="country"
          defaultValue={v.country || "US"}
          error={errors.country}
        >
          {SHOP_COUNTRIES.map((c) => (
            <option key={c.code} value={c.code}>
              {c.label}
            </option>
          ))}
        </SelectField>
      </div>
      <SubmitButton pendingLabel="Creating shop…">Create shop</SubmitButton>
    </form>
  );
}
