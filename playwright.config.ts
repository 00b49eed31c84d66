import { defineConfig, devices } from "@playwright/test";

// e2e runs against the production build on its own ports, so a running demo
// (3000 / 12111) never collides with a test run.
const APP_PORT = Number(process.env.E2E_APP_PORT ?? 3100);
const EMULATOR_PORT = Number(process.env.E2E_EMULATOR_PORT ?? 12112);
const APP_URL = `http://localhost:${APP_PORT}`;
const EMULATOR_URL = `http://127.0.0.1:${EMULATOR_PORT}`;

export const e2eEnv = { APP_URL, EMULATOR_URL };

const chromiumPath = process.env.CHROMIUM_PATH;

export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  fullyParallel: true,
  workers: process.env.CI ? 2 : 2,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: APP_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: chromiumPath || undefined,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
  webServer: [
    {
      command: "npx tsx emulator/server.ts",
      url: `${EMULATOR_URL}/js/stripe.js`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "pipe",
      env: {
        EMULATOR_PORT: String(EMULATOR_PORT),
        EMULATOR_DATA_FILE: "",
        EMULATOR_PLATFORM_WEBHOOK_URL: `${APP_URL}/api/stripe/webhook`,
        EMULATOR_PLATFORM_WEBHOOK_SECRET: "whsec_emulator_platform",
        EMULATOR_CONNECT_WEBHOOK_URL: `${APP_URL}/api/stripe/connect-webhook`,
        EMULATOR_CONNECT_WEBHOOK_SECRET: "whsec_emulator_connect",
      },
    },
    {
      command: "node scripts/e2e-server.mjs",
      // Ready once the seed's Stripe events (redelivered by the emulator) are worked off.
      url: `${APP_URL}/api/health?drained=stripe-events`,
      reuseExistingServer: false,
      timeout: 180_000,
      stdout: "pipe",
      env: { PORT: String(APP_PORT), STRIPE_EMULATOR_URL: EMULATOR_URL },
    },
  ],
});
