// Helpers shared by the resource handlers: pagination, scoped lookups, list filters.

import type Stripe from "stripe";
import type { RequestContext } from "../context";
import { invalidValue, resourceMissing } from "../http/errors";
import { Params } from "../http/params";
import type { Owned } from "../store";

export const params = (ctx: RequestContext): Params => new Params(ctx.params, [], ctx.reads);

/** Stripe's cursor pagination over a newest-first list. */
export function paginate<T extends { id?: string; created?: number }>(
  items: T[],
  p: Params,
  url: string,
): Stripe.ApiList<T> {
  const limit = p.int("limit") ?? 10;
  if (limit < 1)
    throw invalidValue(
      "limit",
      "This value must be greater than or equal to 1.",
      "parameter_invalid_integer",
    );
  if (limit > 100)
    throw invalidValue(
      "limit",
      "This value must be less than or equal to 100.",
      "parameter_invalid_integer",
    );
  let filtered = items;
  p.honour("created");
  const created = p.raw.created;
  if (typeof created === "string" && created !== "") {
    const at = p.int("created");
    filtered = filtered.filter((i) => i.created === at);
  } else if (created !== undefined) {
    const range = p.obj("created");
    const gt = range?.int("gt");
    const gte = range?.int("gte");
    const lt = range?.int("lt");
    const lte = range?.int("lte");
    filtered = filtered.filter((i) => {
      const c = i.created ?? 0;
      return (
        (gt === undefined || c > gt) &&
        (gte === undefined || c >= gte) &&
        (lt === undefined || c < lt) &&
        (lte === undefined || c <= lte)
      );
    });
  }
  const after = p.str("starting_after");
  const before = p.str("ending_before");
  if (after) {
    const index = filtered.findIndex((i) => i.id === after);
    if (index === -1) throw resourceMissing("object", after, "starting_after");
    const rest = filtered.slice(index + 1);
    return { object: "list", data: rest.slice(0, limit), has_more: rest.length > limit, url };
  }
  if (before) {
    const index = filtered.findIndex((i) => i.id === before);
    if (index === -1) throw resourceMissing("object", before, "ending_before");
    const newer = filtered.slice(0, index);
    return {
      object: "list",
      data: newer.slice(Math.max(0, newer.length - limit)),
      has_more: newer.length > limit,
      url,
    };
  }
  return { object: "list", data: filtered.slice(0, limit), has_more: filtered.length > limit, url };
}

/** Finds an object of the current account; another account's object is `resource_missing`, as in Stripe. */
export function findOwned<T>(
  ctx: RequestContext,
  collection: Record<string, Owned<T>>,
  id: string,
  kind: string,
  param = "id",
): Owned<T> {
  const record = collection[id];
  if (!record || record.owner !== ctx.account) throw resourceMissing(kind, id, param);
  return record;
}

export function now(ctx: RequestContext): number {
  return ctx.emu.now();
}

export function save(ctx: RequestContext): void {
  ctx.emu.store.markDirty();
}
