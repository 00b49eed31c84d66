import "server-only";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import Stripe from "stripe";
import {
  attachAccount,
  applyAccountSnapshot,
  consumeOAuthState,
  disconnectShop,
  findShopStripeAccount,
  reserveAccountCreation,
  saveOAuthState,
  unlinkShopAccount,
} from "@/db/queries/connect";
import type { ConnectStatus } from "@/db/schema";
import { env } from "@/lib/env";
import { toAccountSnapshot } from "./account";
import { getStripe, stripeSettings } from "./client";
import { log } from "@/lib/log";

/**
 * Connect operations: OAuth for existing (Standard) accounts, creation + Account Links for new
 * (Express-style) accounts, status refresh, Express dashboard links, disconnect. Every create
 * passes an idempotency key. Expected failures come back as values, never as thrown errors.
 */

export const OAUTH_STATE_TTL_MS = 10 * 60 * 1000;

type ShopRef = {
  id: string;
  slug: string;
  name: string;
  country: string;
  connectStatus: ConnectStatus;
};
type UserRef = { id: string; email: string };

export type ConnectFailure =
  "already_connected" | "not_connected" | "not_express" | "disconnected" | "stripe_error";

export type ConnectResult<T> =
  { ok: true; value: T } | { ok: false; reason: ConnectFailure; message: string };

const ACTIVE_CONNECTION: ConnectStatus[] = [
  "onboarding",
  "under_review",
  "active",
  "restricted",
  "rejected",
];

export function isConnected(status: ConnectStatus) {
  return ACTIVE_CONNECTION.includes(status);
}

const ALREADY_CONNECTED =
  "This shop is already connected to a Stripe account. Disconnect it first if you want to use a different account.";

function fail<T>(reason: ConnectFailure, message: string): ConnectResult<T> {
  return { ok: false, reason, message };
}

function stripeMessage(error: unknown) {
  if (error instanceof Stripe.errors.StripeError) {
    log().error(`[stripe] ${error.type}: ${error.message}`);
  } else {
    log().error({ err: error }, "[stripe] unexpected error");
  }
  return "Stripe could not complete the request just now. Please try again in a moment.";
}

export function paymentsPath(slug: string) {
  return `/dashboard/${slug}/settings/payments`;
}

function appUrl(path: string) {
  return new URL(path, env().APP_URL).toString();
}

export function oauthRedirectUri() {
  return appUrl("/api/stripe/oauth/callback");
}

export function hashState(state: string) {
  return createHash("sha256").update(state).digest("hex");
}

// ── Standard: OAuth ─────────────────────────────────────────────────────────

/** Builds the authorize URL ourselves: stripe.oauth.authorizeUrl() forces https and drops ports. */
export function buildAuthorizeUrl(input: {
  connectBaseUrl: string;
  clientId: string;
  redirectUri: string;
  state: string;
  email?: string;
  businessName?: string;
  country?: string;
}) {
  const url = new URL("/oauth/authorize", input.connectBaseUrl + "/");
  url.searchParams.set("response_type", "code");
  url.searchParams.set("client_id", input.clientId);
  url.searchParams.set("scope", "read_write");
  url.searchParams.set("redirect_uri", input.redirectUri);
  url.searchParams.set("state", input.state);
  if (input.email) url.searchParams.set("stripe_user[email]", input.email);
  if (input.businessName) url.searchParams.set("stripe_user[business_name]", input.businessName);
  if (input.country) url.searchParams.set("stripe_user[country]", input.country);
  return url.toString();
}

/** Starts OAuth: a fresh single-use state bound to this user and shop, valid for ten minutes. */
export async function startOAuthConnect(
  shop: ShopRef,
  user: UserRef,
): Promise<ConnectResult<string>> {
  if (isConnected(shop.connectStatus)) return fail("already_connected", ALREADY_CONNECTED);
  const state = randomBytes(32).toString("base64url");
  await saveOAuthState({
    stateHash: hashState(state),
    userId: user.id,
    shopId: shop.id,
    expiresAt: new Date(Date.now() + OAUTH_STATE_TTL_MS),
  });
  const s = stripeSettings();
  return {
    ok: true,
    value: buildAuthorizeUrl({
      connectBaseUrl: s.connectBaseUrl,
      clientId: s.clientId,
      redirectUri: oauthRedirectUri(),
      state,
      email: user.email,
      businessName: shop.name,
      country: shop.country,
    }),
  };
}

