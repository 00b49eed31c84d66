import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));
const alias = { "@": root, "server-only": `${root}/lib/testing/server-only-stub.ts` };

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          environment: "node",
          include: ["lib/**/*.test.ts", "components/**/*.test.ts", "db/**/*.test.ts"],
          exclude: ["**/*.int.test.ts", "node_modules/**"],
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          environment: "node",
          // next-auth imports "next/server" without an extension, which only a bundler resolves.
          server: { deps: { inline: ["next-auth"] } },
          include: ["**/*.int.test.ts"],
          exclude: ["node_modules/**", "emulator/**"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          setupFiles: ["lib/testing/integration-setup.ts"],
        },
      },
      {
        resolve: { alias },
        test: {
          name: "emulator",
          environment: "node",
          include: ["emulator/**/*.test.ts"],
          setupFiles: ["emulator/test/setup.ts"],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
    ],
  },
});
