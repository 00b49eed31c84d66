import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const DB_CLIENT = {
  group: ["@/db/client", "**/db/client"],
  message: "All SQL lives in db/queries: call a query function instead of opening the client.",
};
const EMULATOR = {
  group: ["@/emulator", "@/emulator/*", "**/emulator/*"],
  message: "The app never imports the Stripe emulator: it talks to it through the stripe SDK.",
};
// Still to move into db/queries (their SQL is interleaved with Stripe calls in one flow).
const SQL_NOT_YET_MOVED = ["lib/orders/refunds.ts", "lib/email/outbox.ts"];

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [
      "node_modules/**",
      ".next/**",
      ".data/**",
      "db/migrations/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
    ],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
    },
  },
  {
    // lib/env.ts is the only reader of process.env inside the app.
    files: ["app/**", "components/**", "lib/**", "db/**", "proxy.ts"],
    ignores: ["lib/env.ts", "lib/testing/**", "**/*.test.ts"],
    rules: {
      "no-restricted-properties": [
        "error",
        { object: "process", property: "env", message: "Read configuration through lib/env.ts." },
      ],
    },
  },
  {
    // The data layer's walls: SQL lives in db/queries (only db/ opens the client); the app never
    // imports the Stripe emulator (it talks to it through the stripe SDK, as to Stripe).
    files: ["app/**", "components/**", "lib/**", "proxy.ts", "instrumentation.ts"],
    ignores: ["**/*.test.ts", "lib/testing/**", ...SQL_NOT_YET_MOVED],
    rules: { "no-restricted-imports": ["error", { patterns: [DB_CLIENT, EMULATOR] }] },
  },
  {
    files: SQL_NOT_YET_MOVED,
    rules: { "no-restricted-imports": ["error", { patterns: [EMULATOR] }] },
  },
  {
    // Components take their data as props: nothing from db/ (types they need live in lib/types).
    files: ["components/**"],
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            DB_CLIENT,
            EMULATOR,
            {
              group: ["@/db", "@/db/*", "**/db/*"],
              message: "Components take data as props; shared types live in lib/types.ts.",
            },
          ],
        },
      ],
    },
  },
  {
    // Cache handlers Next.js loads by path (next.config.ts), outside the app's module graph:
    // CommonJS, and configured from the environment Next was started with.
    files: ["lib/cache/*.cjs"],
    rules: {
      "@typescript-eslint/no-require-imports": "off",
      "no-restricted-properties": "off",
    },
  },
];

export default config;
