/**
 * The lint engine's contract: rules, their context, and what `lint` takes and returns.
 */
import type { ConfigView } from "../config/view.ts";
import type { Diagnostic, Severity } from "../diagnostics.ts";
import type { DeviceConfig, DeviceFamily } from "../model/types.ts";
import type { ConfigDocument } from "../syntax/tree.ts";

/** Severity settings of the linter's configuration: a severity, or `off`. */
export type RuleSetting = Severity | "off";

/** Options of `lint`. */
export interface LintOptions {
  /** The file's name or path: the device family, PF/VF and number are read from it. */
  fileName?: string;
  /** Device family id or alias, overriding the file name (`--device`). */
  device?: string;
  /** Logical CPUs of the host, to check CoreAffinity (`--cpus`). */
  cpus?: number;
  /** Per-rule severity overrides (`.qatconf.json` `rules`). */
  rules?: Record<string, RuleSetting>;
}

/** What `lint` returns. */
export interface LintResult {
  document: ConfigDocument;
  /** Diagnostics sorted by position, syntax diagnostics included, suppressions applied. */
  diagnostics: Diagnostic[];
}

/** What a rule sees. */
export interface RuleContext {
  document: ConfigDocument;
  view: ConfigView;
  /** The device family, when known from the file name or `--device`. */
  family?: DeviceFamily;
  /** Whether the file configures a VF (`<family>vf_devN.conf[.vm]`, or `--device <family>vf`). */
  isVf: boolean;
  /** The device configuration, when the family is known. */
  device?: DeviceConfig;
  options: LintOptions;
  /** Ids of every rule of the registry (to check rule ids written in the file). */
  ruleIds: ReadonlySet<string>;
  /**
   * When the device family is unknown: the ids of the enabled rules that need it and so did not
   * run (in registry order), for the finding that says so.
   */
  skippedForDevice?: readonly string[];
  /** Reports a finding; severity defaults to the rule's. */
  report(diagnostic: Omit<Diagnostic, "ruleId" | "severity"> & { severity?: Severity }): void;
}

/** A lint rule: its metadata beside its check (one file per rule under `src/rules/`). */
export interface Rule {
  /** Kebab-case id, also the doc page name: `docs/rules/<id>.md`. */
  id: string;
  defaultSeverity: Severity;
  /** One line: what the rule checks. */
  description: string;
  /** Whether its diagnostics carry fixes that `--fix` applies. */
  fixable: boolean;
  /** True when the rule checks nothing without the device family: it does not run then, and `unknown-device` names it. */
  needsDevice?: boolean;
  check(context: RuleContext): void;
}
