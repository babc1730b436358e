/**
 * `lint --fix`: applies the safe fixes (and with `--unsafe-fixes` the unsafe ones too), re-linting
 * after each pass because one fix can reveal or resolve another, until nothing changes (at most
 * {@link MAX_FIX_PASSES} passes).
 */
import type { Applicability, Diagnostic, TextEdit } from "../diagnostics.ts";
import { applyEdits } from "../edit/text-edit.ts";
import { findRule, lint } from "../lint/lint.ts";
import { applies, fixApplicability } from "../lint/rule-fixes.ts";
import type { LintOptions, LintResult } from "../lint/types.ts";
import type { ConfigDocument } from "../syntax/tree.ts";

/** Passes before giving up on fixes that keep changing the text (eslint stops at 10 too). */
export const MAX_FIX_PASSES = 10;

/** The outcome of fixing one text. */
export interface FixOutcome {
  /** The text after the fixes (the input when nothing applied). */
  text: string;
  /** The lint result of `text`: what remains. */
  result: LintResult;
  /** How many fixes were applied, over all passes. */
  fixed: number;
  /** True when the text had syntax errors, so nothing was touched. */
  refused: boolean;
}

/** Whether the grammar found errors: such a file is never rewritten (whatever `syntax`'s configured severity). */
export function hasSyntaxErrors(document: ConfigDocument): boolean {
  return document.diagnostics.some((d) => d.severity === "error");
}

/** The linter `--fix` runs: the real one, or a stand-in with fixable rules of its own in tests. */
export interface Linter {
  lint(text: string, options: LintOptions): LintResult;
  /** Whether the rule's fixes are safe to apply unasked; `undefined` for a rule without fixes. */
  fixApplicability(ruleId: string): Applicability | undefined;
}

/** The rule registry's linter. */
export const registryLinter: Linter = { lint, fixApplicability: (id) => fixApplicability(findRule(id)) };

/**
 * Fixes `text` with the safe fixes, and the unsafe ones too when `unsafeFixes`. A pass whose result
 * would not parse is discarded, and fixing stops there: a fix must never turn a file the driver
 * reads into one it cannot.
 */
export function fixText(
  text: string,
  options: LintOptions,
  linter: Linter = registryLinter,
  unsafeFixes = false,
): FixOutcome {
  let result = linter.lint(text, options);
  if (hasSyntaxErrors(result.document)) return { text, result, fixed: 0, refused: true };
  let fixed = 0;
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    const chosen = compatibleFixes(result.diagnostics, text.length, (d) =>
      applies(d.fix?.applicability ?? linter.fixApplicability(d.ruleId), unsafeFixes),
    );
    if (chosen.length === 0) break;
    const next = applyEdits(
      text,
      chosen.flatMap((d) => d.fix?.edits ?? []),
    ).text;
    if (next === text) break;
    const nextResult = linter.lint(next, options);
    if (hasSyntaxErrors(nextResult.document)) break;
    text = next;
    result = nextResult;
    fixed += chosen.length;
  }
  return { text, result, fixed, refused: false };
}

/**
 * The `wanted` fixes that can be applied together, whole: a fix whose edits would
 * touch an edit already chosen waits for the next pass, and a fix with an edit `applyEdits` would
 * drop is skipped (half a fix could leave the file worse).
 */
function compatibleFixes(
  diagnostics: readonly Diagnostic[],
  length: number,
  wanted: (d: Diagnostic) => boolean,
): Diagnostic[] {
  const taken: TextEdit[] = [];
  const chosen: Diagnostic[] = [];
  for (const d of diagnostics) {
    const edits = d.fix?.edits ?? [];
    if (edits.length === 0 || !wanted(d)) continue;
    const usable = edits.every(
      (e, i) =>
        e.start >= 0 &&
        e.start <= e.end &&
        e.end <= length &&
        !taken.some((t) => conflict(e, t)) &&
        !edits.slice(0, i).some((t) => conflict(e, t)),
    );
    if (!usable) continue;
    taken.push(...edits);
    chosen.push(d);
  }
  return chosen;
}

/** Two edits that overlap, or start at the same offset (their order would be a guess). */
function conflict(a: TextEdit, b: TextEdit): boolean {
  return a.start === b.start || (a.start < b.end && b.start < a.end);
}
