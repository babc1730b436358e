/**
 * The machine report: an array of `{ filePath, diagnostics }`, each diagnostic flat with 1-based
 * `line`, `column`, `endLine`, `endColumn` (the end is exclusive, as in eslint's JSON and SARIF).
 * Columns count UTF-16 code units, as JavaScript strings do.
 */
import type { Applicability, Diagnostic, Fix, Severity } from "../diagnostics.ts";
import { applicabilityOf } from "../lint/rule-fixes.ts";
import type { Reporter, RuleMeta } from "./types.ts";

/** One diagnostic of the JSON report. */
export interface JsonDiagnostic {
  ruleId: string;
  severity: Severity;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  hint?: string;
  /**
   * Edits as 0-based offsets into the file's text as read, and whether `--fix` applies them
   * (`safe`) or only `--fix --unsafe-fixes` does; no applicability for a rule the run does not know.
   */
  fix?: Fix & { applicability?: Applicability };
}

/** One file of the JSON report. */
export interface JsonFileReport {
  filePath: string;
  diagnostics: JsonDiagnostic[];
}

function toJson(d: Diagnostic, rules: ReadonlyMap<string, RuleMeta>): JsonDiagnostic {
  const applicability = applicabilityOf(d, rules.get(d.ruleId));
  return {
    ruleId: d.ruleId,
    severity: d.severity,
    message: d.message,
    line: d.range.start.line,
    column: d.range.start.column,
    endLine: d.range.end.line,
    endColumn: d.range.end.column,
    ...(d.hint === undefined ? {} : { hint: d.hint }),
    ...(d.fix === undefined
      ? {}
      : {
          fix: {
            description: d.fix.description,
            edits: d.fix.edits,
            ...(applicability === undefined ? {} : { applicability }),
          },
        }),
  };
}

/** Renders every file, clean ones included (so that a consumer sees what was checked). */
export const json: Reporter = (results, options) => {
  const rules = new Map(options.rules.map((r) => [r.id, r]));
  const report: JsonFileReport[] = results.map((r) => ({
    filePath: r.filePath,
    diagnostics: r.diagnostics.map((d) => toJson(d, rules)),
  }));
  return `${JSON.stringify(report, null, 2)}\n`;
};
