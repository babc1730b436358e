/**
 * The machine report: an array of `{ filePath, diagnostics }`, each diagnostic flat with 1-based
 * `line`, `column`, `endLine`, `endColumn` (the end is exclusive, as in eslint's JSON and SARIF).
 * Columns count UTF-16 code units, as JavaScript strings do.
 */
import type { Diagnostic, Fix, Severity } from "../diagnostics.ts";
import type { Reporter } from "./types.ts";

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
  /** Edits as 0-based offsets into the file's text as read. */
  fix?: Fix;
}

/** One file of the JSON report. */
export interface JsonFileReport {
  filePath: string;
  diagnostics: JsonDiagnostic[];
}

function toJson(d: Diagnostic): JsonDiagnostic {
  return {
    ruleId: d.ruleId,
    severity: d.severity,
    message: d.message,
    line: d.range.start.line,
    column: d.range.start.column,
    endLine: d.range.end.line,
    endColumn: d.range.end.column,
    ...(d.hint === undefined ? {} : { hint: d.hint }),
    ...(d.fix === undefined ? {} : { fix: { description: d.fix.description, edits: d.fix.edits } }),
  };
}

/** Renders every file, clean ones included (so that a consumer sees what was checked). */
export const json: Reporter = (results) => {
  const report: JsonFileReport[] = results.map((r) => ({
    filePath: r.filePath,
    diagnostics: r.diagnostics.map(toJson),
  }));
  return `${JSON.stringify(report, null, 2)}\n`;
};