export type OAuthCallbackOutcome =
  | { kind: "connected"; shopId: string; status: ConnectStatus }
  | { kind: "denied"; shopId: string }
  | { kind: "invalid_state" }
  | { kind: "expired_state"; shopId: string }
  | { kind: "invalid_grant"; shopId: string }
  | { kind: "already_connected"; shopId: string }
  | { kind: "error"; shopId: string };

/**
 * The OAuth callback, after the caller is known. `state` is checked first: missing, unknown,
 * reused, expired or someone else's → refused before anything else happens.
 */
export async function completeOAuthConnect(
  userId: string,
  query: { state?: string | null; code?: string | null; error?: string | null },
  loadShop: (shopId: string) => Promise<{ connectStatus: ConnectStatus } | null>,
): Promise<OAuthCallbackOutcome> {
  const state = query.state ?? "";
  if (state.length < 16 || state.length > 200) return { kind: "invalid_state" };
  const consumed = await consumeOAuthState(hashState(state), userId, new Date());
  if (!consumed.ok) {
    if (consumed.reason === "expired" && consumed.shopId)
      return { kind: "expired_state", shopId: consumed.shopId };
    return { kind: "invalid_state" };
  }
  const shopId = consumed.shopId;
  if (query.error) return { kind: "denied", shopId };
  const code = query.code ?? "";
  if (!/^ac_[A-Za-z0-9_]{1,200}$/.test(code)) return { kind: "invalid_grant", shopId };
  const shop = await loadShop(shopId);
  if (!shop) return { kind: "invalid_state" };
  if (isConnected(shop.connectStatus)) return { kind: "already_connected", shopId };

  const stripe = getStripe();
  let accountId: string;
  try {
    const token = await stripe.oauth.token(
      { grant_type: "authorization_code", code },
      { idempotencyKey: `oauth-token:${hashState(state)}` },
    );
    if (!token.stripe_user_id) return { kind: "invalid_grant", shopId };
    accountId = token.stripe_user_id; // The only thing kept: we act with the platform key.
  } catch (error) {
    if (error instanceof Stripe.errors.StripeInvalidGrantError)
      return { kind: "invalid_grant", shopId };
    stripeMessage(error);
    return { kind: "error", shopId };
  }
  try {
    const account = await stripe.accounts.retrieve(accountId);
    const snapshot = toAccountSnapshot(account);
    await attachAccount(shopId, { ...snapshot, type: "standard" }, new Date());
    return { kind: "connected", shopId, status: snapshot.status };
  } catch (error) {
    stripeMessage(error);
    return { kind: "error", shopId };
  }
}

// ── Express-style: create + Account Links ───────────────────────────────────

export async function createExpressAccount(
  shop: ShopRef,
  user: UserRef,
): Promise<ConnectResult<string>> {
  if (isConnected(shop.connectStatus)) return fail("already_connected", ALREADY_CONNECTED);
  const reserved = await reserveAccountCreation(shop.id, `acct-create:${shop.id}:${randomUUID()}`);
  if (!reserved.ok) return fail("already_connected", ALREADY_CONNECTED);
  try {
    const account = await getStripe().accounts.create(
      {
        controller: {
          stripe_dashboard: { type: "express" },
          fees: { payer: "application" },
          losses: { payments: "application" },
          requirement_collection: "stripe",
        },
        capabilities: { card_payments: { requested: true }, transfers: { requested: true } },
        country: shop.country,
        email: user.email,
        business_profile: { name: shop.name },
        metadata: { bazaar_shop_id: shop.id, bazaar_shop_slug: shop.slug },
      },
      { idempotencyKey: reserved.creationKey },
    );
    await attachAccount(shop.id, toAccountSnapshot(account), new Date());
    return { ok: true, value: account.id };
  } catch (error) {
    return fail("stripe_error", stripeMessage(error));
  }
}

