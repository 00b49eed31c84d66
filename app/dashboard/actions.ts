"use server";

import { redirect } from "next/navigation";
import { createShopForUser, slugIsTaken } from "@/db/queries/shops";
import { errorState, fieldErrorsOf, formObject, type ActionState, formAction } from "@/lib/actions";
import { getCurrentUser } from "@/lib/auth/session";
import { createShopSchema } from "@/lib/shops/rules";

const SLUG_TAKEN = "That address is already taken. Please choose another.";

export const createShopAction = formAction(async function createShopAction(
  _prev: ActionState,
  formData: FormData,
): Promise<ActionState> {
  const raw = formObject(formData);
  const values = {
    name: raw.name ?? "",
    slug: raw.slug ?? "",
    currency: raw.currency ?? "",
    country: raw.country ?? "",
  };
  const user = await getCurrentUser();
  if (!user)
    return errorState("Your session has ended. Sign in again to create a shop.", {}, values);

  const parsed = createShopSchema.safeParse({ ...raw, slug: raw.slug?.toLowerCase() });
  if (!parsed.success) return errorState(undefined, fieldErrorsOf(parsed.error), values);

  if (await slugIsTaken(parsed.data.slug))
    return errorState(undefined, { slug: SLUG_TAKEN }, values);
  const result = await createShopForUser(user.id, parsed.data);
  if (!result.ok) return errorState(undefined, { slug: SLUG_TAKEN }, values);

  redirect(`/dashboard/${result.shop.slug}`);
});
