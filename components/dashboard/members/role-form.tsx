"use client";

import { useActionState } from "react";
import { changeMemberRoleAction } from "@/app/dashboard/[shop]/settings/members/actions";
import { idleState } from "@/lib/actions";
import type { ShopRole } from "@/lib/auth/permissions";
import { controlClasses } from "@/components/ui/field";
import { InlineStatus } from "@/components/ui/inline-status";
import { SubmitButton } from "@/components/ui/submit-button";

/** A member's role: a select and a Save button, the result announced beside them. */
export function RoleForm({
  shopSlug,
  userId,
  name,
  role,
}: {
  shopSlug: string;
  userId: string;
  name: string;
  role: ShopRole;
}) {
  const [state, action] = useActionState(changeMemberRoleAction, idleState);
  const selectId = `role-${userId}`;
  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="shop" value={shopSlug} />
      <input type="hidden" name="userId" value={userId} />
      <label htmlFor={selectId} className="sr-only">
        Role of {name}
      </label>
      <select
        id={selectId}
        name="role"
        key={role}
        defaultValue={role}
        className={controlClasses(false, "h-9 w-28 pr-8")}
      >
        <option value="owner">Owner</option>
        <option value="staff">Staff</option>
      </select>
      <SubmitButton size="sm" variant="secondary" pendingLabel="Saving…">
        Save<span className="sr-only"> role of {name}</span>
      </SubmitButton>
      <InlineStatus state={state} />
    </form>
  );
}
