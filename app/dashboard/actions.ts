"use server";

import { z } from "zod";
import { createShopForUser, slugIsTaken } from "@/db/queries/shops";
import { redirectTo, userAction } from "@/lib/action-pipeline";
import { AppError } from "@/lib/errors";
import { createShopSchema } from "@/lib/shops/rules";

const SLUG_TAKEN = { slug: "That address is already taken. Please choose another." };

export const createShopAction = userAction(
  {
    schema: z.preprocess(
      (v) => ({
        ...(v as object),
        slug: String((v as { slug?: unknown }).slug ?? "").toLowerCase(),
      }),
      createShopSchema,
    ),
  },
  async function createShopAction({ user, input }) {
    if (await slugIsTaken(input.slug)) throw AppError.conflict("", SLUG_TAKEN);
    const result = await createShopForUser(user.id, input);
    if (!result.ok) throw AppError.conflict("", SLUG_TAKEN);
    return redirectTo(`/dashboard/${result.shop.slug}`);
  },
);