/** A fresh single-use onboarding link (they expire after minutes: mint on demand, redirect at once). */
export async function createOnboardingLink(shop: ShopRef): Promise<ConnectResult<string>> {
  const account = await findShopStripeAccount(shop.id);
  if (!account?.accountId || account.disconnectedAt) {
    return fail("not_connected", "This shop has no Stripe account to onboard. Connect one first.");
  }
  if (account.type !== "express") {
    return fail(
      "not_express",
      "This shop uses its own Stripe account: finish any outstanding steps in your Stripe Dashboard.",
    );
  }
  const base = paymentsPath(shop.slug);
  try {
    const link = await getStripe().accountLinks.create(
      {
        account: account.accountId,
        type: "account_onboarding",
        refresh_url: appUrl(`${base}/onboarding/refresh`),
        return_url: appUrl(`${base}/onboarding/return`),
      },
      { idempotencyKey: `account-link:${shop.id}:${randomUUID()}` },
    );
    return { ok: true, value: link.url };
  } catch (error) {
    return fail("stripe_error", stripeMessage(error));
  }
}

/** Re-reads the account from Stripe (return_url, "Refresh status") and stores what it says now. */
export async function syncShopAccount(shop: ShopRef): Promise<ConnectResult<ConnectStatus>> {
  const account = await findShopStripeAccount(shop.id);
  if (!account?.accountId) return fail("not_connected", "This shop is not connected to Stripe.");
  if (account.disconnectedAt) {
    return fail(
      "disconnected",
      "This shop's Stripe account is disconnected. Connect again to take payments.",
    );
  }
  try {
    const fresh = await getStripe().accounts.retrieve(account.accountId);
    const snapshot = toAccountSnapshot(fresh);
    await applyAccountSnapshot(snapshot, new Date(), { force: true, shopId: shop.id });
    return { ok: true, value: snapshot.status };
  } catch (error) {
    return fail("stripe_error", stripeMessage(error));
  }
}

/** A one-time link into the Express dashboard (Express-style accounts only). */
export async function createExpressDashboardLink(shop: ShopRef): Promise<ConnectResult<string>> {
  const account = await findShopStripeAccount(shop.id);
  if (!account?.accountId || account.disconnectedAt) {
    return fail("not_connected", "This shop is not connected to Stripe.");
  }
  if (account.type !== "express") {
    return fail(
      "not_express",
      "Standard accounts use the full Stripe Dashboard at dashboard.stripe.com.",
    );
  }
  if (!account.detailsSubmitted) {
    return fail(
      "not_connected",
      "Finish onboarding first: the Express dashboard opens once your details are submitted.",
    );
  }
  try {
    const link = await getStripe().accounts.createLoginLink(account.accountId, undefined, {
      idempotencyKey: `login-link:${shop.id}:${randomUUID()}`,
    });
    return { ok: true, value: link.url };
  } catch (error) {
    return fail("stripe_error", stripeMessage(error));
  }
}

/**
 * Disconnect. Standard (OAuth): revoke our access on Stripe, then mark the shop disconnected.
 * Express-style (created by us): unlink the account from the shop; the account stays on Stripe.
 */
export async function disconnectShopAccount(
  shop: ShopRef,
): Promise<ConnectResult<"disconnected" | "unlinked">> {
  const account = await findShopStripeAccount(shop.id);
  if (!account) return fail("not_connected", "This shop is not connected to Stripe.");
  if (account.type === "express" || !account.accountId) {
    await unlinkShopAccount(shop.id);
    return { ok: true, value: "unlinked" };
  }
  if (!account.disconnectedAt) {
    try {
      await getStripe().oauth.deauthorize({
        client_id: stripeSettings().clientId,
        stripe_user_id: account.accountId,
      });
    } catch (error) {
      // An OAuth error here means the account already revoked access: it is gone either way.
      if (!(error instanceof Stripe.errors.StripeOAuthError)) {
        return fail("stripe_error", stripeMessage(error));
      }
    }
    await disconnectShop(shop.id);
  }
  return { ok: true, value: "disconnected" };
}
