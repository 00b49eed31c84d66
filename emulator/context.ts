// The pieces every handler needs, passed explicitly instead of living in module globals,
// so several emulators can run in one process (tests start one per file).

import type { EmulatorConfig } from "./config";
import type { ParamObject } from "./http/form";
import type { ReadLog } from "./http/params";
import type { Store } from "./store";
import type { WebhookDispatcher } from "./webhooks";

export interface Emulator {
  config: EmulatorConfig;
  store: Store;
  webhooks: WebhookDispatcher;
  /** Absolute base URL the server really listens on, e.g. http://127.0.0.1:12112. */
  baseUrl: string;
  /** Virtual clock in Unix seconds (real time plus any /_emulator/clock/advance). */
  now(): number;
}

export interface RequestContext {
  emu: Emulator;
  method: string;
  path: string;
  params: ParamObject;
  /** Connected account named by the Stripe-Account header (already checked), or null for the platform. */
  account: string | null;
  requestId: string;
  idempotencyKey: string | null;
  expand: string[];
  /** Parameters the handler read (see Params); the rest it ignored. */
  reads: ReadLog;
}

/** Owner used for objects of the current request: the connected account or the platform (null). */
export function ownerOf(ctx: RequestContext): string | null {
  return ctx.account;
}
