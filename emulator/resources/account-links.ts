// Account Links: single-use, five-minute URLs to the hosted onboarding page.

import type Stripe from "stripe";
import type { RequestContext } from "../context";
import type { ApiRouter } from "../http/api";
import { ApiError, invalidRequest } from "../http/errors";
import { randomText } from "../ids";
import { reachableAccount } from "./accounts";
import { params } from "./shared";

export const LINK_LIFETIME_SECONDS = 300;

export function checkRedirectUrl(url: string, param: string): void {
  try {
    const u = new URL(url);
    if (u.protocol !== "http:" && u.protocol !== "https:") throw new Error("scheme");
  } catch {
    throw invalidRequest(`Not a valid URL`, param, "url_invalid");
  }
}

function create(ctx: RequestContext): Stripe.AccountLink {
  if (ctx.account)
    throw new ApiError(400, {
      type: "invalid_request_error",
      message: "Account Links can only be created by the platform (without Stripe-Account).",
    });
  const p = params(ctx);
  const accountId = p.reqStr("account");
  const type = p.reqStr("type");
  if (type !== "account_onboarding" && type !== "account_update") {
    throw invalidRequest(
      `Invalid type: must be one of account_onboarding or account_update`,
      "type",
    );
  }
  const refreshUrl = p.reqStr("refresh_url");
  const returnUrl = p.reqStr("return_url");
  checkRedirectUrl(refreshUrl, "refresh_url");
  checkRedirectUrl(returnUrl, "return_url");
  const record = reachableAccount(ctx.emu, accountId);
  if (!record)
    throw new ApiError(400, {
      type: "invalid_request_error",
      code: "account_invalid",
      param: "account",
      message: `No such account: '${accountId}'`,
    });
  if (record.viaOAuth) {
    throw invalidRequest(
      "You cannot create Account Links for an account that connected through OAuth: the account manages its own details on Stripe.",
      "account",
    );
  }
  if (type === "account_update" && record.obj.controller?.requirement_collection === "stripe") {
    throw invalidRequest(
      "You cannot create `account_update` type Account Links for accounts where `controller.requirement_collection` is `stripe`. Use `account_onboarding` instead.",
      "type",
    );
  }
  const created = ctx.emu.now();
  const token = randomText(32);
  ctx.emu.store.state.accountLinks[token] = {
    token,
    account: accountId,
    type,
    refreshUrl,
    returnUrl,
    created,
    expiresAt: created + LINK_LIFETIME_SECONDS,
    used: false,
  };
  ctx.emu.store.markDirty();
  return {
    object: "account_link",
    created,
    expires_at: created + LINK_LIFETIME_SECONDS,
    url: `${ctx.emu.baseUrl}/connect/onboarding/${token}`,
  } satisfies Stripe.AccountLink;
}

export function registerAccountLinks(api: ApiRouter): void {
  api.operation("accountLinks.create", create);
}
