// Events (list / retrieve) and webhook endpoints.

import type Stripe from "stripe";
import type { RequestContext } from "../context";
import { API_VERSION } from "../events";
import type { ApiRouter } from "../http/api";
import { invalidRequest, resourceMissing } from "../http/errors";
import { mergeMetadata } from "../http/params";
import { newId, randomText } from "../ids";
import type { EndpointRecord } from "../store";
import { findOwned, paginate, params } from "./shared";

function listEvents(ctx: RequestContext): Stripe.ApiList<Stripe.Event> {
  const p = params(ctx);
  const type = p.str("type");
  const types = p.strings("types");
  // `type` accepts a trailing wildcard such as `charge.*`.
  const matchType = (t: string) => {
    if (types.length && !types.includes(t)) return false;
    if (!type) return true;
    return type.endsWith("*") ? t.startsWith(type.slice(0, -1)) : t === type;
  };
  const items = ctx.emu.store.list(ctx.emu.store.state.events, ctx.account, (e) =>
    matchType(e.type),
  );
  return paginate(items, p, "/v1/events");
}

function retrieveEvent(ctx: RequestContext, path: Record<string, string>): Stripe.Event {
  return findOwned(ctx, ctx.emu.store.state.events, path.id ?? "", "event").obj;
}

export function buildEndpoint(
  url: string,
  events: string[],
  created: number,
  description: string | null,
  metadata: Record<string, string>,
  id = newId("we"),
): Stripe.WebhookEndpoint {
  return {
    id,
    object: "webhook_endpoint",
    api_version: API_VERSION,
    application: null,
    created,
    description,
    enabled_events: events,
    livemode: false,
    metadata,
    status: "enabled",
    url,
  } satisfies Stripe.WebhookEndpoint;
}

function checkUrl(url: string): void {
  try {
    const u = new URL(url);
    if (u.protocol !== "http:" && u.protocol !== "https:") throw new Error("protocol");
  } catch {
    throw invalidRequest(
      "Invalid URL: An explicit scheme (such as https) must be provided.",
      "url",
      "url_invalid",
    );
  }
}

function endpointFor(ctx: RequestContext, id: string): EndpointRecord {
  const record = ctx.emu.store.state.webhookEndpoints[id];
  if (!record || record.owner !== ctx.account) throw resourceMissing("webhook_endpoint", id);
  return record;
}

function createEndpoint(ctx: RequestContext): Stripe.WebhookEndpoint {
  const p = params(ctx);
  const url = p.reqStr("url");
  checkUrl(url);
  const events = p.strings("enabled_events");
  if (events.length === 0)
    throw invalidRequest(
      "Missing required param: enabled_events.",
      "enabled_events",
      "parameter_missing",
    );
  const connect = p.bool("connect") ?? false;
  if (connect && ctx.account)
    throw invalidRequest("Connected accounts cannot create Connect webhook endpoints.", "connect");
  const secret = `whsec_${randomText(32)}`;
  const endpoint = buildEndpoint(
    url,
    events,
    ctx.emu.now(),
    p.str("description") ?? null,
    mergeMetadata({}, p.map("metadata")),
  );
  // Pinned as asked (what the endpoint reports); events are rendered in the emulator's one
  // API version, the pinned SDK's, which is what an app pins.
  const apiVersion = p.str("api_version");
  if (apiVersion) endpoint.api_version = apiVersion;
  ctx.emu.store.state.webhookEndpoints[endpoint.id] = {
    seq: ctx.emu.store.nextSeq(),
    owner: ctx.account,
    obj: endpoint,
    secret,
    connect,
    fromEnv: false,
  };
  ctx.emu.store.markDirty();
  // The secret is only ever shown in the reply to create, as in Stripe.
  return { ...endpoint, secret };
}

function listEndpoints(ctx: RequestContext): Stripe.ApiList<Stripe.WebhookEndpoint> {
  const items = Object.values(ctx.emu.store.state.webhookEndpoints)
    .filter((e) => e.owner === ctx.account)
    .sort((a, b) => b.seq - a.seq)
    .map((e) => e.obj);
  return paginate(items, params(ctx), "/v1/webhook_endpoints");
}

function retrieveEndpoint(
  ctx: RequestContext,
  path: Record<string, string>,
): Stripe.WebhookEndpoint {
  return endpointFor(ctx, path.id ?? "").obj;
}

function updateEndpoint(ctx: RequestContext, path: Record<string, string>): Stripe.WebhookEndpoint {
  const record = endpointFor(ctx, path.id ?? "");
  const p = params(ctx);
  const url = p.str("url");
  if (url) {
    checkUrl(url);
    record.obj.url = url;
  }
  const events = p.strings("enabled_events");
  if (events.length) record.obj.enabled_events = events;
  const disabled = p.bool("disabled");
  if (disabled !== undefined) record.obj.status = disabled ? "disabled" : "enabled";
  const description = p.str("description");
  if (description !== undefined) record.obj.description = description || null;
  record.obj.metadata = mergeMetadata(record.obj.metadata, p.map("metadata"));
  ctx.emu.store.markDirty();
  return record.obj;
}

function deleteEndpoint(
  ctx: RequestContext,
  path: Record<string, string>,
): Stripe.DeletedWebhookEndpoint {
  const record = endpointFor(ctx, path.id ?? "");
  delete ctx.emu.store.state.webhookEndpoints[record.obj.id];
  ctx.emu.store.markDirty();
  return {
    id: record.obj.id,
    object: "webhook_endpoint",
    deleted: true,
  } satisfies Stripe.DeletedWebhookEndpoint;
}

export function registerEvents(api: ApiRouter): void {
  api.operation("events.list", listEvents);
  api.operation("events.retrieve", retrieveEvent);
  api.operation("webhookEndpoints.create", createEndpoint);
  api.operation("webhookEndpoints.list", listEndpoints);
  api.operation("webhookEndpoints.retrieve", retrieveEndpoint);
  api.operation("webhookEndpoints.update", updateEndpoint);
  api.operation("webhookEndpoints.del", deleteEndpoint);
}
