// `npm test`: every layer, fail-fast — typecheck, lint, format, unit, integration, emulator contract (with the fidelity report), e2e.
import { existsSync } from "node:fs";
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

for (const [label, command, args] of steps) {
  if (!runSync(label, command, args, { env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } })) {
    process.exit(1);
  }
}
console.log(`\nAll test layers passed in ${((Date.now() - started) / 1000).toFixed(0)}s.`);
