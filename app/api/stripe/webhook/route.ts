// POST /api/stripe/webhook: the platform's own Stripe events (signed with STRIPE_WEBHOOK_SECRET).
import { receiveWebhook } from "@/lib/stripe/webhooks";

export async function POST(request: Request) {
  return receiveWebhook(request, "platform");
}
