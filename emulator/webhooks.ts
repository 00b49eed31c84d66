// Delivers recorded events to webhook endpoints: signed as Stripe signs, retried with
// backoff, every attempt recorded for /_emulator/deliveries.

import { createHmac } from "node:crypto";
import type Stripe from "stripe";
import type { WebhookRetryConfig } from "./config";
import { newId } from "./ids";
import type { DeliveryRecord, EndpointRecord, Store } from "./store";

export function signatureHeader(payload: string, secret: string, timestamp: number): string {
  const v1 = createHmac("sha256", secret).update(`${timestamp}.${payload}`, "utf8").digest("hex");
  return `t=${timestamp},v1=${v1}`;
}

interface Waiter {
  match: (d: DeliveryRecord) => boolean;
  resolve: () => void;
}

/** Deliveries kept in memory for /_emulator/deliveries; old ones are dropped. */
const MAX_DELIVERIES = 5000;

export class WebhookDispatcher {
  private timers = new Set<NodeJS.Timeout>();
  private controllers = new Set<AbortController>();
  private waiters: Waiter[] = [];
  private closed = false;

  constructor(
    private readonly store: Store,
    private readonly retry: WebhookRetryConfig,
  ) {}

  /** Endpoints that receive an event: Connect endpoints get connected accounts' events, the others the owner's own. */
  endpointsFor(type: string, account: string | null): EndpointRecord[] {
    return Object.values(this.store.state.webhookEndpoints).filter((e) => {
      if (e.obj.status !== "enabled") return false;
      if (!e.obj.enabled_events.includes("*") && !e.obj.enabled_events.includes(type)) return false;
      if (e.owner === null) return e.connect ? account !== null : account === null;
      return !e.connect && e.owner === account;
    });
  }

  dispatch(eventId: string, endpoints: EndpointRecord[]): void {
    for (const endpoint of endpoints) this.schedule(eventId, endpoint.obj.id, 1, 0);
  }

  private schedule(eventId: string, endpointId: string, attempt: number, delay: number): void {
    if (this.closed) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.attempt(eventId, endpointId, attempt);
    }, delay);
    this.timers.add(timer);
  }

  private async attempt(eventId: string, endpointId: string, attempt: number): Promise<void> {
    const record = this.store.state.events[eventId];
    const endpoint = this.store.state.webhookEndpoints[endpointId];
    if (!record || !endpoint || this.closed) return;
    const event = record.obj;
    const payload = JSON.stringify(event, null, 2);
    // Real wall-clock time, even when the virtual clock was advanced: receivers check it
    // against their own clock with a 300 s tolerance.
    const timestamp = Math.floor(Date.now() / 1000);
    const controller = new AbortController();
    this.controllers.add(controller);
    const timeout = setTimeout(() => controller.abort(), this.retry.timeoutMs);
    let status: number | null = null;
    let error: string | null = null;
    try {
      const response = await fetch(endpoint.obj.url, {
        method: "POST",
        headers: {
          "content-type": "application/json; charset=utf-8",
          "stripe-signature": signatureHeader(payload, endpoint.secret, timestamp),
          "user-agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
        },
        body: payload,
        signal: controller.signal,
        redirect: "manual",
      });
      status = response.status;
      await response.arrayBuffer().catch(() => undefined);
    } catch (e) {
      error = controller.signal.aborted
        ? "timeout"
        : (((e as Error).cause as Error | undefined)?.message ?? (e as Error).message);
    } finally {
      clearTimeout(timeout);
      this.controllers.delete(controller);
    }
    if (this.closed) return;
    const ok = status !== null && status >= 200 && status < 300;
    this.record({
      id: newId("whdel"),
      event: eventId,
      type: event.type,
      account: event.account ?? null,
      endpoint: endpointId,
      url: endpoint.obj.url,
      attempt,
      status,
      ok,
      error: ok ? null : (error ?? `HTTP ${status}`),
      at: Date.now(),
    });
    if (ok) {
      (event as Stripe.EventBase).pending_webhooks = Math.max(0, event.pending_webhooks - 1);
      this.store.markDirty();
      return;
    }
    const delay = this.retry.delaysMs[attempt - 1];
    if (delay !== undefined) this.schedule(eventId, endpointId, attempt + 1, delay);
  }

  private record(delivery: DeliveryRecord): void {
    const list = this.store.state.deliveries;
    list.push(delivery);
    if (list.length > MAX_DELIVERIES) list.splice(0, list.length - MAX_DELIVERIES);
    this.store.markDirty();
    const ready = this.waiters.filter((w) => w.match(delivery));
    this.waiters = this.waiters.filter((w) => !ready.includes(w));
    for (const w of ready) w.resolve();
  }

  /** Resolves when a matching delivery is recorded, or after `ms` (whichever comes first). */
  waitFor(match: (d: DeliveryRecord) => boolean, ms: number): Promise<void> {
    if (this.store.state.deliveries.some(match)) return Promise.resolve();
    return new Promise((resolve) => {
      const waiter: Waiter = {
        match,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        resolve();
      }, ms);
      this.waiters.push(waiter);
    });
  }

  close(): void {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const c of this.controllers) c.abort();
    for (const w of this.waiters) w.resolve();
    this.waiters = [];
  }
}
