/**
 * The library's own time for a whole-process row of `npm run bench` (bench/run.ts): in a fresh
 * process, as the CLI is, the built library (`dist/index.js`) lints or formats the same texts the
 * CLI reads, read into memory first and not timed. Prints the milliseconds on stdout.
 *
 *   node bench/library-time.ts lint|fmt|read LIST_FILE   (LIST_FILE: one absolute path a line)
 *
 * `read` times the reading alone (readFileSync of each file): the floor of a run whose findings
 * all come from `--cache`.
 */
import { readFileSync } from "node:fs";

const [kind, list] = process.argv.slice(2);
const paths = readFileSync(list as string, "utf8")
  .split("\n")
  .filter(Boolean);
const r0 = performance.now();
const texts = paths.map((p) => readFileSync(p, "utf8"));
if (kind === "read") {
  process.stdout.write(`${performance.now() - r0}\n`);
  process.exit(0);
}
const { lint, format } = (await import("../dist/index.js" as string)) as typeof import("../src/index.ts");
const kept: unknown[] = [];
const t0 = performance.now();
if (kind === "lint")
  for (let i = 0; i < texts.length; i++)
    kept.push(lint(texts[i] as string, { fileName: paths[i] as string }).diagnostics);
else
  for (let i = 0; i < texts.length; i++)
    kept.push(format(texts[i] as string, { fileName: paths[i] as string }).changed);
process.stdout.write(`${performance.now() - t0}\n`);
