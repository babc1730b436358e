/**
 * doctor's reporters: `stylish` (findings grouped under each device or file, for people) and
 * `json` (the same groups as data, through lint's JSON reporter).
 */
import { json } from "../reporters/json.ts";
import { plural } from "../text/plural.ts";
import type { DoctorGroup } from "./doctor.ts";

/**
 * The JSON report: lint's JSON reporter over doctor's groups, so that one consumer reads both
 * (`[{ filePath, diagnostics: [{ ruleId, severity, message, line, column, endLine, endColumn, hint }] }]`).
 */
export function doctorJson(groups: readonly DoctorGroup[]): string {
  const results = groups.map((g) => ({ filePath: g.path, source: "", diagnostics: g.diagnostics }));
  return json(results, { color: false, rules: [], cwd: process.cwd(), version: "" });
}

/**
 * The stylish report: each path, then its findings (`line:column` only where the path is a text
 * file), each with its id and hint, and a closing count.
 */
export function doctorStylish(groups: readonly DoctorGroup[]): string {
  const out: string[] = [];
  const count = { error: 0, warning: 0, info: 0 };
  for (const group of groups) {
    out.push(group.path);
    const positioned = !group.path.startsWith("/sys/") && !group.path.startsWith("/proc/");
    for (const d of group.diagnostics) {
      count[d.severity]++;
      const where = positioned ? `${d.range.start.line}:${d.range.start.column}`.padEnd(8) : "";
      out.push(`  ${where}${d.severity.padEnd(8)}${d.message}  [${d.ruleId}]`);
      if (d.hint !== undefined) out.push(`  ${" ".repeat(where.length + 8)}hint: ${d.hint}`);
    }
    out.push("");
  }
  out.push(`${plural(count.error, "error")}, ${plural(count.warning, "warning")}, ${plural(count.info, "note")}`);
  return `${out.join("\n")}\n`;
}
