// POST /api/stripe/connect-webhook: connected accounts' events (signed with STRIPE_CONNECT_WEBHOOK_SECRET).
import { receiveWebhook } from "@/lib/stripe/webhooks";

export async function POST(request: Request) {
  return receiveWebhook(request, "connect");
}
