// Every Stripe API operation the emulator implements, named as the pinned `stripe` SDK names it,
// with the SDK types of its parameters and of its reply. One table serves three purposes:
// the router validates each request against the parameter type's schema (generated from the
// SDK's .d.ts by `npm run emulator:schemas`), the contract tests validate each reply against
// the reply type's schema, and the fidelity report counts both per operation.

export interface Operation {
  method: "GET" | "POST" | "DELETE";
  /** Route pattern, `:name` for path parameters. */
  path: string;
  /** SDK parameter type (`Stripe.<params>`), the source of the accepted parameters. */
  params: string;
  /** SDK type of the reply (`Stripe.<returns>`); for lists, of each item. */
  returns: string;
  list?: boolean;
}

export const OPERATIONS = {
  "accounts.create": {
    method: "POST",
    path: "/v1/accounts",
    params: "AccountCreateParams",
    returns: "Account",
  },
  "accounts.list": {
    method: "GET",
    path: "/v1/accounts",
    params: "AccountListParams",
    returns: "Account",
    list: true,
  },
  "accounts.retrieveCurrent": {
    method: "GET",
    path: "/v1/account",
    params: "AccountRetrieveCurrentParams",
    returns: "Account",
  },
  "accounts.retrieve": {
    method: "GET",
    path: "/v1/accounts/:id",
    params: "AccountRetrieveParams",
    returns: "Account",
  },
  "accounts.update": {
    method: "POST",
    path: "/v1/accounts/:id",
    params: "AccountUpdateParams",
    returns: "Account",
  },
  "accounts.del": {
    method: "DELETE",
    path: "/v1/accounts/:id",
    params: "AccountDeleteParams",
    returns: "DeletedAccount",
  },
  "accounts.createLoginLink": {
    method: "POST",
    path: "/v1/accounts/:id/login_links",
    params: "AccountCreateLoginLinkParams",
    returns: "LoginLink",
  },
  "accountLinks.create": {
    method: "POST",
    path: "/v1/account_links",
    params: "AccountLinkCreateParams",
    returns: "AccountLink",
  },
  "checkout.sessions.create": {
    method: "POST",
    path: "/v1/checkout/sessions",
    params: "Checkout.SessionCreateParams",
    returns: "Checkout.Session",
  },
  "checkout.sessions.list": {
    method: "GET",
    path: "/v1/checkout/sessions",
    params: "Checkout.SessionListParams",
    returns: "Checkout.Session",
    list: true,
  },
  "checkout.sessions.retrieve": {
    method: "GET",
    path: "/v1/checkout/sessions/:id",
    params: "Checkout.SessionRetrieveParams",
    returns: "Checkout.Session",
  },
  "checkout.sessions.update": {
    method: "POST",
    path: "/v1/checkout/sessions/:id",
    params: "Checkout.SessionUpdateParams",
    returns: "Checkout.Session",
  },
  "checkout.sessions.listLineItems": {
    method: "GET",
    path: "/v1/checkout/sessions/:id/line_items",
    params: "Checkout.SessionListLineItemsParams",
    returns: "LineItem",
    list: true,
  },
  "checkout.sessions.expire": {
    method: "POST",
    path: "/v1/checkout/sessions/:id/expire",
    params: "Checkout.SessionExpireParams",
    returns: "Checkout.Session",
  },
  "paymentIntents.create": {
    method: "POST",
    path: "/v1/payment_intents",
    params: "PaymentIntentCreateParams",
    returns: "PaymentIntent",
  },
  "paymentIntents.list": {
    method: "GET",
    path: "/v1/payment_intents",
    params: "PaymentIntentListParams",
    returns: "PaymentIntent",
    list: true,
  },
  "paymentIntents.retrieve": {
    method: "GET",
    path: "/v1/payment_intents/:id",
    params: "PaymentIntentRetrieveParams",
    returns: "PaymentIntent",
  },
  "paymentIntents.update": {
    method: "POST",
    path: "/v1/payment_intents/:id",
    params: "PaymentIntentUpdateParams",
    returns: "PaymentIntent",
  },
  "paymentIntents.confirm": {
    method: "POST",
    path: "/v1/payment_intents/:id/confirm",
    params: "PaymentIntentConfirmParams",
    returns: "PaymentIntent",
  },
  "paymentIntents.cancel": {
    method: "POST",
    path: "/v1/payment_intents/:id/cancel",
    params: "PaymentIntentCancelParams",
    returns: "PaymentIntent",
  },
  "paymentIntents.capture": {
    method: "POST",
    path: "/v1/payment_intents/:id/capture",
    params: "PaymentIntentCaptureParams",
    returns: "PaymentIntent",
  },
  "charges.list": {
    method: "GET",
    path: "/v1/charges",
    params: "ChargeListParams",
    returns: "Charge",
    list: true,
  },
  "charges.retrieve": {
    method: "GET",
    path: "/v1/charges/:id",
    params: "ChargeRetrieveParams",
    returns: "Charge",
  },
  "refunds.create": {
    method: "POST",
    path: "/v1/refunds",
    params: "RefundCreateParams",
    returns: "Refund",
  },
  "refunds.list": {
    method: "GET",
    path: "/v1/refunds",
    params: "RefundListParams",
    returns: "Refund",
    list: true,
  },
  "refunds.retrieve": {
    method: "GET",
    path: "/v1/refunds/:id",
    params: "RefundRetrieveParams",
    returns: "Refund",
  },
  "refunds.update": {
    method: "POST",
    path: "/v1/refunds/:id",
    params: "RefundUpdateParams",
    returns: "Refund",
  },
  "applicationFees.list": {
    method: "GET",
    path: "/v1/application_fees",
    params: "ApplicationFeeListParams",
    returns: "ApplicationFee",
    list: true,
  },
  "applicationFees.retrieve": {
    method: "GET",
    path: "/v1/application_fees/:id",
    params: "ApplicationFeeRetrieveParams",
    returns: "ApplicationFee",
  },
  "applicationFees.listRefunds": {
    method: "GET",
    path: "/v1/application_fees/:id/refunds",
    params: "ApplicationFeeListRefundsParams",
    returns: "FeeRefund",
    list: true,
  },
  "applicationFees.createRefund": {
    method: "POST",
    path: "/v1/application_fees/:id/refunds",
    params: "ApplicationFeeCreateRefundParams",
    returns: "FeeRefund",
  },
  "applicationFees.retrieveRefund": {
    method: "GET",
    path: "/v1/application_fees/:fee/refunds/:id",
    params: "ApplicationFeeRetrieveRefundParams",
    returns: "FeeRefund",
  },
  "balance.retrieve": {
    method: "GET",
    path: "/v1/balance",
    params: "BalanceRetrieveParams",
    returns: "Balance",
  },
  "balanceTransactions.list": {
    method: "GET",
    path: "/v1/balance_transactions",
    params: "BalanceTransactionListParams",
    returns: "BalanceTransaction",
    list: true,
  },
  "balanceTransactions.retrieve": {
    method: "GET",
    path: "/v1/balance_transactions/:id",
    params: "BalanceTransactionRetrieveParams",
    returns: "BalanceTransaction",
  },
  "payouts.create": {
    method: "POST",
    path: "/v1/payouts",
    params: "PayoutCreateParams",
    returns: "Payout",
  },
  "payouts.list": {
    method: "GET",
    path: "/v1/payouts",
    params: "PayoutListParams",
    returns: "Payout",
    list: true,
  },
  "payouts.retrieve": {
    method: "GET",
    path: "/v1/payouts/:id",
    params: "PayoutRetrieveParams",
    returns: "Payout",
  },
  "events.list": {
    method: "GET",
    path: "/v1/events",
    params: "EventListParams",
    returns: "Event",
    list: true,
  },
  "events.retrieve": {
    method: "GET",
    path: "/v1/events/:id",
    params: "EventRetrieveParams",
    returns: "Event",
  },
  "webhookEndpoints.create": {
    method: "POST",
    path: "/v1/webhook_endpoints",
    params: "WebhookEndpointCreateParams",
    returns: "WebhookEndpoint",
  },
  "webhookEndpoints.list": {
    method: "GET",
    path: "/v1/webhook_endpoints",
    params: "WebhookEndpointListParams",
    returns: "WebhookEndpoint",
    list: true,
  },
  "webhookEndpoints.retrieve": {
    method: "GET",
    path: "/v1/webhook_endpoints/:id",
    params: "WebhookEndpointRetrieveParams",
    returns: "WebhookEndpoint",
  },
  "webhookEndpoints.update": {
    method: "POST",
    path: "/v1/webhook_endpoints/:id",
    params: "WebhookEndpointUpdateParams",
    returns: "WebhookEndpoint",
  },
  "webhookEndpoints.del": {
    method: "DELETE",
    path: "/v1/webhook_endpoints/:id",
    params: "WebhookEndpointDeleteParams",
    returns: "DeletedWebhookEndpoint",
  },
  "products.create": {
    method: "POST",
    path: "/v1/products",
    params: "ProductCreateParams",
    returns: "Product",
  },
  "products.list": {
    method: "GET",
    path: "/v1/products",
    params: "ProductListParams",
    returns: "Product",
    list: true,
  },
  "products.retrieve": {
    method: "GET",
    path: "/v1/products/:id",
    params: "ProductRetrieveParams",
    returns: "Product",
  },
  "products.update": {
    method: "POST",
    path: "/v1/products/:id",
    params: "ProductUpdateParams",
    returns: "Product",
  },
  "shippingRates.create": {
    method: "POST",
    path: "/v1/shipping_rates",
    params: "ShippingRateCreateParams",
    returns: "ShippingRate",
  },
  "shippingRates.list": {
    method: "GET",
    path: "/v1/shipping_rates",
    params: "ShippingRateListParams",
    returns: "ShippingRate",
    list: true,
  },
  "shippingRates.retrieve": {
    method: "GET",
    path: "/v1/shipping_rates/:id",
    params: "ShippingRateRetrieveParams",
    returns: "ShippingRate",
  },
  "shippingRates.update": {
    method: "POST",
    path: "/v1/shipping_rates/:id",
    params: "ShippingRateUpdateParams",
    returns: "ShippingRate",
  },
  "coupons.create": {
    method: "POST",
    path: "/v1/coupons",
    params: "CouponCreateParams",
    returns: "Coupon",
  },
  "coupons.list": {
    method: "GET",
    path: "/v1/coupons",
    params: "CouponListParams",
    returns: "Coupon",
    list: true,
  },
  "coupons.retrieve": {
    method: "GET",
    path: "/v1/coupons/:id",
    params: "CouponRetrieveParams",
    returns: "Coupon",
  },
  "coupons.update": {
    method: "POST",
    path: "/v1/coupons/:id",
    params: "CouponUpdateParams",
    returns: "Coupon",
  },
  "coupons.del": {
    method: "DELETE",
    path: "/v1/coupons/:id",
    params: "CouponDeleteParams",
    returns: "DeletedCoupon",
  },
  "promotionCodes.create": {
    method: "POST",
    path: "/v1/promotion_codes",
    params: "PromotionCodeCreateParams",
    returns: "PromotionCode",
  },
  "promotionCodes.list": {
    method: "GET",
    path: "/v1/promotion_codes",
    params: "PromotionCodeListParams",
    returns: "PromotionCode",
    list: true,
  },
  "promotionCodes.retrieve": {
    method: "GET",
    path: "/v1/promotion_codes/:id",
    params: "PromotionCodeRetrieveParams",
    returns: "PromotionCode",
  },
  "promotionCodes.update": {
    method: "POST",
    path: "/v1/promotion_codes/:id",
    params: "PromotionCodeUpdateParams",
    returns: "PromotionCode",
  },
  "tax.settings.retrieve": {
    method: "GET",
    path: "/v1/tax/settings",
    params: "Tax.SettingsRetrieveParams",
    returns: "Tax.Settings",
  },
  "tax.settings.update": {
    method: "POST",
    path: "/v1/tax/settings",
    params: "Tax.SettingsUpdateParams",
    returns: "Tax.Settings",
  },
  "tax.registrations.create": {
    method: "POST",
    path: "/v1/tax/registrations",
    params: "Tax.RegistrationCreateParams",
    returns: "Tax.Registration",
  },
  "tax.registrations.list": {
    method: "GET",
    path: "/v1/tax/registrations",
    params: "Tax.RegistrationListParams",
    returns: "Tax.Registration",
    list: true,
  },
  "tax.registrations.retrieve": {
    method: "GET",
    path: "/v1/tax/registrations/:id",
    params: "Tax.RegistrationRetrieveParams",
    returns: "Tax.Registration",
  },
  "tax.registrations.update": {
    method: "POST",
    path: "/v1/tax/registrations/:id",
    params: "Tax.RegistrationUpdateParams",
    returns: "Tax.Registration",
  },
  "customers.create": {
    method: "POST",
    path: "/v1/customers",
    params: "CustomerCreateParams",
    returns: "Customer",
  },
  "customers.list": {
    method: "GET",
    path: "/v1/customers",
    params: "CustomerListParams",
    returns: "Customer",
    list: true,
  },
  "customers.retrieve": {
    method: "GET",
    path: "/v1/customers/:id",
    params: "CustomerRetrieveParams",
    returns: "Customer",
  },
  "customers.update": {
    method: "POST",
    path: "/v1/customers/:id",
    params: "CustomerUpdateParams",
    returns: "Customer",
  },
  "prices.create": {
    method: "POST",
    path: "/v1/prices",
    params: "PriceCreateParams",
    returns: "Price",
  },
  "prices.list": {
    method: "GET",
    path: "/v1/prices",
    params: "PriceListParams",
    returns: "Price",
    list: true,
  },
  "prices.retrieve": {
    method: "GET",
    path: "/v1/prices/:id",
    params: "PriceRetrieveParams",
    returns: "Price",
  },
  "prices.update": {
    method: "POST",
    path: "/v1/prices/:id",
    params: "PriceUpdateParams",
    returns: "Price",
  },
  "subscriptions.list": {
    method: "GET",
    path: "/v1/subscriptions",
    params: "SubscriptionListParams",
    returns: "Subscription",
    list: true,
  },
  "subscriptions.retrieve": {
    method: "GET",
    path: "/v1/subscriptions/:id",
    params: "SubscriptionRetrieveParams",
    returns: "Subscription",
  },
  "subscriptions.update": {
    method: "POST",
    path: "/v1/subscriptions/:id",
    params: "SubscriptionUpdateParams",
    returns: "Subscription",
  },
  "subscriptions.cancel": {
    method: "DELETE",
    path: "/v1/subscriptions/:id",
    params: "SubscriptionCancelParams",
    returns: "Subscription",
  },
  "invoices.list": {
    method: "GET",
    path: "/v1/invoices",
    params: "InvoiceListParams",
    returns: "Invoice",
    list: true,
  },
  "invoices.retrieve": {
    method: "GET",
    path: "/v1/invoices/:id",
    params: "InvoiceRetrieveParams",
    returns: "Invoice",
  },
  "billingPortal.sessions.create": {
    method: "POST",
    path: "/v1/billing_portal/sessions",
    params: "BillingPortal.SessionCreateParams",
    returns: "BillingPortal.Session",
  },
  "transfers.create": {
    method: "POST",
    path: "/v1/transfers",
    params: "TransferCreateParams",
    returns: "Transfer",
  },
  "transfers.list": {
    method: "GET",
    path: "/v1/transfers",
    params: "TransferListParams",
    returns: "Transfer",
    list: true,
  },
  "transfers.retrieve": {
    method: "GET",
    path: "/v1/transfers/:id",
    params: "TransferRetrieveParams",
    returns: "Transfer",
  },
  "transfers.update": {
    method: "POST",
    path: "/v1/transfers/:id",
    params: "TransferUpdateParams",
    returns: "Transfer",
  },
  "transfers.createReversal": {
    method: "POST",
    path: "/v1/transfers/:id/reversals",
    params: "TransferCreateReversalParams",
    returns: "TransferReversal",
  },
  "transfers.listReversals": {
    method: "GET",
    path: "/v1/transfers/:id/reversals",
    params: "TransferListReversalsParams",
    returns: "TransferReversal",
    list: true,
  },
  "transfers.retrieveReversal": {
    method: "GET",
    path: "/v1/transfers/:transfer/reversals/:id",
    params: "TransferRetrieveReversalParams",
    returns: "TransferReversal",
  },
  "disputes.list": {
    method: "GET",
    path: "/v1/disputes",
    params: "DisputeListParams",
    returns: "Dispute",
    list: true,
  },
  "disputes.retrieve": {
    method: "GET",
    path: "/v1/disputes/:id",
    params: "DisputeRetrieveParams",
    returns: "Dispute",
  },
  "disputes.update": {
    method: "POST",
    path: "/v1/disputes/:id",
    params: "DisputeUpdateParams",
    returns: "Dispute",
  },
  "disputes.close": {
    method: "POST",
    path: "/v1/disputes/:id/close",
    params: "DisputeCloseParams",
    returns: "Dispute",
  },
  "oauth.token": {
    method: "POST",
    path: "/oauth/token",
    params: "OAuthTokenParams",
    returns: "OAuthToken",
  },
  "oauth.deauthorize": {
    method: "POST",
    path: "/oauth/deauthorize",
    params: "OAuthDeauthorizeParams",
    returns: "OAuthDeauthorization",
  },
} as const satisfies Record<string, Operation>;

export type OperationId = keyof typeof OPERATIONS;

export function operation(id: OperationId): Operation {
  return OPERATIONS[id];
}

/** Finds the operation a request is for (method + concrete path), e.g. for the test-side checks. */
export function operationFor(
  method: string,
  path: string,
): { id: OperationId; op: Operation } | null {
  for (const [id, op] of Object.entries(OPERATIONS) as [OperationId, Operation][]) {
    if (op.method !== method) continue;
    const pattern = op.path
      .split("/")
      .map((part) => (part.startsWith(":") ? "[^/]+" : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
      .join("/");
    if (new RegExp(`^${pattern}/?$`).test(path)) return { id, op };
  }
  return null;
}
