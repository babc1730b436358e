import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { allRules } from "../../src/lint/lint.ts";
import { fixableLabel } from "../../src/lint/rule-fixes.ts";
import { ROOT, runCli } from "../support/cli.ts";

describe("qatconf rules", () => {
  it("lists every rule with its default severity, whether it is fixable (and safely), and its description", () => {
    const r = runCli(["rules"]);
    expect(r.status).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^RULE\s+SEVERITY\s+FIXABLE\s+DESCRIPTION$/);
    const fixable = ["never", "sometimes, safe", "sometimes, unsafe", "always, safe", "always, unsafe"].join("|");
    const columns = new RegExp(`^(\\S+)\\s+(\\S+)\\s+(${fixable})\\s`);
    expect(lines.slice(1).map((l) => columns.exec(l)?.slice(1, 4))).toEqual(
      allRules().map((rule) => [rule.id, rule.defaultSeverity, fixableLabel(rule)]),
    );
    expect(lines[1]).toContain(allRules()[0]?.description);
  });

  it("lists them as JSON, each with its documentation address", () => {
    const list = JSON.parse(runCli(["rules", "--format", "json"]).stdout) as Array<Record<string, unknown>>;
    const fields = (r: Record<string, unknown>) => [
      r.id,
      r.defaultSeverity,
      r.fixAvailability,
      r.fixApplicability,
      r.description,
    ];
    expect(list.map(fields)).toEqual(allRules().map((r) => fields({ ...r })));
    expect(list[0]?.docs).toMatch(/^https:\/\/.*\/docs\/rules\/syntax\.md$/);
  });

  it("prints a rule's documentation page, shipped in the package", () => {
    for (const id of ["syntax", "unknown-rule"]) {
      const r = runCli(["rules", id]);
      expect(r).toEqual({ status: 0, stdout: readFileSync(resolve(ROOT, `docs/rules/${id}.md`), "utf8"), stderr: "" });
    }
    const pkg = JSON.parse(readFileSync(resolve(ROOT, "package.json"), "utf8")) as { files: string[] };
    expect(pkg.files).toContain("docs");
  });

  it("exits 2 for an unknown rule id, suggesting the closest", () => {
    const r = runCli(["rules", "unknown-rul"]);
    expect(r).toEqual({
      status: 2,
      stdout: "",
      stderr: "qatconf: unknown rule 'unknown-rul': did you mean 'unknown-rule'? (run 'qatconf rules' for the list)\n",
    });
  });

  it("finds the page from another working directory", () => {
    expect(runCli(["rules", "syntax"], { cwd: "/" }).stdout).toMatch(/^# `syntax`/);
  });
});
