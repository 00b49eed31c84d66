import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

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
