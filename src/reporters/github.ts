/**
 * GitHub Actions workflow commands: each finding becomes an annotation on the pull request's diff
 * (`::error file=...,line=...::message`). Escaping follows @actions/core (`escapeData`,
 * `escapeProperty` in packages/core/src/command.ts).
 */
import type { Diagnostic, Severity } from "../diagnostics.ts";
import { clip, limitFindings, omittedLine } from "./limit.ts";
import { relativeToCwd } from "./location.ts";
import type { Reporter } from "./types.ts";

const COMMAND: Record<Severity, string> = { error: "error", warning: "warning", info: "notice" };

/** Escapes a command's message: `%`, CR and LF would end or corrupt the command. */
export function escapeData(text: string): string {
  return text.replaceAll("%", "%25").replaceAll("\r", "%0D").replaceAll("\n", "%0A");
}

/** Escapes a property value: as {@link escapeData}, plus `:` and `,`, which delimit properties. */
export function escapeProperty(text: string): string {
  return escapeData(text).replaceAll(":", "%3A").replaceAll(",", "%2C");
}

function annotation(file: string, d: Diagnostic): string {
  const { start, end } = d.range;
  const properties = [
    `file=${escapeProperty(file)}`,
    `line=${start.line}`,
    `col=${start.column}`,
    `endLine=${end.line}`,
    `endColumn=${end.column}`,
    `title=${escapeProperty(d.ruleId)}`,
  ];
  const message = d.hint === undefined ? clip(d.message) : `${clip(d.message)}\nhint: ${clip(d.hint)}`;
  return `::${COMMAND[d.severity]} ${properties.join(",")}::${escapeData(message)}\n`;
}

/** Renders one annotation per finding (at most 100 per file, then one notice), with paths relative to the workspace (the working directory). */
export const github: Reporter = (results, options) => {
  let out = "";
  for (const result of results) {
    const file = relativeToCwd(result.filePath, options.cwd) ?? result.filePath;
    const { shown, omitted } = limitFindings(result.diagnostics);
    for (const d of shown) out += annotation(file, d);
    if (omitted > 0) out += `::notice file=${escapeProperty(file)}::${escapeData(omittedLine(omitted, file))}\n`;
  }
  return out;
};
