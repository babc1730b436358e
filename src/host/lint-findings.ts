/**
 * Lint findings of a file doctor reads, surfaced as doctor findings under the linter's own rule ids
 * and positions, so that `doctor` and `lint` say the same thing about the same line.
 */
import type { Diagnostic } from "../diagnostics.ts";
import type { HostCheckContext } from "./types.ts";

/** Reports `diagnostics` as findings about `path`, each at its own severity. */
export function reportLintFindings(
  report: HostCheckContext["report"],
  path: string,
  diagnostics: readonly Diagnostic[],
): void {
  for (const d of diagnostics) {
    report({
      path,
      ruleId: d.ruleId,
      severity: d.severity,
      message: d.message,
      range: d.range,
      ...(d.hint === undefined ? {} : { hint: d.hint }),
    });
  }
}
