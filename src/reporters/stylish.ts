/**
 * The human report: every finding (the first 100 of a file, the rest counted in one line) as `file:line:col  severity  message  rule-id` (a path terminals
 * and editors open at the spot), its source line with the range underlined, its hint, and a summary.
 */
import type { Applicability, Diagnostic, Severity } from "../diagnostics.ts";
import { applicabilityOf } from "../lint/rule-fixes.ts";
import { plural } from "../text/plural.ts";
import { codeFrame, printableText, SourceLines } from "./code-frame.ts";
import { clip, limitFindings, omittedLine } from "./limit.ts";
import type { FileReport, Reporter, RuleMeta } from "./types.ts";

type Style = "bold" | "dim" | "red" | "yellow" | "blue" | "cyan";
const SGR: Record<Style, [number, number]> = {
  bold: [1, 22],
  dim: [2, 22],
  red: [31, 39],
  yellow: [33, 39],
  blue: [34, 39],
  cyan: [36, 39],
};
const SEVERITY_STYLE: Record<Severity, Style> = { error: "red", warning: "yellow", info: "blue" };

type Paint = (style: Style, text: string) => string;
const plain: Paint = (_style, text) => text;
const ansi: Paint = (style, text) => `\u001b[${SGR[style][0]}m${text}\u001b[${SGR[style][1]}m`;

/**
 * Renders findings for a person at a terminal, file by file in the order given, a blank line after
 * each; empty when there are none, as eslint does.
 */
export const stylish: Reporter = (results, options) => {
  const paint = options.color ? ansi : plain;
  let out = "";
  for (const result of results) out += fileFindings(result, paint);
  if (out === "") return "";
  return `${out}${summary(results, options.rules, paint)}\n`;
};

function fileFindings(result: FileReport, paint: Paint): string {
  if (result.diagnostics.length === 0) return "";
  const lines = new SourceLines(result.source);
  const path = printableText(result.filePath);
  let out = "";
  const { shown, omitted } = limitFindings(result.diagnostics);
  for (const d of shown) out += `${finding(path, d, lines, paint)}\n`;
  if (omitted > 0) out += `${paint("dim", omittedLine(omitted, path))}\n\n`;
  return out;
}

function finding(path: string, d: Diagnostic, lines: SourceLines, paint: Paint): string {
  const { line, column } = d.range.start;
  const where = paint("bold", `${path}:${line}:${column}`);
  const severity = paint(SEVERITY_STYLE[d.severity], d.severity);
  let out = `${where}  ${severity}  ${printableText(clip(d.message))}  ${paint("dim", printableText(d.ruleId))}\n`;
  const frame = codeFrame(lines, d.range);
  if (frame) {
    const gutter = String(frame.lineNumber);
    const blank = " ".repeat(gutter.length);
    out += `  ${paint("dim", `${gutter} |`)} ${frame.text}\n`;
    out += `  ${paint("dim", `${blank} |`)} ${frame.pad}${paint(SEVERITY_STYLE[d.severity], frame.marker)}\n`;
  }
  if (d.hint !== undefined) out += `  ${paint("cyan", "hint:")} ${printableText(clip(d.hint))}\n`;
  return out;
}

/**
 * `N errors, N warnings[, N info][ (N fixable with --fix, N with --fix --unsafe-fixes)]`: the fixes
 * `--fix` applies, and those it applies only with `--unsafe-fixes`.
 */
function summary(results: readonly FileReport[], rules: readonly RuleMeta[], paint: Paint): string {
  const diagnostics = results.flatMap((r) => r.diagnostics);
  const byId = new Map(rules.map((r) => [r.id, r]));
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  const warnings = diagnostics.filter((d) => d.severity === "warning").length;
  const infos = diagnostics.length - errors - warnings;
  const fixes = (a: Applicability) => diagnostics.filter((d) => applicabilityOf(d, byId.get(d.ruleId)) === a).length;
  const fixable = [
    [fixes("safe"), "--fix"],
    [fixes("unsafe"), "--fix --unsafe-fixes"],
  ] as const;
  const parts = [plural(errors, "error"), plural(warnings, "warning")];
  if (infos > 0) parts.push(`${infos} info`);
  const offered = fixable
    .filter(([n]) => n > 0)
    .map(([n, flags], i) => `${n}${i === 0 ? " fixable" : ""} with ${flags}`);
  const tail = offered.length > 0 ? ` (${offered.join(", ")})` : "";
  const style: Style = errors > 0 ? "red" : warnings > 0 ? "yellow" : "blue";
  return paint("bold", paint(style, `${parts.join(", ")}${tail}`));
}
