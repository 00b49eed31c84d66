// Hosted OAuth consent (`/oauth/authorize`): connect a new or existing Standard test account, or deny.

import type { ServerResponse } from "node:http";
import type { Emulator } from "../context";
import type { Params } from "../http/params";
import { redirect, sendHtml } from "../http/respond";
import { createConnectedAccount, markOnboarded } from "../resources/accounts";
import { issueCode } from "../resources/oauth";
import { esc, notFoundPage, page } from "./layout";

interface AuthorizeRequest {
  clientId: string;
  redirectUri: string;
  scope: string;
  state: string;
  email: string;
  businessName: string;
}

function withQuery(base: string, params: Record<string, string>): string {
  const url = new URL(base);
  for (const [k, v] of Object.entries(params)) if (v !== "") url.searchParams.set(k, v);
  return url.toString();
}

/** Validates the request; on failure renders the error page and returns null. */
function parseRequest(
  emu: Emulator,
  res: ServerResponse,
  get: (k: string) => string | undefined,
): AuthorizeRequest | null {
  const clientId = get("client_id") ?? "";
  const responseType = get("response_type") ?? "";
  const redirectUri = get("redirect_uri") ?? "";
  const scope = get("scope") || "read_only";
  if (clientId !== emu.config.clientId) {
    sendHtml(
      res,
      400,
      notFoundPage("Invalid client_id", `No application matches client_id "${clientId}".`),
    );
    return null;
  }
  if (responseType !== "code") {
    sendHtml(res, 400, notFoundPage("Invalid response_type", 'response_type must be "code".'));
    return null;
  }
  try {
    const u = new URL(redirectUri);
    if (u.protocol !== "http:" && u.protocol !== "https:") throw new Error("scheme");
  } catch {
    sendHtml(
      res,
      400,
      notFoundPage("Invalid redirect_uri", "A valid absolute redirect_uri is required."),
    );
    return null;
  }
  if (scope !== "read_write" && scope !== "read_only") {
    sendHtml(res, 400, notFoundPage("Invalid scope", "scope must be read_write or read_only."));
    return null;
  }
  return {
    clientId,
    redirectUri,
    scope,
    state: get("state") ?? "",
    email: get("stripe_user[email]") ?? "",
    businessName: get("stripe_user[business_name]") ?? "",
  };
}

export function authorizeGet(emu: Emulator, res: ServerResponse, query: URLSearchParams): void {
  const req = parseRequest(emu, res, (k) => query.get(k) ?? undefined);
  if (!req) return;
  const existing = Object.values(emu.store.state.accounts)
    .filter(
      (r) =>
        !r.deleted &&
        r.obj.controller?.stripe_dashboard?.type === "full" &&
        r.obj.details_submitted,
    )
    .sort((a, b) => b.seq - a.seq);
  const hidden = ["client_id", "redirect_uri", "scope", "state"]
    .map(
      (k) =>
        `<input type="hidden" name="${k}" value="${esc({ client_id: req.clientId, redirect_uri: req.redirectUri, scope: req.scope, state: req.state }[k])}">`,
    )
    .join("");
  const options = existing
    .map(
      (
        r,
        i,
      ) => `<label class="choice"><input type="radio" name="account" value="${esc(r.obj.id)}"${i === 0 ? " checked" : ""}>
      <span>${esc(r.obj.business_profile?.name ?? r.obj.id)} <span class="muted">(${esc(r.obj.id)}${r.connected && !r.deauthorized ? ", connected" : ""})</span></span></label>`,
    )
    .join("");
  const body = `
<div class="card">
  <h1>Connect your Stripe account to ${esc(emu.config.platformName)}</h1>
  <p>${esc(emu.config.platformName)} is requesting <strong>${req.scope === "read_write" ? "read and write" : "read-only"}</strong> access to your Stripe account.</p>
  <form method="post" action="/oauth/authorize" data-testid="oauth-new-form">
    ${hidden}
    <h2>Create a new test account</h2>
    <label for="business_name">Business name</label>
    <input id="business_name" name="business_name" autocomplete="organization" value="${esc(req.businessName || "Test Standard Shop")}">
    <label for="email">Email</label>
    <input id="email" name="email" type="email" autocomplete="email" value="${esc(req.email || "owner@example.com")}">
    <div class="actions"><button type="submit" name="action" value="connect_new" data-testid="oauth-connect-new">Connect new account</button></div>
  </form>
  ${
    existing.length
      ? `<form method="post" action="/oauth/authorize" data-testid="oauth-existing-form">
    ${hidden}
    <fieldset><legend>Or use an existing account</legend>${options}</fieldset>
    <div class="actions"><button type="submit" name="action" value="connect_existing" class="secondary" data-testid="oauth-connect-existing">Connect selected account</button></div>
  </form>`
      : ""
  }
  <form method="post" action="/oauth/authorize">
    ${hidden}
    <div class="actions"><button type="submit" name="action" value="deny" class="danger" data-testid="oauth-deny">Deny access</button></div>
  </form>
</div>`;
  sendHtml(res, 200, page(`Connect with ${emu.config.platformName}`, body));
}

export function authorizePost(emu: Emulator, res: ServerResponse, form: Params): void {
  const req = parseRequest(emu, res, (k) => (k === "response_type" ? "code" : form.str(k)));
  if (!req) return;
  const action = form.str("action");
  if (action === "deny") {
    return redirect(
      res,
      withQuery(req.redirectUri, {
        error: "access_denied",
        error_description: "The user denied your request",
        state: req.state,
      }),
    );
  }
  let accountId: string;
  if (action === "connect_existing") {
    const id = form.str("account") ?? "";
    const record = emu.store.state.accounts[id];
    if (!record || record.deleted)
      return sendHtml(
        res,
        400,
        notFoundPage("Unknown account", "Choose one of the listed accounts."),
      );
    accountId = id;
  } else {
    const record = createConnectedAccount(
      emu,
      {
        controller: {
          type: "account",
          is_controller: false,
          fees: { payer: "account" },
          losses: { payments: "stripe" },
          requirement_collection: "stripe",
          stripe_dashboard: { type: "full" },
        },
        type: "standard",
        country: "US",
        email: form.str("email")?.trim() || null,
        businessName: form.str("business_name")?.trim() || null,
        capabilities: ["card_payments", "transfers"],
        metadata: {},
      },
      true,
    );
    markOnboarded(record.obj);
    accountId = record.obj.id;
  }
  // The account is connected when the user approves; the code is exchanged once by /oauth/token.
  const record = emu.store.state.accounts[accountId];
  if (record) {
    record.connected = true;
    record.deauthorized = false;
  }
  const code = issueCode(emu, accountId, req.scope);
  redirect(res, withQuery(req.redirectUri, { code, scope: req.scope, state: req.state }));
}
