// The emulator refuses unsafe configuration, and persists its state atomically.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../config";
import { parseForm } from "../http/form";
import { startEmulator } from "../server";

describe("configuration", () => {
  it("has the documented defaults", () => {
    const config = loadConfig({}, {});
    expect(config).toMatchObject({
      port: 12111,
      host: "127.0.0.1",
      secretKey: "sk_test_emulator",
      publishableKey: "pk_test_emulator",
      clientId: "ca_emulator",
      dataFile: null,
    });
    expect(config.stripeFeePercent).toBe(2.9);
    expect(config.stripeFeeFixed).toBe(30);
  });

  it("refuses live keys and non-loopback hosts", () => {
    expect(() => loadConfig({}, { EMULATOR_SECRET_KEY: "sk_live_abc" })).toThrow(/live key/);
    expect(() => loadConfig({}, { EMULATOR_SECRET_KEY: "rk_live_abc" })).toThrow(/live key/);
    expect(() => loadConfig({}, { EMULATOR_HOST: "0.0.0.0" })).toThrow(/127\.0\.0\.1/);
  });

  it("reads webhook endpoints from the environment", () => {
    const config = loadConfig(
      {},
      {
        EMULATOR_CONNECT_WEBHOOK_URL: "http://localhost:3000/c",
        EMULATOR_CONNECT_WEBHOOK_SECRET: "whsec_c",
      },
    );
    expect(config.webhookEndpoints).toEqual([
      { url: "http://localhost:3000/c", secret: "whsec_c", connect: true },
    ]);
  });
});

describe("form bodies", () => {
  it("parses bracket nesting into objects and arrays", () => {
    expect(parseForm("a[b][0][c]=1&a[b][0][d]=2&a[b][1][c]=3&e=x%20y&metadata[0]=z")).toEqual({
      a: { b: [{ c: "1", d: "2" }, { c: "3" }] },
      e: "x y",
      metadata: { "0": "z" },
    });
  });
});

describe("persistence", () => {
  it("writes state to the data file and reloads it on restart", async () => {
    const dir = mkdtempSync(join(tmpdir(), "emulator-"));
    const dataFile = join(dir, "stripe.json");
    try {
      const first = await startEmulator({ port: 0, dataFile });
      const stripe = new Stripe("sk_test_emulator", {
        host: "127.0.0.1",
        port: first.port,
        protocol: "http",
        maxNetworkRetries: 0,
      });
      const account = await stripe.accounts.create({ type: "standard", metadata: { keep: "me" } });
      await first.close();
      expect(JSON.parse(readFileSync(dataFile, "utf8"))).toMatchObject({ version: 1 });

      const second = await startEmulator({ port: 0, dataFile });
      const again = new Stripe("sk_test_emulator", {
        host: "127.0.0.1",
        port: second.port,
        protocol: "http",
        maxNetworkRetries: 0,
      });
      expect((await again.accounts.retrieve(account.id)).metadata).toEqual({ keep: "me" });
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses to start with a live key", async () => {
    await expect(startEmulator({ port: 0, secretKey: "sk_live_123" })).rejects.toThrow(/live key/);
  });

  it("reset empties the state", async () => {
    const emu = await startEmulator({ port: 0 });
    try {
      const stripe = new Stripe("sk_test_emulator", {
        host: "127.0.0.1",
        port: emu.port,
        protocol: "http",
        maxNetworkRetries: 0,
      });
      const account = await stripe.accounts.create({ type: "standard" });
      const reset = await fetch(`${emu.url}/_emulator/reset`, { method: "POST" });
      expect(reset.status).toBe(200);
      await expect(stripe.accounts.retrieve(account.id)).rejects.toBeInstanceOf(
        Stripe.errors.StripePermissionError,
      );
    } finally {
      await emu.close();
    }
  });
});
