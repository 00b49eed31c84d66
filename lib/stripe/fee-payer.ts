/**
 * Whether the platform pays Stripe's processing fees for a connected account. Stripe reports
 * `controller.fees.payer` as `application` (controller properties), `application_express` or
 * `application_custom` (legacy Express / Custom accounts, platform-paid too) or `account`; an
 * account stored before the payer was recorded falls back to its type.
 */
export function platformPaysStripeFees(
  account:
    | {
        feesPayer: string | null | undefined;
        type?: string | null;
      }
    | null
    | undefined,
): boolean {
  if (!account) return false;
  const payer = account.feesPayer;
  if (payer) return payer === "application" || payer.startsWith("application_");
  return account.type === "express";
}
