/**
 * One fixture folder per rule (as biome's `tests/specs/<rule>/` and ruff's `.snap` files):
 * `test/rules/specs/<rule-id>/<case>/` holds the files of one host's folder, named with their device
 * (`c6xx_dev0.conf`, `c6xxvf_dev0.conf.vm`, `etc/sysconfig/qat`), and an optional `.qatconf.json`
 * (consumers, cpus, driver...). `qatconf lint` runs on a copy of them as a user would run it, and
 * what it prints (stylish, no colour) is kept beside them in `lint.snap`; each file `--fix` changes is
 * kept as `<file>.fixed` (for a rule whose fixes are unsafe, as `--fix --unsafe-fixes` leaves it, and
 * plain `--fix` must leave its findings alone). So a change of wording, code frame or hint shows in review as users see it,
 * and the rule tests need not repeat the words. Update with
 * `npx vitest run test/rules/specs.test.ts -u`, then read the diff.
 *
 * A case named `invalid…` must give the folder's rule at least one finding; a case named `valid…` gives
 * no rule any.
 */
import {
  cpSync,
  type Dirent,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { LintCommandOptions } from "../../src/cli/lint-run.ts";
import { allRules } from "../../src/index.ts";
import type { JsonFileReport } from "../../src/reporters/json.ts";
import { runLintInProcess } from "../support/cli.ts";

const SPECS = join(import.meta.dirname, "specs");
const CONFIG = ".qatconf.json";
const LINT_SNAPSHOT = "lint.snap";
const FIXED = ".fixed";
const CASE_NAME = /^(valid|invalid)(-[a-z0-9]+)*$/;

/** Every file under `dir`, relative to it, in a stable order. */
function filesUnder(dir: string): string[] {
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as Dirent[])
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

/** The files of a case that are linted: not its snapshots, not its configuration. */
function fixtureFiles(caseDir: string): string[] {
  return filesUnder(caseDir).filter((f) => f !== CONFIG && f !== LINT_SNAPSHOT && !f.endsWith(FIXED));
}

const ruleFolders = readdirSync(SPECS).sort();
const work = mkdtempSync(join(tmpdir(), "qatconf-specs-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs `qatconf lint [--fix] <files>` in `cwd` and returns its exit code and output. */
function qatconfLint(cwd: string, files: string[], options: Partial<LintCommandOptions>) {
  // The case's configuration, named so that nothing above the copy (in /tmp) is read.
  return runLintInProcess(files, { format: "stylish", jobs: 1, config: join(cwd, CONFIG), ...options }, { cwd });
}

/** A fresh copy of the case's fixtures and configuration (`{}` when it has none), for the linter to read and `--fix` to write. */
function copyCase(caseDir: string, files: readonly string[], name: string): string {
  const dir = join(work, name);
  for (const f of files) cpSync(join(caseDir, f), join(dir, f));
  const config = join(caseDir, CONFIG);
  if (existsSync(config)) cpSync(config, join(dir, CONFIG));
  else writeFileSync(join(dir, CONFIG), "{}\n");
  return dir;
}

function findingsOf(report: string, ruleId: string) {
  return (JSON.parse(report) as JsonFileReport[]).flatMap((file) =>
    file.diagnostics.filter((d) => d.ruleId === ruleId).map((d) => ({ ...d, filePath: file.filePath })),
  );
}

describe("the rule specs folder", () => {
  it("has one folder per rule of the registry, and none for anything else", () => {
    expect(ruleFolders).toEqual(
      allRules()
        .map((r) => r.id)
        .sort(),
    );
  });

  it.each(ruleFolders)("%s: cases named valid… or invalid…, at least one invalid", (ruleId) => {
    const cases = readdirSync(join(SPECS, ruleId));
    for (const c of cases) expect(c, `${ruleId}/${c}`).toMatch(CASE_NAME);
    expect(cases.some((c) => c.startsWith("invalid"))).toBe(true);
  });

  it.each(ruleFolders)(
    "%s: a rule with fixes shows one applied (a .fixed snapshot), one without shows none",
    (ruleId) => {
      const fixed = filesUnder(join(SPECS, ruleId)).filter((f) => f.endsWith(FIXED));
      const rule = allRules().find((r) => r.id === ruleId);
      if (rule?.fixAvailability === "never") expect(fixed).toEqual([]);
      else expect(fixed.length).toBeGreaterThan(0);
    },
  );
});

for (const ruleId of ruleFolders) {
  describe(ruleId, () => {
    for (const caseName of readdirSync(join(SPECS, ruleId)).sort()) {
      const caseDir = join(SPECS, ruleId, caseName);
      it(caseName, async () => {
        const rule = allRules().find((r) => r.id === ruleId);
        // A rule with fixes but no decision is treated as unsafe, as --fix treats it.
        const unsafe = rule?.fixAvailability !== "never" && rule?.fixApplicability !== "safe";
        const files = fixtureFiles(caseDir);
        expect(files.length, "a case holds at least one fixture file").toBeGreaterThan(0);
        const dir = copyCase(caseDir, files, `${ruleId}-${caseName}`);

        const shown = await qatconfLint(dir, files, {});
        expect(shown.stderr).toBe("");
        expect(shown.status).toBeLessThan(2);
        await expect(shown.stdout).toMatchFileSnapshot(join(caseDir, LINT_SNAPSHOT));

        const found = findingsOf((await qatconfLint(dir, files, { format: "json" })).stdout, ruleId);
        const lines = new Map(files.map((f) => [f, readFileSync(join(dir, f), "utf8").split("\n").length]));
        if (caseName.startsWith("invalid")) {
          expect(found.length, `${ruleId} reports on ${caseName}`).toBeGreaterThan(0);
          // Each points into its file, where the report can show the line.
          for (const d of found) expect(d.line).toBeLessThanOrEqual(lines.get(d.filePath) ?? 0);
        } else {
          expect(found.map((d) => `${d.filePath}:${d.line} ${d.message}`)).toEqual([]);
          // A valid case is a host's folder the driver takes whole: no rule has a word to say.
          expect(shown.stdout).toBe("");
        }

        const withFix = (json: string) => findingsOf(json, ruleId).filter((d) => d.fix !== undefined);
        if (unsafe) {
          // An unsafe fix guesses (a nearest name or value): plain --fix leaves it to the user, and
          // applies only the fixes that say they are safe themselves (a respelling).
          const safeOnly = await qatconfLint(copyCase(caseDir, files, `${ruleId}-${caseName}-safe`), files, {
            format: "json",
            fix: true,
          });
          expect(withFix(safeOnly.stdout)).toHaveLength(found.filter((d) => d.fix?.applicability === "unsafe").length);
        }
        // The result of every fix of this rule is kept, the unsafe ones as --unsafe-fixes makes them.
        const after = await qatconfLint(dir, files, { format: "json", fix: true, unsafeFixes: unsafe });
        expect(after.status).toBeLessThan(2);
        // Every fix of this rule that --fix may apply was applied: what is left carries none.
        expect(withFix(after.stdout)).toEqual([]);
        const changed = files.filter(
          (f) => readFileSync(join(dir, f), "utf8") !== readFileSync(join(caseDir, f), "utf8"),
        );
        for (const f of changed) {
          await expect(readFileSync(join(dir, f), "utf8")).toMatchFileSnapshot(join(caseDir, f + FIXED));
        }
        // A `.fixed` snapshot of a file --fix no longer changes is stale: delete it.
        const stale = filesUnder(caseDir).filter(
          (f) => f.endsWith(FIXED) && !changed.includes(f.slice(0, -FIXED.length)),
        );
        expect(stale).toEqual([]);
      });
    }
  });
}
