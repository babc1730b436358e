/**
 * Lint errors of a file doctor reads, surfaced as doctor findings under the linter's own rule ids
 * and positions, so that `doctor` and `lint` say the same thing about the same line.
 */
import type { Diagnostic } from "../diagnostics.ts";
import type { HostCheckContext } from "./types.ts";

/**
 * Reports the errors among `diagnostics` as findings about `path` (the warnings too with
 * `withWarnings`, at their own severity); returns how many errors there were.
 */
export function reportLintErrors(
  report: HostCheckContext["report"],
  path: string,
  diagnostics: readonly Diagnostic[],
  withWarnings = false,
): number {
  const errors = diagnostics.filter((d) => d.severity === "error");
  for (const d of diagnostics.filter((x) => x.severity === "error" || (withWarnings && x.severity === "warning"))) {
    report({
      path,
      ruleId: d.ruleId,
      severity: d.severity,
      message: d.message,
      range: d.range,
      ...(d.hint === undefined ? {} : { hint: d.hint }),
    });
  }
  return errors.length;
}
