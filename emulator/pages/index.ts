// Routes for the pages Stripe hosts. Returns false when the path is not a page.

import type { IncomingMessage, ServerResponse } from "node:http";
import type { Emulator } from "../context";
import { parseBody } from "../http/form";
import { Params } from "../http/params";
import { readBody, sendHtml } from "../http/respond";
import { embeddedGet, embeddedPost, hostedGet, hostedPost, recoverGet } from "./checkout";
import { expressDashboard, receipt } from "./express";
import { esc, page } from "./layout";
import { authorizeGet, authorizePost } from "./oauth";
import { onboardingGet, onboardingPost } from "./onboarding";
import { portalGet, portalPost } from "./portal";

async function form(req: IncomingMessage): Promise<Params> {
  return new Params(parseBody(req.headers["content-type"], await readBody(req)));
}

export async function handlePage(
  emu: Emulator,
  req: IncomingMessage,
  res: ServerResponse,
  method: string,
  path: string,
  query: URLSearchParams,
): Promise<boolean> {
  const segments = path
    .split("/")
    .filter(Boolean)
    .map((s) => decodeURIComponent(s));
  const [a, b, c] = segments;
  if (method === "GET" && path === "/") {
    sendHtml(
      res,
      200,
      page(
        "Stripe emulator",
        `<div class="card"><h1>Stripe emulator</h1><p>API base: <code>${esc(emu.baseUrl)}</code></p><p>Point the stripe SDK here with <code>host</code>, <code>port</code> and <code>protocol: "http"</code>.</p></div>`,
      ),
    );
    return true;
  }
  if (a === "connect" && b === "onboarding" && c && segments.length === 3) {
    if (method === "GET") onboardingGet(emu, res, c);
    else if (method === "POST") onboardingPost(emu, res, c, await form(req));
    else return false;
    return true;
  }
  if (a === "oauth" && b === "authorize" && segments.length === 2) {
    if (method === "GET") authorizeGet(emu, res, query);
    else if (method === "POST") authorizePost(emu, res, await form(req));
    else return false;
    return true;
  }
  if (a === "c" && b === "pay" && c && segments.length === 3) {
    if (method === "GET") hostedGet(emu, res, c);
    else if (method === "POST") hostedPost(emu, res, c, await form(req));
    else return false;
    return true;
  }
  if (method === "GET" && a === "c" && b === "recover" && c && segments.length === 3) {
    recoverGet(emu, res, c);
    return true;
  }
  if (a === "c" && b === "embedded" && c && segments.length === 3) {
    if (method === "GET") embeddedGet(emu, res, c, query);
    else if (method === "POST") embeddedPost(emu, res, c, query, await form(req));
    else return false;
    return true;
  }
  if (a === "p" && b === "session" && c && segments.length === 3) {
    if (method === "GET") portalGet(emu, res, c, query);
    else if (method === "POST") portalPost(emu, res, c, await form(req));
    else return false;
    return true;
  }
  if (method === "GET" && a === "express" && b && segments.length === 2) {
    expressDashboard(emu, res, b);
    return true;
  }
  if (method === "GET" && a === "receipts" && b && segments.length === 2) {
    receipt(emu, res, b);
    return true;
  }
  return false;
}
