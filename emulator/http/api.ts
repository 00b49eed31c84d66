import type { RequestContext } from "../context";
import { OPERATIONS, type OperationId } from "../operations";
import { Router } from "./router";

/** A Stripe API handler returns the reply object; errors are thrown as ApiError. */
export type ApiHandler = (ctx: RequestContext, path: Record<string, string>) => unknown;

/** The API router: every route is an operation of the SDK (emulator/operations.ts). */
export class ApiRouter extends Router<ApiHandler> {
  operation(id: OperationId, handler: ApiHandler): void {
    const op = OPERATIONS[id];
    this.add(op.method, op.path, handler, id);
  }
}
