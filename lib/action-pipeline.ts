import "server-only";
import { redirect } from "next/navigation";
import { z } from "zod";
import { isUuid } from "@/db/queries/ids";
import type { SessionUser } from "@/db/queries/users";
import {
  errorState,
  formAction,
  formObject,
  type ActionState,
  type FormHandler as Handler,
} from "@/lib/actions";
import {
  can,
  notPermittedMessage,
  type ShopPermission,
  type ShopRole,
} from "@/lib/auth/permissions";
import { getCurrentUser, loadMembership, type MemberShop } from "@/lib/auth/session";
import { AppError, CHECK_FIELDS, isAppError, unexpectedErrorMessage } from "@/lib/errors";
import { currentRequestId, log } from "@/lib/log";

/**
 * The one pipeline every server action runs through:
 *
 *   input gate (lib/actions formAction) → authenticate → load the shop with the caller's
 *   membership → check the declared permission → parse the form with the action's schema →
 *   run → map the outcome to ActionState.
 *
 * The caller is checked before the schema on purpose: someone who may not use an action learns
 * nothing about its fields, and a refusal never depends on what the form holds.
 * Actions declare `{ schema, permission }` and hold only their own logic. They return a state, a
 * `redirectTo(path)` (the pipeline redirects outside any try/catch), or throw an AppError for an
 * expected failure. Anything else thrown is a bug: logged with the request id and shown as one
 * generic message.
 */

export const NOT_SIGNED_IN = "Your session has ended. Sign in again.";
export const NO_SUCH_SHOP = "This shop does not exist, or you are not one of its members.";
export const ADMINS_ONLY = "Only platform admins can do this. Sign in with an admin account.";

type Form = Record<string, string>;
type FormSchema = z.ZodType<unknown, unknown>;

type Redirect = { readonly redirect: string };
export type ActionOutcome = ActionState | Redirect;

/** Ends the action with a redirect (performed by the pipeline, after its error handling). */
export function redirectTo(path: string): Redirect {
  return { redirect: path };
}

type Common<S extends FormSchema> = {
  /** Validated form fields (FormData as strings; files and repeated keys stay in `formData`). */
  input: z.output<S>;
  /** Every string field as sent (echoed back on errors so the form keeps what was typed). */
  values: Form;
  formData: FormData;
  requestId: string;
};

export type PublicContext<S extends FormSchema> = Common<S>;
export type UserContext<S extends FormSchema> = Common<S> & { user: SessionUser };
export type AdminContext<S extends FormSchema> = UserContext<S>;
export type ShopContext<S extends FormSchema> = UserContext<S> & {
  shop: MemberShop;
  role: ShopRole;
};

/** What an action declared: read by the test that enumerates every action. */
export type ActionDeclaration =
  | { kind: "public" }
  | { kind: "user" }
  | { kind: "admin" }
  | { kind: "shop"; permission: ShopPermission };

const declarations = new WeakMap<object, ActionDeclaration>();

/** The declaration of a server action, or undefined when it does not run through the pipeline. */
export function declarationOf(action: unknown): ActionDeclaration | undefined {
  return typeof action === "function" ? declarations.get(action) : undefined;
}

type Caller =
  { ok: true; ctx: Record<string, unknown> } | { ok: false; state: ActionState; values?: Form };

function refused(code: AppError["code"], message: string): Caller {
  return { ok: false, state: { status: "error", code, message } };
}

