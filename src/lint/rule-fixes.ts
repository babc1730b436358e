/**
 * What a rule's fix metadata means to the tools: whether `--fix` applies its fixes, and the words
 * the rule pages, `qatconf rules` and the editor's hover use for it (one wording, checked against
 * the pages by test/lint/doc-examples.test.ts).
 */
import type { Applicability, Diagnostic } from "../diagnostics.ts";
import type { RuleMeta } from "./types.ts";

/** The fix metadata of a rule. */
export type RuleFixes = Pick<RuleMeta, "fixAvailability" | "fixApplicability">;

/** How the rule's fixes may be applied; `undefined` when it has none. */
export function fixApplicability(rule: RuleFixes | undefined): Applicability | undefined {
  return rule === undefined || rule.fixAvailability === "never" ? undefined : (rule.fixApplicability ?? "unsafe");
}

/** How the fix of `d` may be applied: its own applicability, else its rule's; `undefined` without a fix. */
export function applicabilityOf(d: Diagnostic, rule: RuleFixes | undefined): Applicability | undefined {
  if (d.fix === undefined) return undefined;
  return d.fix.applicability ?? fixApplicability(rule);
}

/** Whether `--fix` applies fixes of this applicability: safe ones always, unsafe ones with `--unsafe-fixes`. */
export function applies(applicability: Applicability | undefined, unsafeFixes: boolean): boolean {
  return applicability === "safe" || (applicability === "unsafe" && unsafeFixes);
}

/** `never`, or `sometimes, safe` / `always, unsafe`: the rule page's `Fixable:`. */
export function fixableLabel(rule: RuleFixes): string {
  const applicability = fixApplicability(rule);
  return applicability === undefined ? "never" : `${rule.fixAvailability}, ${applicability}`;
}
