import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { allRules, lint } from "../../src/lint/lint.ts";
import type { RuleSetting } from "../../src/lint/types.ts";
import { anyString, configDocument } from "../support/arbitraries.ts";

/** Severity settings running only the engine's own rules, so these tests do not depend on device rules. */
const ENGINE: Record<string, RuleSetting> = Object.fromEntries(
  allRules()
    .filter((r) => r.id !== "syntax" && r.id !== "unknown-rule")
    .map((r) => [r.id, "off"]),
);

const ids = (text: string) => lint(text, { rules: ENGINE }).diagnostics.map((d) => `${d.range.start.line}:${d.ruleId}`);

describe("the lint engine", () => {
  it("reports syntax errors as the 'syntax' rule, sorted by position", () => {
    const r = lint("[GENERAL]\nbroken\n[SSL\n", { rules: ENGINE });
    expect(r.diagnostics.map((d) => [d.ruleId, d.range.start.line, d.severity])).toEqual([
      ["syntax", 2, "error"],
      ["syntax", 3, "error"],
    ]);
  });

  it("never lets a suppression hide a syntax error", () => {
    expect(ids("[GENERAL]\n# qatconf-disable-next-line\nbroken\n")).toContain("3:syntax");
    expect(ids("# qatconf-disable-file syntax\n[GENERAL]\nbroken\n")).toContain("3:syntax");
  });

  it("silences syntax warnings with next-line, same-line and file directives", () => {
    const text = "[A] x\n";
    expect(ids(text)).toEqual(["1:syntax"]);
    expect(ids(`# qatconf-disable-next-line syntax -- reason\n${text}`)).toEqual([]);
    expect(ids("[A] x # qatconf-disable-line syntax\n")).toEqual([]);
    expect(ids(`${text}# qatconf-disable-file\n`)).toEqual([]);
    expect(ids(`# qatconf-disable-next-line unknown-rule\n${text}`)).toEqual(["2:syntax"]);
  });

  it("reports a directive naming a rule that does not exist, with a suggestion", () => {
    const r = lint("# qatconf-disable-next-line syntx, unknown-rule\n[A]\n", { rules: ENGINE });
    expect(r.diagnostics).toHaveLength(1);
    const d = r.diagnostics[0];
    expect(d).toMatchObject({ ruleId: "unknown-rule", severity: "warning", hint: "did you mean 'syntax'?" });
    expect(d?.range.start).toEqual({ offset: 28, line: 1, column: 29 });
    expect(d?.range.end.column).toBe(34);
  });

  it("applies severity overrides and turns rules off, except syntax, which keeps its own severities", () => {
    const text = "# qatconf-disable-next-line nope\n[A] x\n";
    const r = lint(text, { rules: { ...ENGINE, "unknown-rule": "error", syntax: "info" } });
    expect(r.diagnostics.map((d) => `${d.ruleId}:${d.severity}`)).toEqual(["unknown-rule:error", "syntax:warning"]);
    expect(lint(text, { rules: { ...ENGINE, "unknown-rule": "off" } }).diagnostics.map((d) => d.ruleId)).toEqual([
      "syntax",
    ]);
  });

  it("has unique kebab-case rule ids with a description each", () => {
    const seen = new Set<string>();
    for (const rule of allRules()) {
      expect(rule.id).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
      expect(seen.has(rule.id)).toBe(false);
      expect(rule.description.length).toBeGreaterThan(10);
      seen.add(rule.id);
    }
  });

  it("never throws, on any string or generated document, for any device", () => {
    const device = fc.option(fc.constantFrom("c6xx", "c6xxvf", "4xxx", "dh895xcc", "c4xxx", "nonsense"), {
      nil: undefined,
    });
    fc.assert(
      fc.property(
        fc.oneof(
          anyString,
          configDocument.map((d) => d.text),
        ),
        device,
        (text, dev) => {
          const r = lint(text, dev === undefined ? { fileName: "c6xx_dev0.conf" } : { device: dev });
          for (const d of r.diagnostics) {
            expect(d.range.start.offset).toBeLessThanOrEqual(d.range.end.offset);
            expect(d.range.end.offset).toBeLessThanOrEqual(text.length);
          }
        },
      ),
    );
  });
});