function build(
  declaration: ActionDeclaration,
  schema: FormSchema,
  identify: (values: Form) => Promise<Caller>,
  run: (ctx: never) => Promise<ActionOutcome>,
): Handler {
  const handler = formAction(async function pipeline(_prev, formData) {
    // Never echoed: anything named like a password.
    const values = Object.fromEntries(
      Object.entries(formObject(formData)).filter(([key]) => !/password/i.test(key)),
    );
    const requestId = await currentRequestId();
    let outcome: ActionOutcome;
    try {
      const caller = await identify(values);
      if (!caller.ok) return { ...caller.state, values };
      const parsed = schema.safeParse(formObject(formData));
      if (!parsed.success) {
        const gone = parsed.error.issues.find((i) => "params" in i && i.params?.[NOT_FOUND_PARAM]);
        if (gone) return { ...errorState(gone.message, {}, values), code: "not_found" };
        const fieldErrors: Record<string, string> = {};
        for (const issue of parsed.error.issues) {
          const key = issue.path.map(String).join(".") || "form";
          fieldErrors[key] ??= issue.message;
        }
        return { ...errorState(CHECK_FIELDS, fieldErrors, values), code: "invalid" };
      }
      const ctx = { ...caller.ctx, input: parsed.data, values, formData, requestId };
      outcome = await run(ctx as never);
    } catch (error) {
      if (isAppError(error)) {
        return { ...errorState(error.message, error.fieldErrors, values), code: error.code };
      }
      if (isFrameworkSignal(error)) throw error;
      log().error({ err: error, requestId, action: run.name || "action" }, "server action failed");
      return { ...errorState(unexpectedErrorMessage(requestId), {}, values), requestId };
    }
    if ("redirect" in outcome) redirect(outcome.redirect);
    return outcome;
  });
  declarations.set(handler, declaration);
  return handler;
}

const NOT_FOUND_PARAM = "recordNotFound";

/**
 * A form field naming a record by id (hidden inputs: productId, orderId…). A malformed or
 * missing id names no record: the action answers `not_found` with `message`, not a field error.
 */
export function recordId(message: string, wellFormed: (value: unknown) => boolean = isUuid) {
  return z.custom<string>((value) => typeof value === "string" && wellFormed(value), {
    message,
    params: { [NOT_FOUND_PARAM]: true },
  });
}

/** Next's redirect() / notFound() throw on purpose: they must reach the framework. */
function isFrameworkSignal(error: unknown) {
  const digest = (error as { digest?: unknown } | null)?.digest;
  return (
    typeof digest === "string" &&
    (digest.startsWith("NEXT_REDIRECT") || digest.startsWith("NEXT_HTTP_ERROR_FALLBACK"))
  );
}

/** Anyone may call it (storefront carts, checkout, sign-in). */
export function publicAction<S extends FormSchema>(
  config: { schema: S },
  run: (ctx: PublicContext<S>) => Promise<ActionOutcome>,
): Handler {
  return build({ kind: "public" }, config.schema, async () => ({ ok: true, ctx: {} }), run);
}

async function signedIn(): Promise<Caller & { user?: SessionUser }> {
  const user = await getCurrentUser();
  if (!user) return refused("unauthenticated", NOT_SIGNED_IN);
  return { ok: true, ctx: { user }, user };
}

/** Any signed-in user, no shop (creating a shop, accepting an invitation). */
export function userAction<S extends FormSchema>(
  config: { schema: S },
  run: (ctx: UserContext<S>) => Promise<ActionOutcome>,
): Handler {
  return build({ kind: "user" }, config.schema, signedIn, run);
}

/** Platform admins only. */
export function adminAction<S extends FormSchema>(
  config: { schema: S },
  run: (ctx: AdminContext<S>) => Promise<ActionOutcome>,
): Handler {
  return build(
    { kind: "admin" },
    config.schema,
    async () => {
      const caller = await signedIn();
      if (!caller.ok) return caller;
      if (caller.user?.role !== "admin") return refused("forbidden", ADMINS_ONLY);
      return caller;
    },
    run,
  );
}

/**
 * A member of the shop named by the form's `shop` field, with the declared permission. A shop
 * the caller is not a member of answers exactly like one that does not exist.
 */
export function shopAction<S extends FormSchema>(
  config: { schema: S; permission: ShopPermission },
  run: (ctx: ShopContext<S>) => Promise<ActionOutcome>,
): Handler {
  return build(
    { kind: "shop", permission: config.permission },
    config.schema,
    async (values) => {
      const caller = await signedIn();
      if (!caller.ok || !caller.user) return caller;
      const member = await loadMembership(values.shop, caller.user.id);
      if (!member) return refused("forbidden", NO_SUCH_SHOP);
      if (!can(member.role, config.permission)) {
        return refused("forbidden", notPermittedMessage(member.role));
      }
      return { ok: true, ctx: { user: caller.user, shop: member.shop, role: member.role } };
    },
    run,
  );
}
