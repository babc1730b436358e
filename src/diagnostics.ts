/**
 * Diagnostics and fixes as plain data: rules produce them, reporters render them, nobody prints.
 */
import type { Range } from "./syntax/tree.ts";

/** How bad a finding is. `error` fails `qatconf lint`; `warning` fails it only past `--max-warnings`. */
export type Severity = "error" | "warning" | "info";

/** Severity settings of the linter's configuration: a severity, or `off`. */
export type RuleSetting = Severity | "off";

/** Replace the text between two offsets of the original source with `newText`. */
export interface TextEdit {
  /** 0-based offset of the first character replaced. */
  start: number;
  /** 0-based offset one past the last character replaced (`start` for an insertion). */
  end: number;
  newText: string;
}

/**
 * Whether `qatconf lint --fix` may apply a fix unasked (ruff's `Applicability`). `safe`: the fix
 * guesses nothing, it writes what the file already says the way the driver reads it, or drops an
 * exact repeat. `unsafe`: it picks the nearest known name or value, which may not be the one meant;
 * a person applies it (the editor's quick fix), or asks for it with `--fix --unsafe-fixes`.
 */
export type Applicability = "safe" | "unsafe";

/** A change that resolves a diagnostic. */
export interface Fix {
  /** What the fix does, in a few words ("rename to NumberCyInstances"). */
  description: string;
  edits: TextEdit[];
  /**
   * Set when this fix is safer (or riskier) than its rule's `fixApplicability` says (ruff keeps it
   * on the fix): a rule whose fixes guess may have one that only respells the same value.
   */
  applicability?: Applicability;
}

/** One finding about one place in one file. */
export interface Diagnostic {
  /** The rule that found it; `docs/rules/<ruleId>.md` explains it. */
  ruleId: string;
  severity: Severity;
  message: string;
  /** What to do about it, when the message alone does not say. */
  hint?: string;
  range: Range;
  fix?: Fix;
}
