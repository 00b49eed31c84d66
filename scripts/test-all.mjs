// `npm test`: every layer, fail-fast — typecheck, lint, format, unit, integration, emulator contract (with the fidelity report), e2e, and Bazaar on two instances.
import { existsSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { root, runSync, tool } from "./lib/run.mjs";

const started = Date.now();
const steps = [
  ["typecheck", tool("tsc"), ["--noEmit"]],
  ["lint", tool("eslint"), [".", "--max-warnings=0"]],
  ["format", tool("prettier"), ["--check", ".", "--log-level", "warn"]],
  ["unit tests", tool("vitest"), ["run", "--project", "unit"]],
  ["integration tests", tool("vitest"), ["run", "--project", "integration"]],
];
if (existsSync(path.join(root, "emulator", "test"))) {
  // The contract suite with the fidelity report: schemas current, every reply conforming,
  // every valid parameter accepted (scripts/emulator-fidelity.ts).
  steps.push([
    "emulator contract tests and fidelity report",
    tool("tsx"),
    [path.join(root, "scripts", "emulator-fidelity.ts")],
  ]);
}
steps.push(["end-to-end tests", process.execPath, [path.join(root, "scripts", "e2e.mjs")]]);

/** Whether something answers on a local TCP port (PostgreSQL, Redis). */
function answers(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: "127.0.0.1" });
    socket.setTimeout(1000);
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("timeout", () => (socket.destroy(), resolve(false)));
    socket.once("error", () => resolve(false));
  });
}

// Bazaar on N instances needs PostgreSQL and Redis: always in CI, else when both answer here.
if (process.env.CI || ((await answers(5432)) && (await answers(6379)))) {
  steps.push([
    "multi-instance test (2 web + 2 workers, PostgreSQL, Redis)",
    process.execPath,
    [path.join(root, "scripts", "multi-instance.mjs")],
  ]);
} else {
  console.log("Skipping the multi-instance test: PostgreSQL (5432) or Redis (6379) not reachable.");
}

for (const [label, command, args] of steps) {
  if (!runSync(label, command, args, { env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } })) {
    process.exit(1);
  }
}
console.log(`\nAll test layers passed in ${((Date.now() - started) / 1000).toFixed(0)}s.`);
