/**
 * The lint engine: parses a file, builds its semantic view and device model, runs every rule of the
 * registry, and returns the diagnostics sorted by position with severity overrides and inline
 * suppressions applied. Rules report data; nothing here prints.
 */
import { view } from "../config/view.ts";
import type { Diagnostic, Severity } from "../diagnostics.ts";
import { familyForFileName, findFamily } from "../model/devices.ts";
import { deviceConfig } from "../model/instances.ts";
import type { DeviceFamily } from "../model/types.ts";
import { RULES } from "../rules/index.ts";
import { parse } from "../syntax/parse.ts";
import type { ConfigDocument } from "../syntax/tree.ts";
import { suppressions } from "./suppress.ts";
import type { LintOptions, LintResult, Rule, RuleContext } from "./types.ts";

const BY_ID = new Map<string, Rule>(RULES.map((r) => [r.id, r]));
const RULE_IDS: ReadonlySet<string> = new Set(BY_ID.keys());

/** Every rule of the registry, in registry order. */
export function allRules(): readonly Rule[] {
  return RULES;
}

/** The rule with this id, or `undefined`. */
export function findRule(id: string): Rule | undefined {
  return BY_ID.get(id);
}

/** The device family and PF/VF role a file is linted as: `--device` first, then the file name. */
export function resolveDevice(options: LintOptions): { family?: DeviceFamily; isVf: boolean } {
  const fromName = options.fileName === undefined ? undefined : familyForFileName(options.fileName);
  if (options.device !== undefined) {
    const family = findFamily(options.device);
    // `--device c6xxvf` names a VF file as well as the family.
    const isVf = options.device.trim().toLowerCase().endsWith("vf") || (fromName?.isVf ?? false);
    return family ? { family, isVf } : { isVf };
  }
  return fromName ?? { isVf: false };
}

/**
 * Lints a configuration file. Never throws on any input text: every finding, syntax errors
 * included, is a diagnostic. Rules turned `off` in `options.rules` do not run.
 */
export function lint(text: string, options: LintOptions = {}): LintResult {
  const document = parse(text, options.fileName === undefined ? {} : { fileName: options.fileName });
  return lintDocument(document, options);
}

/** Lints an already parsed document (see {@link lint}). */
export function lintDocument(document: ConfigDocument, options: LintOptions = {}): LintResult {
  const diagnostics: Diagnostic[] = [];
  const { family, isVf } = resolveDevice(options);
  const semantic = view(document);
  // Once per file, not per rule: every device rule reads the same model.
  const device = family ? deviceConfig(semantic, family, isVf) : undefined;
  const skippedForDevice = family
    ? undefined
    : RULES.filter((r) => r.needsDevice && options.rules?.[r.id] !== "off").map((r) => r.id);
  for (const rule of RULES) {
    const setting = options.rules?.[rule.id];
    if (setting === "off" || (skippedForDevice && rule.needsDevice)) continue;
    const override: Severity | undefined = setting;
    const context: RuleContext = {
      document,
      view: semantic,
      isVf,
      options,
      ruleIds: RULE_IDS,
      report(d) {
        const { severity, ...rest } = d;
        diagnostics.push({ ...rest, ruleId: rule.id, severity: override ?? severity ?? rule.defaultSeverity });
      },
    };
    if (family) context.family = family;
    if (device) context.device = device;
    if (skippedForDevice) context.skippedForDevice = skippedForDevice;
    rule.check(context);
  }
  const kept = suppressions(document).filter(diagnostics);
  kept.sort(byPosition);
  return { document, diagnostics: kept };
}

function byPosition(a: Diagnostic, b: Diagnostic): number {
  return (
    a.range.start.offset - b.range.start.offset ||
    a.range.end.offset - b.range.end.offset ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0)
  );
}
