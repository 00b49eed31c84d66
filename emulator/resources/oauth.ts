// Connect OAuth (Standard accounts): authorization codes, token exchange, deauthorization.
// These endpoints answer OAuth-style errors `{error, error_description}`.

import type Stripe from "stripe";
import type { Emulator } from "../context";
import { emit, type EventObject } from "../events";
import { OAuthError } from "../http/errors";
import type { Params } from "../http/params";
import { randomText } from "../ids";
import type { AccountRecord } from "../store";

export const CODE_LIFETIME_SECONDS = 300;

export function application(emu: Emulator): EventObject<"account.application.authorized"> {
  return {
    id: emu.config.clientId,
    object: "application",
    name: emu.config.platformName,
  } satisfies Stripe.Application;
}

/** Issued when the user approves on the consent page; exchanged once by /oauth/token. */
export function issueCode(emu: Emulator, account: string, scope: string): string {
  const code = `ac_${randomText(32)}`;
  const created = emu.now();
  emu.store.state.oauthCodes[code] = {
    code,
    account,
    scope,
    created,
    expiresAt: created + CODE_LIFETIME_SECONDS,
    used: false,
  };
  emu.store.markDirty();
  return code;
}

function connect(emu: Emulator, record: AccountRecord): void {
  record.connected = true;
  record.deauthorized = false;
  emu.store.markDirty();
}

function tokenReply(
  emu: Emulator,
  account: string,
  scope: string,
  refreshToken: string,
): Stripe.OAuthToken {
  const accessToken = `sk_test_oauth_${randomText(32)}`;
  return {
    access_token: accessToken,
    livemode: false,
    refresh_token: refreshToken,
    scope,
    stripe_publishable_key: `pk_test_${account.slice(5)}`,
    stripe_user_id: account,
    token_type: "bearer",
  } satisfies Stripe.OAuthToken;
}

export function token(
  emu: Emulator,
  p: Params,
  request: { id: string; idempotency_key: string | null },
): Stripe.OAuthToken {
  const grant = p.str("grant_type");
  if (grant === "authorization_code") {
    const code = p.str("code");
    if (!code) throw new OAuthError(400, "invalid_request", "No authorization code provided");
    const record = emu.store.state.oauthCodes[code];
    if (!record)
      throw new OAuthError(400, "invalid_grant", `Authorization code does not exist: ${code}`);
    if (record.used) {
      throw new OAuthError(
        400,
        "invalid_grant",
        `This authorization code has already been used. All tokens issued with this code have been revoked.`,
      );
    }
    if (emu.now() >= record.expiresAt)
      throw new OAuthError(400, "invalid_grant", `Authorization code expired: ${code}`);
    record.used = true;
    const account = emu.store.state.accounts[record.account];
    if (!account || account.deleted)
      throw new OAuthError(400, "invalid_grant", `Authorization code does not exist: ${code}`);
    connect(emu, account);
    const refresh = `rt_${randomText(32)}`;
    emu.store.state.refreshTokens[refresh] = { account: record.account, scope: record.scope };
    emit(emu, {
      type: "account.application.authorized",
      object: application(emu),
      account: record.account,
      request,
    });
    return tokenReply(emu, record.account, record.scope, refresh);
  }
  if (grant === "refresh_token") {
    const refresh = p.str("refresh_token");
    if (!refresh) throw new OAuthError(400, "invalid_request", "No refresh token provided");
    const record = emu.store.state.refreshTokens[refresh];
    const account = record ? emu.store.state.accounts[record.account] : undefined;
    if (!record || !account || account.deauthorized || account.deleted)
      throw new OAuthError(400, "invalid_grant", `Invalid refresh token: ${refresh}`);
    return tokenReply(emu, record.account, p.str("scope") ?? record.scope, refresh);
  }
  throw new OAuthError(
    400,
    "unsupported_grant_type",
    `Unsupported grant type: ${grant ?? "(none)"}`,
  );
}

/** The merchant (or the platform) ends the connection; Stripe then sends account.application.deauthorized. */
export function deauthorizeAccount(
  emu: Emulator,
  record: AccountRecord,
  request: { id: string | null; idempotency_key: string | null } | null,
): void {
  record.deauthorized = true;
  for (const [t, r] of Object.entries(emu.store.state.refreshTokens))
    if (r.account === record.obj.id) delete emu.store.state.refreshTokens[t];
  emu.store.markDirty();
  emit(emu, {
    type: "account.application.deauthorized",
    object: application(emu),
    account: record.obj.id,
    request,
  });
}

export function deauthorize(
  emu: Emulator,
  p: Params,
  request: { id: string; idempotency_key: string | null },
): Stripe.OAuthDeauthorization {
  const clientId = p.str("client_id");
  if (clientId !== emu.config.clientId)
    throw new OAuthError(401, "invalid_client", `No such application: '${clientId ?? ""}'`);
  const user = p.str("stripe_user_id") ?? "";
  const record = emu.store.state.accounts[user];
  if (!record || !record.connected || record.deauthorized || record.deleted) {
    throw new OAuthError(
      401,
      "invalid_client",
      `This application is not connected to stripe account ${user}, or that account does not exist.`,
    );
  }
  deauthorizeAccount(emu, record, request);
  return { stripe_user_id: user } satisfies Stripe.OAuthDeauthorization;
}
