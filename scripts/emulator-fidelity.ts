// `npm run emulator:fidelity`: checks the committed schemas against the installed SDK, runs the
// emulator's contract suite (every reply checked against the SDK's types, every valid parameter
// sent), and prints per operation: replies that conform, parameters accepted out of the SDK's,
// parameters ignored, and known deviations with their reason. Fails when a test fails, when an
// operation's replies were not all conforming or not checked at all, or when a parameter is
// refused that is not a listed deviation (the sweep fails then). `-- --readme` also writes the
// table into emulator/README.md.
//
// STRIPE_CONTRACT_SECRET_KEY=sk_test_… runs the same contract tests against Stripe test mode.

import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { OPERATIONS, type OperationId } from "../emulator/operations";
import { DEVIATIONS } from "../emulator/test/deviations";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);
const writeReadme = process.argv.includes("--readme");

interface OperationStats {
  replies: number;
  conforming: number;
  errors: number;
}
type Outcome = { kind: "accepted"; ignored: boolean } | { kind: "refused"; message: string };
interface SampleResult {
  label: string;
  param: string;
  outcome: Outcome;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): boolean {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env });
  return result.status === 0;
}

const schemasOk = run(process.execPath, [
  ...["--import", "tsx"],
  path.join(root, "scripts", "emulator-schemas.ts"),
  "--check",
]);
if (!schemasOk) process.exit(1);

const dir = mkdtempSync(path.join(tmpdir(), "emulator-fidelity-"));
const testsOk = run(bin("vitest"), ["run", "--project", "emulator"], {
  ...process.env,
  EMULATOR_FIDELITY_DIR: dir,
});

const replies = new Map<string, OperationStats>();
for (const name of readdirSync(dir).filter((f) => f.startsWith("replies-"))) {
  const stats = JSON.parse(readFileSync(path.join(dir, name), "utf8")) as Record<
    string,
    OperationStats
  >;
  for (const [op, s] of Object.entries(stats)) {
    const total = replies.get(op) ?? { replies: 0, conforming: 0, errors: 0 };
    total.replies += s.replies;
    total.conforming += s.conforming;
    total.errors += s.errors;
    replies.set(op, total);
  }
}
let sweep: { results: Record<string, SampleResult[]>; notSwept: Record<string, string> } = {
  results: {},
  notSwept: {},
};
try {
  sweep = JSON.parse(readFileSync(path.join(dir, "parameters.json"), "utf8")) as typeof sweep;
} catch {
  // Real mode: the sweep is emulator-only.
}
rmSync(dir, { recursive: true, force: true });

interface Row {
  id: OperationId;
  replies: OperationStats;
  params: number;
  accepted: number;
  values: number;
  valuesAccepted: number;
  ignored: string[];
  note: string;
}

const rows: Row[] = (Object.keys(OPERATIONS) as OperationId[]).map((id) => {
  const results = sweep.results[id] ?? [];
  const byParam = new Map<string, SampleResult[]>();
  for (const r of results) byParam.set(r.param, [...(byParam.get(r.param) ?? []), r]);
  const accepted = [...byParam.values()].filter((rs) =>
    rs.every((r) => r.outcome.kind === "accepted"),
  ).length;
  const ignored = [...byParam.entries()]
    .filter(([, rs]) => rs.some((r) => r.outcome.kind === "accepted" && r.outcome.ignored))
    .map(([param]) => param);
  return {
    id,
    replies: replies.get(id) ?? { replies: 0, conforming: 0, errors: 0 },
    params: byParam.size,
    accepted,
    values: results.length,
    valuesAccepted: results.filter((r) => r.outcome.kind === "accepted").length,
    ignored,
    note: sweep.notSwept[id] ? `not swept: ${sweep.notSwept[id]}` : "",
  };
});

const webhookRows = [...replies.entries()].filter(([op]) => op.startsWith("webhook "));
const otherRows = [...replies.entries()].filter(
  ([op]) => !op.startsWith("webhook ") && !(op in OPERATIONS),
);

