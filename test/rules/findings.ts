/**
 * Test support for rule tests: lint a text and keep one rule's findings, and apply a finding's fix.
 */
import type { Diagnostic } from "../../src/diagnostics.ts";
import { applyEdits } from "../../src/edit/text-edit.ts";
import { lint } from "../../src/lint/lint.ts";
import type { LintOptions } from "../../src/lint/types.ts";

/** The diagnostics one rule reports on a text (a c6xx PF file unless `options` says otherwise). */
export function findings(
  ruleId: string,
  text: string,
  options: LintOptions = { fileName: "c6xx_dev0.conf" },
): Diagnostic[] {
  return lint(text, options).diagnostics.filter((d) => d.ruleId === ruleId);
}

/** The text after applying a diagnostic's fix; throws when it has none. */
export function fixed(text: string, d: Diagnostic | undefined): string {
  if (!d?.fix) throw new Error(`no fix on ${d?.ruleId ?? "missing diagnostic"}`);
  return applyEdits(text, d.fix.edits).text;
}

/** A C62x file the driver loads: every rule of this suite is silent on it. */
export const GOOD = `[GENERAL]
ServicesEnabled = cy;dc
ConfigVersion = 2
CyNumConcurrentSymRequests = 512
statsGeneral = 1

[KERNEL]
NumberCyInstances = 0
NumberDcInstances = 0

[SSL]
NumberCyInstances = 1
NumberDcInstances = 0
NumProcesses = 1
LimitDevAccess = 0
Cy0Name = "SSL0"
Cy0IsPolled = 1
Cy0CoreAffinity = 0
`;
