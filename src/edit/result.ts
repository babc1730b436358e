/**
 * What every editor returns and the checks every edit passes before it is handed back: the input
 * has no syntax errors (unless forced), and the result adds no lint error. An edit that fails a
 * check is refused whole: the caller gets the input back, unchanged, with the reason.
 *
 * The linter comes in the editors' options ({@link LintedEditOptions}), not as an import: it runs
 * rules over the model, a layer above the editors; `src/linted-edits.ts` hands it in for the
 * library, the CLI and the host commands.
 */
import type { Diagnostic, RuleSetting, TextEdit } from "../diagnostics.ts";
import type { DeviceOptions } from "../model/device-options.ts";
import type { FileKind } from "../syntax/kind.ts";
import type { ConfigDocument } from "../syntax/tree.ts";
import { plural } from "../text/plural.ts";
import { checkBudget } from "./budget.ts";
import { applyEdits } from "./text-edit.ts";

/** Options every editor takes. */
export interface EditOptions {
  /** The file's name or path: the device family and PF/VF role are read from it. */
  fileName?: string;
  /** Device family id or alias, overriding the file name (`c6xx`, `c6xxvf` for a VF file). */
  device?: string;
  /** Edit even a file with syntax errors; the broken lines are left as written. */
  force?: boolean;
  /**
   * Lint settings the result is checked with (`.qatconf.json` rules and CPU count) and the device
   * model's (driver package, a VF's PF services), which the ring budget is checked with too.
   */
  lint?: EditLintSettings;
  /** The kind of file (`--kind`); by default read from `fileName`. */
  kind?: FileKind;
}

/** The lint settings of an edit: those of `lint` that an edit's check uses. */
export interface EditLintSettings extends Pick<DeviceOptions, "driver" | "pfServicesEnabled"> {
  /** Per-rule severity overrides (`.qatconf.json` `rules`). */
  rules?: Record<string, RuleSetting>;
  /** Logical CPUs of the host, to check CoreAffinity (`--cpus`). */
  cpus?: number;
}

/** What an edit's result is linted with: the edit's file, device and kind, and its lint settings. */
export interface ResultLintOptions extends EditLintSettings, Pick<DeviceOptions, "fileName" | "device"> {
  kind?: FileKind;
}

/** Lints a text as `lint` does, returning its diagnostics: how an editor compares its result with its input. */
export type ResultLinter = (text: string, options: ResultLintOptions) => readonly Diagnostic[];

/** What the editors of this folder take: the options of the edit, and the linter its result is checked with. */
export interface LintedEditOptions extends EditOptions {
  linter: ResultLinter;
}

/** Why an edit was refused. */
export interface Refusal {
  /**
   * `syntax`: the input has syntax errors (`force` edits anyway). `request`: the request does not
   * apply to this file (no such instance, a malformed key). `budget`: the instances do not fit the
   * device's rings. `lint`: the result would have lint errors the input does not have.
   */
  kind: "syntax" | "request" | "budget" | "lint";
  message: string;
  hint?: string;
}

/** What an editor returns. */
export interface EditResult {
  /** The edited text, or the input unchanged when the edit was refused. */
  text: string;
  /** Whether `text` differs from the input. */
  changed: boolean;
  /** The edits that turn the input into `text`, as offsets into the input (empty when refused). */
  edits: TextEdit[];
  /**
   * The findings behind a refusal: the input's syntax errors, or the lint errors the result would
   * add. When the edit was forced past syntax errors, those errors (kept as written).
   */
  diagnostics: Diagnostic[];
  /** Set when the edit was refused. */
  refusal?: Refusal;
  /** What the user should know about an edit that was made (a check that could not run, a value kept). */
  notes: string[];
}

/** A refused edit: the input back, unchanged. */
export function refused(text: string, refusal: Refusal, diagnostics: Diagnostic[] = []): EditResult {
  return { text, changed: false, edits: [], diagnostics, refusal, notes: [] };
}

/** Refuses a file with syntax errors unless forced; returns the errors either way. */
export function syntaxGate(
  doc: ConfigDocument,
  text: string,
  options: EditOptions,
): { refusal?: EditResult; errors: Diagnostic[] } {
  const errors = doc.diagnostics.filter((d) => d.severity === "error");
  if (errors.length === 0 || options.force) return { errors };
  return {
    errors,
    refusal: refused(
      text,
      {
        kind: "syntax",
        message: `the file has ${plural(errors.length, "syntax error")}: it is not edited`,
        hint: "fix them first, or pass --force to edit the rest (broken lines are kept as written)",
      },
      errors,
    ),
  };
}

/** The lint options an edit's result is checked with. */
export function lintOptionsOf(options: EditOptions): ResultLintOptions {
  return {
    ...options.lint,
    ...(options.fileName === undefined ? {} : { fileName: options.fileName }),
    ...(options.device === undefined ? {} : { device: options.device }),
    ...(options.kind === undefined ? {} : { kind: options.kind }),
  };
}

/**
 * Applies the edits and checks the result: with `budget`, refused when the device's rings hold
 * fewer of its instances than before (see `checkBudget`); then refused when a lint rule reports
 * more errors than on the input, so that an editor never makes a file worse while errors the user
 * already had do not block an unrelated change.
 */
export function finish(
  text: string,
  edits: TextEdit[],
  options: LintedEditOptions,
  checks: { budget?: boolean; notes?: string[] } = {},
): EditResult {
  const out = applyEdits(text, edits).text;
  const notes = [...(checks.notes ?? [])];
  if (out === text) return { text, changed: false, edits: [], diagnostics: [], notes };
  const lintOptions = lintOptionsOf(options);
  if (checks.budget) {
    const budget = checkBudget(text, out, lintOptions);
    if (budget.refusal) return refused(text, budget.refusal);
    notes.push(...budget.notes);
  }
  const added = newErrors(options.linter(text, lintOptions), options.linter(out, lintOptions));
  if (added.length > 0) {
    return refused(
      text,
      {
        kind: "lint",
        message: `the result would have ${plural(added.length, "lint error")}: nothing was changed`,
        hint: "the errors below are in the file as it would be written",
      },
      added,
    );
  }
  return { text: out, changed: true, edits, diagnostics: [], notes };
}

/**
 * The errors of `after` of every rule that reports more errors there than in `before`. Counted per
 * rule, not matched by message: renumbering an instance changes the messages of errors it already
 * had ("Cy1 ... has no Cy1CoreAffinity" becomes "Cy0 ..."), and those are not new.
 */
function newErrors(before: readonly Diagnostic[], after: readonly Diagnostic[]): Diagnostic[] {
  const count = (list: readonly Diagnostic[]): Map<string, number> => {
    const out = new Map<string, number>();
    for (const d of list) if (d.severity === "error") out.set(d.ruleId, (out.get(d.ruleId) ?? 0) + 1);
    return out;
  };
  const had = count(before);
  const has = count(after);
  return after.filter((d) => d.severity === "error" && (has.get(d.ruleId) ?? 0) > (had.get(d.ruleId) ?? 0));
}
