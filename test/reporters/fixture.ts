/** A small report for the reporters' tests: one file with an error, a warning and an info, one clean file. */
import type { Diagnostic } from "../../src/diagnostics.ts";
import type { FileReport, ReporterOptions, RuleMeta } from "../../src/reporters/types.ts";
import type { Range } from "../../src/syntax/tree.ts";

export const SOURCE = "[GENERAL]\nServicesEnabled = cy;dc\n\tNumberCyInstacnes = 2\n";

/** A range from 1-based line and column pairs, with offsets computed on {@link SOURCE}. */
export function at(line: number, column: number, endLine: number, endColumn: number, text = SOURCE): Range {
  const offset = (l: number, c: number): number => {
    const lines = text.split("\n");
    return lines.slice(0, l - 1).reduce((n, s) => n + s.length + 1, 0) + c - 1;
  };
  return {
    start: { offset: offset(line, column), line, column },
    end: { offset: offset(endLine, endColumn), line: endLine, column: endColumn },
  };
}

export const RULES: RuleMeta[] = [
  { id: "syntax", defaultSeverity: "error", description: "Lines the driver cannot parse", fixAvailability: "never" },
  {
    id: "misspelt-key",
    defaultSeverity: "error",
    description: "Keys the driver ignores",
    fixAvailability: "sometimes",
    fixApplicability: "safe",
  },
  {
    id: "style-note",
    defaultSeverity: "info",
    description: "A note, with, commas: and colons",
    fixAvailability: "never",
  },
];

export const DIAGNOSTICS: Diagnostic[] = [
  {
    ruleId: "misspelt-key",
    severity: "error",
    message: "unknown key 'NumberCyInstacnes'",
    hint: "did you mean 'NumberCyInstances'?",
    range: at(3, 2, 3, 19),
    fix: { description: "rename to NumberCyInstances", edits: [{ start: 35, end: 52, newText: "NumberCyInstances" }] },
  },
  {
    ruleId: "syntax",
    severity: "warning",
    message: "100% sure: a, b\nsecond line",
    range: at(2, 19, 3, 1),
  },
  { ruleId: "style-note", severity: "info", message: "indented entry", range: at(3, 1, 3, 1) },
];

export const RESULTS: FileReport[] = [
  { filePath: "conf/c6xx_dev0.conf", source: SOURCE, diagnostics: DIAGNOSTICS },
  { filePath: "conf/clean_dev1.conf", source: "[GENERAL]\n", diagnostics: [] },
];

export const OPTIONS: ReporterOptions = { color: false, rules: RULES, cwd: "/work/project", version: "1.2.3" };
