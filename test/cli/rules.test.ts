import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { allRules } from "../../src/lint/lint.ts";
import { ROOT, runCli } from "../support/cli.ts";

describe("qatconf rules", () => {
  it("lists every rule with its default severity, whether it is fixable, and its description", () => {
    const r = runCli(["rules"]);
    expect(r.status).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^RULE\s+SEVERITY\s+FIXABLE\s+DESCRIPTION$/);
    expect(lines.slice(1).map((l) => l.split(/\s+/).slice(0, 3))).toEqual(
      allRules().map((rule) => [rule.id, rule.defaultSeverity, rule.fixable ? "yes" : "no"]),
    );
    expect(lines[1]).toContain(allRules()[0]?.description);
  });

  it("lists them as JSON, each with its documentation address", () => {
    const list = JSON.parse(runCli(["rules", "--format", "json"]).stdout) as Array<Record<string, unknown>>;
    expect(list.map((r) => [r.id, r.defaultSeverity, r.fixable, r.description])).toEqual(
      allRules().map((r) => [r.id, r.defaultSeverity, r.fixable, r.description]),
    );
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
