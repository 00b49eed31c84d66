// The local Stripe emulator: a plain node:http server that the official `stripe` SDK drives
// through its host/port/protocol options, plus the pages Stripe hosts and a control API.
// Run: `npx tsx emulator/server.ts`; or in-process: `await startEmulator({ port: 0 })`.

import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { pathToFileURL } from "node:url";
import { loadConfig, type EmulatorConfig, type EmulatorOptions } from "./config";
import type { Emulator, RequestContext } from "./context";
import { createControlRouter, handleControl, sweep } from "./control";
import { registerDisputes } from "./disputes";
import { API_VERSION } from "./events";
import { applyExpand } from "./expand";
import { ApiRouter } from "./http/api";
import { ApiError, maskKey, noAccessToAccount, OAuthError, unrecognizedUrl } from "./http/errors";
import { emptyParams, parseBody, parseForm } from "./http/form";
import { validateRequest } from "./http/param-schema";
import { ignoredParams, Params, type ReadLog } from "./http/params";
import { readBody, sendJson } from "./http/respond";
import { randomText } from "./ids";
import { OPERATIONS, type OperationId } from "./operations";
import { handlePage } from "./pages";
import { registerAccountLinks } from "./resources/account-links";
import { buildPlatformAccount, reachableAccount, registerAccounts } from "./resources/accounts";
import { registerApplicationFees } from "./resources/application-fees";
import { registerBilling } from "./resources/billing";
import { registerBalance } from "./resources/balance";
import { registerCharges } from "./resources/charges";
import { registerCheckoutSessions } from "./resources/checkout-sessions";
import { registerDiscounts } from "./resources/discounts";
import { buildEndpoint, registerEvents } from "./resources/events";
import { deauthorize, token } from "./resources/oauth";
import { registerPaymentIntents } from "./resources/payment-intents";
import { registerProducts } from "./resources/products";
import { registerShippingRates } from "./resources/shipping-rates";
import { registerTax } from "./resources/tax";
import { registerTransfers } from "./resources/transfers";
import { stripeJsShim } from "./shim/stripe-js";
import { Store, type State } from "./store";
import { WebhookDispatcher } from "./webhooks";
import { createLogger } from "../lib/logger";

// The same structured logger as the app (pino, one JSON line per record).
const emulatorLog = createLogger("stripe-emulator");

