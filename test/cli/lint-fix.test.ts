import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixText, type Linter, MAX_FIX_PASSES } from "../../src/cli/fix.ts";
import type { LintCommandOptions } from "../../src/cli/lint-run.ts";
import type { Diagnostic } from "../../src/diagnostics.ts";
import { parse } from "../../src/syntax/parse.ts";
import { runLintInProcess } from "../support/cli.ts";

/**
 * A stand-in linter with fixable rules of its own, so that `--fix` is tested whatever the registry's
 * rules are: `upper-key` reports the first key starting with a lower-case letter (one per pass, so
 * fixing every key takes several passes); `break-it` offers a fix that would remove the `=`; the
 * fixes of `guess-key` are unsafe, and `not-fixable` is a rule without fixes (whatever it reports).
 */
function fakeLinter(ruleIds: string[]): Linter {
  return {
    fixApplicability: (id) => (id === "not-fixable" ? undefined : id === "guess-key" ? "unsafe" : "safe"),
    lint(text) {
      const document = parse(text);
      const diagnostics: Diagnostic[] = [...document.diagnostics];
      for (const line of document.lines) {
        if (line.kind !== "entry" || !/^[a-z]/.test(line.key.text)) continue;
        const { range } = line.key;
        const upper = {
          start: range.start.offset,
          end: range.start.offset + 1,
          newText: line.key.text[0]?.toUpperCase() ?? "",
        };
        for (const ruleId of ruleIds) {
          const edits =
            ruleId === "break-it" ? [{ start: range.end.offset, end: line.range.end.offset, newText: "\n" }] : [upper];
          diagnostics.push({
            ruleId,
            severity: "warning",
            message: "lower-case key",
            range,
            fix: { description: "fix", edits },
          });
        }
        if (ruleIds.includes("upper-key")) break;
      }
      return { document, diagnostics };
    },
  };
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "qatconf-fix-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[], linter: Linter, options: Partial<LintCommandOptions> = {}) {
  return runLintInProcess(args, { format: "json", fix: true, ...options }, { cwd: dir, linter });
}

describe("fixText", () => {
  it("repeats passes until nothing is left to fix", () => {
    const text = "[A]\nab = 1\ncd = 2\nef = 3\n";
    const outcome = fixText(text, {}, fakeLinter(["upper-key"]));
    expect(outcome).toMatchObject({ text: "[A]\nAb = 1\nCd = 2\nEf = 3\n", fixed: 3, refused: false });
    expect(outcome.result.diagnostics).toEqual([]);
  });

  it("stops after a bounded number of passes", () => {
    const keys = Array.from({ length: MAX_FIX_PASSES + 2 }, (_, i) => `k${i} = 1\n`).join("");
    const outcome = fixText(`[A]\n${keys}`, {}, fakeLinter(["upper-key"]));
    expect(outcome.fixed).toBe(MAX_FIX_PASSES);
    expect(outcome.result.diagnostics).toHaveLength(1);
  });

  it("discards a pass that would leave a syntax error, and refuses a file that has one", () => {
    const text = "[A]\nab = 1\n";
    expect(fixText(text, {}, fakeLinter(["break-it"]))).toMatchObject({ text, fixed: 0, refused: false });
    expect(fixText("[A]\nab\n", {}, fakeLinter(["upper-key"]))).toMatchObject({ text: "[A]\nab\n", refused: true });
  });

  it("applies each fix whole or not at all, and only fixes of fixable rules", () => {
    // Two rules fix the same character: one is applied, the other is dropped (and then moot).
    const twice = fixText("[A]\nab = 1\n", {}, fakeLinter(["upper-key", "also-upper"]));
    expect(twice).toMatchObject({ text: "[A]\nAb = 1\n", fixed: 1 });
    expect(fixText("[A]\nab = 1\n", {}, fakeLinter(["not-fixable"])).text).toBe("[A]\nab = 1\n");
  });

  it("applies unsafe fixes only when asked to (--unsafe-fixes)", () => {
    const text = "[A]\nab = 1\n";
    expect(fixText(text, {}, fakeLinter(["guess-key"]))).toMatchObject({ text, fixed: 0 });
    expect(fixText(text, {}, fakeLinter(["guess-key"]), true)).toMatchObject({ text: "[A]\nAb = 1\n", fixed: 1 });
    expect(fixText(text, {}, fakeLinter(["not-fixable"]), true).text).toBe(text);
  });
});

describe("qatconf lint --fix (writing)", () => {
  it("rewrites the file atomically, keeping its mode, and reports what remains", async () => {
    const file = join(dir, "c6xx_dev0.conf");
    writeFileSync(file, "[A]\nab = 1\ncd = 2\n");
    chmodSync(file, 0o640);
    const r = await run(["c6xx_dev0.conf"], fakeLinter(["upper-key"]));
    expect(r).toEqual({
      status: 0,
      stdout: `${JSON.stringify([{ filePath: "c6xx_dev0.conf", diagnostics: [] }], null, 2)}\n`,
      stderr: "",
    });
    expect(readFileSync(file, "utf8")).toBe("[A]\nAb = 1\nCd = 2\n");
    expect(statSync(file).mode & 0o777).toBe(0o640);
  });

  it("writes unsafe fixes with --unsafe-fixes only, and refuses --unsafe-fixes without --fix", async () => {
    const file = join(dir, "c6xx_dev1.conf");
    writeFileSync(file, "[A]\nab = 1\n");
    const safeOnly = await run(["c6xx_dev1.conf"], fakeLinter(["guess-key"]));
    expect(JSON.parse(safeOnly.stdout)[0].diagnostics).toHaveLength(1);
    expect(readFileSync(file, "utf8")).toBe("[A]\nab = 1\n");
    const unsafe = await run(["c6xx_dev1.conf"], fakeLinter(["guess-key"]), { unsafeFixes: true });
    expect(JSON.parse(unsafe.stdout)[0].diagnostics).toEqual([]);
    expect(readFileSync(file, "utf8")).toBe("[A]\nAb = 1\n");
    const alone = await run(["c6xx_dev1.conf"], fakeLinter(["guess-key"]), { fix: false, unsafeFixes: true });
    expect(alone).toMatchObject({ status: 2, stderr: expect.stringContaining("--unsafe-fixes goes with --fix") });
  });

  it("does not touch a file when no fix applies", async () => {
    const file = join(dir, "4xxx_dev0.conf");
    writeFileSync(file, "[A]\nab = 1\n");
    const before = statSync(file).mtimeMs;
    const r = await run(["4xxx_dev0.conf"], fakeLinter(["break-it"]));
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)[0].diagnostics).toHaveLength(1);
    expect(statSync(file).mtimeMs).toBe(before);
  });
});