function table(): string {
  const lines = [
    "| operation | replies conforming | parameters accepted / SDK's | values accepted / sampled | ignored | deviations |",
    "| --- | --- | --- | --- | --- | --- |",
  ];
  for (const r of rows) {
    const deviations = DEVIATIONS[r.id]?.map((d) => `\`${d.match}\``).join(", ") ?? "";
    const params = r.note ? "—" : `${r.accepted} / ${r.params}`;
    const values = r.note ? "—" : `${r.valuesAccepted} / ${r.values}`;
    lines.push(
      `| \`${r.id}\` | ${r.replies.conforming} / ${r.replies.replies} | ${params} | ${values} | ${r.note ? "—" : r.ignored.length} | ${deviations} |`,
    );
  }
  const events = webhookRows.reduce(
    (a, [, s]) => ({ replies: a.replies + s.replies, conforming: a.conforming + s.conforming }),
    { replies: 0, conforming: 0 },
  );
  lines.push(
    `| webhook events (${webhookRows.length} types) | ${events.conforming} / ${events.replies} | | | | |`,
  );
  const errors = otherRows.reduce(
    (a, [, s]) => ({ replies: a.replies + s.replies, conforming: a.conforming + s.conforming }),
    { replies: 0, conforming: 0 },
  );
  if (errors.replies > 0)
    lines.push(`| other routes (errors) | ${errors.conforming} / ${errors.replies} | | | | |`);
  return lines.join("\n");
}

/** Ignored parameters, grouped by top-level parameter, for the README. */
function ignoredList(): string {
  const lines: string[] = [];
  for (const r of rows) {
    if (r.ignored.length === 0) continue;
    const groups = new Map<string, number>();
    for (const p of r.ignored) {
      const top = p.split("[")[0] ?? p;
      groups.set(top, (groups.get(top) ?? 0) + 1);
    }
    const parts = [...groups.entries()].map(([top, n]) =>
      n > 1 ? `\`${top}\` (${n})` : `\`${top}\``,
    );
    lines.push(`- \`${r.id}\`: ${parts.join(", ")}`);
  }
  return lines.join("\n");
}

function deviationList(): string {
  const lines: string[] = [];
  for (const [id, list] of Object.entries(DEVIATIONS))
    for (const d of list) lines.push(`- \`${id}\` \`${d.match}\`: ${d.reason}`);
  for (const [id, reason] of Object.entries(sweep.notSwept))
    lines.push(`- \`${id}\` is not in the parameter sweep: ${reason}.`);
  return lines.join("\n");
}

console.log(`\nEmulator fidelity (stripe ${readStripeVersion()})\n`);
console.log(table());
console.log(`\nKnown deviations:\n${deviationList()}`);

const problems: string[] = [];
if (!testsOk) problems.push("the emulator contract suite failed");
for (const r of rows) {
  if (r.replies.replies === 0) problems.push(`${r.id}: no reply was checked`);
  if (r.replies.conforming < r.replies.replies)
    problems.push(`${r.id}: ${r.replies.replies - r.replies.conforming} replies do not conform`);
}
for (const [op, s] of [...webhookRows, ...otherRows])
  if (s.conforming < s.replies)
    problems.push(`${op}: ${s.replies - s.conforming} replies do not conform`);

const real = (process.env.STRIPE_CONTRACT_SECRET_KEY ?? "").startsWith("sk_test_");
if (writeReadme && !real && problems.length === 0) {
  const readmePath = path.join(root, "emulator", "README.md");
  const readme = readFileSync(readmePath, "utf8");
  const start = "<!-- fidelity:start -->";
  const end = "<!-- fidelity:end -->";
  const body = `${start}\n${table()}\n\nKnown deviations (valid requests the emulator refuses):\n\n${deviationList()}\n\nParameters accepted and ignored (valid, stored nowhere, no effect), by top-level parameter with the number of leaf parameters:\n\n${ignoredList()}\n${end}`;
  const next = readme.includes(start)
    ? readme.replace(new RegExp(`${start}[\\s\\S]*${end}`), body)
    : `${readme}\n${body}\n`;
  writeFileSync(readmePath, next);
  run(bin("prettier"), ["--write", "--log-level", "warn", readmePath]);
  console.log("\nWrote the table into emulator/README.md.");
}

if (problems.length > 0) {
  console.error(`\nFidelity check failed:\n- ${problems.join("\n- ")}`);
  process.exit(1);
}
console.log(
  "\nEvery implemented operation's replies conform; every valid parameter is accepted or a listed deviation.",
);

function readStripeVersion(): string {
  return (
    JSON.parse(readFileSync(path.join(root, "node_modules", "stripe", "package.json"), "utf8")) as {
      version: string;
    }
  ).version;
}
