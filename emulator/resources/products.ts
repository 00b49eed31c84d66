// Products on an account (the platform's or a connected account's): what coupons'
// `applies_to[products]` and line items' `price_data[product]` name.

import type Stripe from "stripe";
import type { Emulator, RequestContext } from "../context";
import { emit, previousAttributes, requestInfo } from "../events";
import type { ApiRouter } from "../http/api";
import { invalidRequest, resourceMissing } from "../http/errors";
import { mergeMetadata, type Params } from "../http/params";
import { newId } from "../ids";
import { scopedKey, type Owned } from "../store";
import { paginate, params } from "./shared";

/** A product of `owner`, or null. */
export function findProduct(
  emu: Emulator,
  owner: string | null,
  id: string,
): Owned<Stripe.Product> | null {
  return emu.store.state.products[scopedKey(owner, id)] ?? null;
}

function productFor(ctx: RequestContext, id: string): Owned<Stripe.Product> {
  const record = findProduct(ctx.emu, ctx.account, id);
  if (!record) throw resourceMissing("product", id);
  return record;
}

function dimensions(p: Params | undefined): Stripe.Product.PackageDimensions | null {
  if (!p) return null;
  const num = (k: string) => Number(p.reqStr(k));
  return {
    height: num("height"),
    length: num("length"),
    weight: num("weight"),
    width: num("width"),
  };
}

function features(list: Params[]): Stripe.Product.MarketingFeature[] {
  return list.map((f) => ({ name: f.reqStr("name") }));
}

function taxDetails(p: Params | undefined): Stripe.Product.TaxDetails | null {
  if (!p) return null;
  return {
    performance_location: p.str("performance_location") ?? null,
    tax_code: p.str("tax_code") ?? null,
  };
}

function create(ctx: RequestContext): Stripe.Product {
  const p = params(ctx);
  const name = p.reqStr("name");
  const id = p.str("id") ?? newId("prod");
  if (findProduct(ctx.emu, ctx.account, id))
    throw invalidRequest(`Product already exists.`, "id", "resource_already_exists");
  const created = ctx.emu.now();
  const product = {
    id,
    object: "product",
    active: p.bool("active") ?? true,
    created,
    default_price: null,
    description: p.str("description") ?? null,
    images: p.strings("images"),
    livemode: false,
    marketing_features: features(p.list("marketing_features")),
    metadata: mergeMetadata({}, p.map("metadata")),
    name,
    package_dimensions: dimensions(p.obj("package_dimensions")),
    shippable: p.bool("shippable") ?? null,
    statement_descriptor: p.str("statement_descriptor") ?? null,
    tax_code: p.str("tax_code") ?? null,
    tax_details: taxDetails(p.obj("tax_details")),
    type: p.oneOf("type", ["good", "service"]) ?? "service",
    unit_label: p.str("unit_label") ?? null,
    updated: created,
    url: p.str("url") ?? null,
  } satisfies Stripe.Product;
  ctx.emu.store.state.products[scopedKey(ctx.account, id)] = {
    owner: ctx.account,
    seq: ctx.emu.store.nextSeq(),
    obj: product,
  };
  ctx.emu.store.markDirty();
  emit(ctx.emu, {
    type: "product.created",
    object: product,
    account: ctx.account,
    request: requestInfo(ctx),
  });
  return product;
}

function retrieve(ctx: RequestContext, path: Record<string, string>): Stripe.Product {
  return productFor(ctx, path.id ?? "").obj;
}

function update(ctx: RequestContext, path: Record<string, string>): Stripe.Product {
  const record = productFor(ctx, path.id ?? "");
  const p = params(ctx);
  const before = structuredClone(record.obj);
  const product = record.obj;
  const nullable = (key: string): string | null | undefined =>
    p.raw[key] === "" ? (p.honour(key), null) : p.str(key);
  if (p.has("default_price")) {
    const price = p.str("default_price") ?? "";
    throw resourceMissing("price", price, "default_price");
  }
  const active = p.bool("active");
  if (active !== undefined) product.active = active;
  const name = p.str("name");
  if (name !== undefined) {
    if (name === "") throw invalidRequest("Name cannot be empty.", "name");
    product.name = name;
  }
  const description = nullable("description");
  if (description !== undefined) product.description = description;
  if (p.has("images")) product.images = p.strings("images");
  if (p.has("marketing_features"))
    product.marketing_features = features(p.list("marketing_features"));
  product.metadata = mergeMetadata(product.metadata, p.map("metadata"));
  if (p.has("package_dimensions"))
    product.package_dimensions = dimensions(p.obj("package_dimensions"));
  const shippable = p.bool("shippable");
  if (shippable !== undefined) product.shippable = shippable;
  const descriptor = p.str("statement_descriptor");
  if (descriptor !== undefined) product.statement_descriptor = descriptor;
  const taxCode = nullable("tax_code");
  if (taxCode !== undefined) product.tax_code = taxCode;
  if (p.has("tax_details")) product.tax_details = taxDetails(p.obj("tax_details"));
  const unitLabel = nullable("unit_label");
  if (unitLabel !== undefined) product.unit_label = unitLabel;
  const url = nullable("url");
  if (url !== undefined) product.url = url;
  product.updated = ctx.emu.now();
  ctx.emu.store.markDirty();
  const previous = previousAttributes(before, product);
  delete previous.updated;
  if (Object.keys(previous).length > 0)
    emit(ctx.emu, {
      type: "product.updated",
      object: product,
      account: ctx.account,
      previous,
      request: requestInfo(ctx),
    });
  return product;
}

function list(ctx: RequestContext): Stripe.ApiList<Stripe.Product> {
  const p = params(ctx);
  const active = p.bool("active");
  const shippable = p.bool("shippable");
  const type = p.str("type");
  const url = p.str("url");
  const ids = p.strings("ids");
  const items = ctx.emu.store.list(
    ctx.emu.store.state.products,
    ctx.account,
    (x) =>
      (active === undefined || x.active === active) &&
      (shippable === undefined || x.shippable === shippable) &&
      (!type || x.type === type) &&
      (!url || x.url === url) &&
      (ids.length === 0 || ids.includes(x.id)),
  );
  return paginate(items, p, "/v1/products");
}

export function registerProducts(api: ApiRouter): void {
  api.operation("products.create", create);
  api.operation("products.list", list);
  api.operation("products.retrieve", retrieve);
  api.operation("products.update", update);
}
