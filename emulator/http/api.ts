import type { RequestContext } from "../context";
import { Router } from "./router";

/** A Stripe API handler returns the reply object; errors are thrown as ApiError. */
export type ApiHandler = (ctx: RequestContext, path: Record<string, string>) => unknown;
export type ApiRouter = Router<ApiHandler>;
