/**
 * The lint engine: parses a file, builds its semantic view and device model, runs every rule of the
 * registry, and returns the diagnostics sorted by position with severity overrides and inline
 * suppressions applied. Rules report data; nothing here prints.
 */
import type { Diagnostic, Severity } from "../diagnostics.ts";
import { type ResolvedDevice, resolveDevice } from "../model/device-options.ts";
import { RULES, SET_RULES } from "../rules/index.ts";
import { parseAs } from "../syntax/kind.ts";
import type { ConfigDocument } from "../syntax/tree.ts";
import { UNCONFIGURABLE_RULES } from "./config.ts";
import { fileModel } from "./file-model.ts";
import { withOwnStrings } from "./own-strings.ts";
import { suppressions } from "./suppress.ts";
import type { FileKind, LintOptions, LintResult, RuleContext, RuleMeta } from "./types.ts";

const BY_ID = new Map<string, RuleMeta>([...RULES, ...SET_RULES].map((r) => [r.id, r]));
const RULE_IDS: ReadonlySet<string> = new Set(BY_ID.keys());

const ALL: readonly RuleMeta[] = [...RULES, ...SET_RULES];

/** Every rule of the registry, file rules then set rules, in registry order. */
export function allRules(): readonly RuleMeta[] {
  return ALL;
}

/** The rule (file or set rule) with this id, or `undefined`. */
export function findRule(id: string): RuleMeta | undefined {
  return BY_ID.get(id);
}

const DRIVER_ONLY: readonly FileKind[] = ["driver"];

/**
 * Lints a configuration file. Never throws on any input text: every finding, syntax errors
 * included, is a diagnostic. Rules turned `off` in `options.rules` do not run; `syntax` always runs,
 * as an error, whatever `options.rules` says (see `UNCONFIGURABLE_RULES`).
 */
export function lint(text: string, options: LintOptions = {}): LintResult {
  return lintDocument(parseAs(text, options), options);
}

/** Lints an already parsed document (see {@link lint}). */
export function lintDocument(document: ConfigDocument, options: LintOptions = {}): LintResult {
  const diagnostics: Diagnostic[] = [];
  const kind: FileKind = document.kind ?? "driver";
  // qatlib's file names no device of the driver's model: its rules read `options.device` themselves.
  const { family, isVf, inTreeOnly }: ResolvedDevice = kind === "driver" ? resolveDevice(options) : { isVf: false };
  // Once per file, not per rule: every device rule reads the same model (and the set rules too).
  const { view: semantic, device } = fileModel(document, options, family, isVf);
  const skippedForDevice = family
    ? undefined
    : RULES.filter((r) => r.needsDevice && options.rules?.[r.id] !== "off").map((r) => r.id);
  for (const rule of RULES) {
    if (!(rule.kinds ?? DRIVER_ONLY).includes(kind)) continue;
    const setting = UNCONFIGURABLE_RULES.has(rule.id) ? undefined : options.rules?.[rule.id];
    if (setting === "off" || (skippedForDevice && rule.needsDevice)) continue;
    // No driver reads the file of an in-tree-only family (6xxx): no rule of the driver's applies,
    // and unknown-device says so (syntax still runs: fmt needs it).
    if (inTreeOnly && rule.id !== "syntax" && rule.id !== "unknown-device") continue;
    const override: Severity | undefined = setting;
    const context: RuleContext = {
      document,
      view: semantic,
      isVf,
      options,
      ruleIds: RULE_IDS,
      report(d) {
        const { severity, ...rest } = d;
        diagnostics.push(
          withOwnStrings({ ...rest, ruleId: rule.id, severity: override ?? severity ?? rule.defaultSeverity }),
        );
      },
    };
    if (family) context.family = family;
    if (device) context.device = device;
    if (skippedForDevice) context.skippedForDevice = skippedForDevice;
    if (inTreeOnly) context.inTreeOnly = inTreeOnly;
    rule.check(context);
  }
  const kept = suppressions(document).filter(diagnostics);
  kept.sort(byPosition);
  return { document, diagnostics: kept };
}

/** The order diagnostics are reported in: by position, then rule id. */
export function byPosition(a: Diagnostic, b: Diagnostic): number {
  return (
    a.range.start.offset - b.range.start.offset ||
    a.range.end.offset - b.range.end.offset ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0)
  );
}
