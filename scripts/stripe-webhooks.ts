// Registers Bazaar's two Stripe webhook endpoints under APP_URL, with api_version pinned to the
// SDK's (Stripe otherwise renders events in the account's default version):
//   npm run stripe:webhooks
// Prints each endpoint's signing secret once, on creation: set STRIPE_WEBHOOK_SECRET (platform)
// and STRIPE_CONNECT_WEBHOOK_SECRET (Connect) to them. Running it again changes nothing.
import { env } from "@/lib/env";
import { getStripe, STRIPE_API_VERSION } from "@/lib/stripe/client";
import { registerWebhookEndpoints } from "@/lib/stripe/webhook-endpoints";

const appUrl = env().APP_URL;
if (new URL(appUrl).protocol !== "https:" && env().stripeMode === "real") {
  console.error(`error: Stripe only delivers to https URLs; APP_URL is ${appUrl}`);
  process.exit(2);
}
const reports = await registerWebhookEndpoints(getStripe(), appUrl);
console.log(`Webhook endpoints (api_version ${STRIPE_API_VERSION}):`);
for (const r of reports) {
  const variable = r.connect ? "STRIPE_CONNECT_WEBHOOK_SECRET" : "STRIPE_WEBHOOK_SECRET";
  console.log(`  ${r.status.padEnd(10)} ${r.url} (${r.id})`);
  if (r.secret) console.log(`             ${variable}=${r.secret}`);
}