export interface RunningEmulator {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Reply header naming the parameters a request sent that the emulator ignored. */
export const IGNORED_HEADER = "x-emulator-ignored-parameters";

/** Idempotency keys are kept for 24 hours, as Stripe keeps them. */
const IDEMPOTENCY_TTL = 24 * 3600;

function initialState(config: EmulatorConfig): State {
  const created = Math.floor(Date.now() / 1000);
  return {
    version: 1,
    seq: 0,
    clockOffset: 0,
    platform: buildPlatformAccount(config.platformName, created),
    accounts: {},
    sessions: {},
    paymentIntents: {},
    charges: {},
    refunds: {},
    applicationFees: {},
    balanceTransactions: {},
    payouts: {},
    disputes: {},
    products: {},
    shippingRates: {},
    coupons: {},
    promotionCodes: {},
    taxSettings: {},
    taxRegistrations: {},
    customers: {},
    prices: {},
    subscriptions: {},
    invoices: {},
    savedCards: {},
    portalSessions: {},
    transfers: {},
    events: {},
    webhookEndpoints: {},
    accountLinks: {},
    oauthCodes: {},
    refreshTokens: {},
    idempotency: {},
    deliveries: [],
  };
}

/** Endpoints given by environment are (re)installed on every start and reset, with fixed ids. */
function installEnvEndpoints(emu: Emulator): void {
  const endpoints = emu.store.state.webhookEndpoints;
  for (const [id, e] of Object.entries(endpoints)) if (e.fromEnv) delete endpoints[id];
  emu.config.webhookEndpoints.forEach((e, i) => {
    const id = `we_env_${e.connect ? "connect" : "platform"}_${i}`;
    const obj = buildEndpoint(
      e.url,
      ["*"],
      emu.now(),
      `From ${e.connect ? "EMULATOR_CONNECT_WEBHOOK_URL" : "EMULATOR_PLATFORM_WEBHOOK_URL"}`,
      {},
      id,
    );
    endpoints[id] = {
      seq: emu.store.nextSeq(),
      owner: null,
      obj,
      secret: e.secret,
      connect: e.connect,
      fromEnv: true,
    };
  });
}

function buildApi(): ApiRouter {
  const api = new ApiRouter();
  registerAccounts(api);
  registerAccountLinks(api);
  registerCheckoutSessions(api);
  registerPaymentIntents(api);
  registerCharges(api);
  registerApplicationFees(api);
  registerBalance(api);
  registerEvents(api);
  registerProducts(api);
  registerShippingRates(api);
  registerDiscounts(api);
  registerTax(api);
  registerBilling(api);
  registerTransfers(api);
  registerDisputes(api);
  return api;
}

function bearerKey(req: IncomingMessage): string | null {
  const header = req.headers.authorization;
  if (!header) return null;
  if (header.startsWith("Bearer ")) return header.slice(7).trim();
  if (header.startsWith("Basic "))
    return Buffer.from(header.slice(6), "base64").toString("utf8").split(":")[0] ?? null;
  return null;
}

function authenticate(emu: Emulator, req: IncomingMessage): void {
  const key = bearerKey(req);
  if (!key) {
    throw new ApiError(401, {
      type: "authentication_error",
      message:
        "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').",
    });
  }
  if (key !== emu.config.secretKey) {
    throw new ApiError(401, {
      type: "authentication_error",
      message: `Invalid API Key provided: ${maskKey(key)}`,
    });
  }
}

function header(req: IncomingMessage, name: string): string | null {
  const v = req.headers[name];
  return Array.isArray(v) ? (v[0] ?? null) : (v ?? null);
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const config = loadConfig(options);
  const store = new Store(config.dataFile, () => initialState(config));
  const webhooks = new WebhookDispatcher(store, config.webhookRetry);
  const emu: Emulator = {
    config,
    store,
    webhooks,
    baseUrl: "",
    now: () => Math.floor(Date.now() / 1000) + store.state.clockOffset,
  };
  installEnvEndpoints(emu);
  const api = buildApi();
  const control = createControlRouter(() => {
    store.reset();
    installEnvEndpoints(emu);
  });

  async function handleApi(
    req: IncomingMessage,
    res: ServerResponse,
    method: string,
    path: string,
    query: string,
  ): Promise<void> {
    const requestId = `req_${randomText(14)}`;
    const baseHeaders: Record<string, string> = {
      "request-id": requestId,
      "stripe-version": API_VERSION,
    };
    try {
      authenticate(emu, req);
      const stripeAccount = header(req, "stripe-account");
      if (stripeAccount !== null && !reachableAccount(emu, stripeAccount))
        throw noAccessToAccount(config.secretKey, stripeAccount);
      const match = api.match(method, path);
      if (!match) throw unrecognizedUrl(method, path);
      const body = method === "POST" ? await readBody(req) : "";
      const params =
        method === "POST"
          ? Object.assign(
              emptyParams(),
              parseForm(query),
              parseBody(header(req, "content-type") ?? undefined, body),
            )
          : parseForm(query);
      const operation = match.route.operation as OperationId;
      validateRequest(params, OPERATIONS[operation].params);

      const idempotencyKey = method === "POST" ? header(req, "idempotency-key") : null;
      let scopeKey: string | null = null;
      if (idempotencyKey) {
        scopeKey = `${stripeAccount ?? "platform"}|${idempotencyKey}`;
        const fingerprint = `${method} ${path} ${JSON.stringify(params)}`;
        const saved = store.state.idempotency[scopeKey];
        if (saved && saved.created + IDEMPOTENCY_TTL > emu.now()) {
          if (saved.fingerprint !== fingerprint) {
            throw new ApiError(400, {
              type: "idempotency_error",
              message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`,
            });
          }
          sendJson(res, saved.status, saved.body, {
            ...baseHeaders,
            "idempotent-replayed": "true",
            "idempotency-key": idempotencyKey,
          });
          return;
        }
      }

      const reads: ReadLog = new Set();
      const ctx: RequestContext = {
        emu,
        method,
        path,
        params,
        account: stripeAccount,
        requestId,
        idempotencyKey,
        expand: new Params(params, [], reads).strings("expand"),
        reads,
      };
      const remember = (status: number, text: string) => {
        if (!scopeKey || !idempotencyKey) return;
        store.state.idempotency[scopeKey] = {
          fingerprint: `${method} ${path} ${JSON.stringify(params)}`,
          status,
          body: text,
          created: emu.now(),
        };
        store.markDirty();
      };
      let text: string;
      try {
        const reply = applyExpand(
          emu,
          match.route.handler(ctx, match.params),
          ctx.expand,
          stripeAccount,
        );
        text = JSON.stringify(reply, null, 2);
        remember(200, text);
      } catch (error) {
        // Card declines happened (a charge exists), so Stripe saves them for replay; validation errors are not saved.
        if (error instanceof ApiError && error.status === 402)
          remember(402, JSON.stringify(error.toJSON(), null, 2));
        throw error;
      }
      const headers: Record<string, string> = idempotencyKey
        ? { ...baseHeaders, "idempotency-key": idempotencyKey }
        : { ...baseHeaders };
      // Emulator-only: the valid parameters this request sent that the emulator ignored
      // (the fidelity report counts them; emulator/README.md lists them).
      const ignored = ignoredParams(params, reads);
      if (ignored.length > 0) headers[IGNORED_HEADER] = ignored.join(",").slice(0, 8000);
      sendJson(res, 200, text, headers);
    } catch (error) {
      sendError(res, error, baseHeaders);
    }
  }

  async function handleOAuth(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
  ): Promise<void> {
    const requestId = `req_${randomText(14)}`;
    try {
      const params = new Params(
        parseBody(header(req, "content-type") ?? undefined, await readBody(req)),
      );
      const key = bearerKey(req) ?? params.str("client_secret");
      if (key !== config.secretKey)
        throw new OAuthError(
          401,
          "invalid_client",
          `Invalid API Key provided: ${maskKey(key ?? "")}`,
        );
      const request = { id: requestId, idempotency_key: header(req, "idempotency-key") };
      const reply =
        path === "/oauth/token" ? token(emu, params, request) : deauthorize(emu, params, request);
      sendJson(res, 200, reply, { "request-id": requestId });
    } catch (error) {
      sendError(res, error, { "request-id": requestId });
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = (req.method ?? "GET").toUpperCase();
    const rawUrl = req.url ?? "/";
    const q = rawUrl.indexOf("?");
    const path = q === -1 ? rawUrl : rawUrl.slice(0, q);
    const query = q === -1 ? "" : rawUrl.slice(q + 1);
    if (config.log) emulatorLog.info({ method, path }, "request");
    try {
      if (path.startsWith("/v1/")) return await handleApi(req, res, method, path, query);
      if (method === "POST" && (path === "/oauth/token" || path === "/oauth/deauthorize"))
        return await handleOAuth(req, res, path);
      if (path.startsWith("/_emulator/")) {
        const body =
          method === "POST"
            ? parseBody(header(req, "content-type") ?? undefined, await readBody(req))
            : {};
        const reply = await handleControl(
          emu,
          control,
          method,
          path,
          body,
          new URLSearchParams(query),
        );
        return sendJson(res, reply.status, reply.body);
      }
      if (method === "GET" && path === "/js/stripe.js") {
        res.writeHead(200, {
          "content-type": "text/javascript; charset=utf-8",
          "cache-control": "no-store",
          "access-control-allow-origin": "*",
        });
        res.end(stripeJsShim(emu));
        return;
      }
      if (await handlePage(emu, req, res, method, path, new URLSearchParams(query))) return;
      throw unrecognizedUrl(method, path);
    } catch (error) {
      sendError(res, error, {});
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => sendError(res, error, {}));
  });
  server.keepAliveTimeout = 5000;

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  emu.baseUrl = `http://${config.host}:${port}`;
  // Catch up on time that passed while a persisted emulator was stopped.
  sweep(emu);

  return {
    url: emu.baseUrl,
    port,
    close: async () => {
      webhooks.close();
      store.flush();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function sendError(res: ServerResponse, error: unknown, headers: Record<string, string>): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  if (error instanceof ApiError || error instanceof OAuthError) {
    sendJson(res, error.status, error.toJSON(), headers);
    return;
  }
  if (error instanceof SyntaxError) {
    sendJson(
      res,
      400,
      new ApiError(400, {
        type: "invalid_request_error",
        message: `Invalid request body: ${error.message}`,
      }).toJSON(),
      headers,
    );
    return;
  }
  emulatorLog.error({ err: error }, "internal error");
  sendJson(
    res,
    500,
    new ApiError(500, {
      type: "api_error",
      message: "An unexpected error occurred in the Stripe emulator.",
    }).toJSON(),
    headers,
  );
}

async function main(): Promise<void> {
  let running: RunningEmulator;
  try {
    running = await startEmulator();
  } catch (error) {
    emulatorLog.fatal({ err: error }, (error as Error).message);
    process.exit(1);
  }
  emulatorLog.info(
    { url: running.url, apiVersion: API_VERSION },
    `Stripe emulator listening on ${running.url} (API version ${API_VERSION})`,
  );
  const stop = () => {
    void running.close().then(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(entry).href) void main();
