"use client";

import { useActionState } from "react";
import { inviteMemberAction } from "@/app/dashboard/[shop]/settings/members/actions";
import { idleState } from "@/lib/actions";
import { SelectField, TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { FormStatus } from "@/components/dashboard/catalog/form-status";

/** Invite by e-mail; the form clears after a successful invitation (React resets it). */
export function InviteForm({ shopSlug }: { shopSlug: string }) {
  const [state, action] = useActionState(inviteMemberAction, idleState);
  const errors = state.fieldErrors ?? {};
  const v = state.status === "error" ? (state.values ?? {}) : {};
  return (
    <form action={action} noValidate aria-label="Invite a member" className="space-y-4">
      <input type="hidden" name="shop" value={shopSlug} />
      <FormStatus state={state} />
      <div className="grid gap-4 sm:grid-cols-[1fr_12rem]">
        <TextField
          key={`email-${v.email ?? ""}`}
          label="E-mail address"
          name="email"
          type="email"
          autoComplete="off"
          required
          maxLength={254}
          defaultValue={v.email ?? ""}
          error={errors.email}
        />
        <SelectField
          key={`role-${v.role ?? "staff"}`}
          label="Role"
          name="role"
          defaultValue={v.role ?? "staff"}
          error={errors.role}
        >
          <option value="staff">Staff</option>
          <option value="owner">Owner</option>
        </SelectField>
      </div>
      <p className="text-sm text-zinc-600">
        Staff manage products, collections, orders and fulfilment, and refund up to the limit below.
        Owners can also change payments, the storefront&apos;s design and members.
      </p>
      <SubmitButton pendingLabel="Sending…">Send invitation</SubmitButton>
    </form>
  );
}
