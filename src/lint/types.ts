/**
 * The lint engine's contract: rules, their context, and what `lint` takes and returns.
 */
import type { ConfigView } from "../config/view.ts";
import type { Applicability, Diagnostic, RuleSetting, Severity } from "../diagnostics.ts";
import type { Consumer } from "../model/consumers.ts";
import type { DeviceOptions } from "../model/device-options.ts";
import type { DeviceConfig, DeviceFamily } from "../model/types.ts";
import type { FileKind } from "../syntax/kind.ts";
import type { ConfigDocument } from "../syntax/tree.ts";

export type { FileKind, RuleSetting };

/** Options of `lint`. */
export interface LintOptions extends DeviceOptions {
  /** The kind of file (`--kind`); by default `qatlib` for a path ending in `sysconfig/qat`, else `driver`. */
  kind?: FileKind;
  /** The programs that use the host's files (`--consumer`, `.qatconf.json` `consumers`): set rules check them. */
  consumers?: readonly Consumer[];
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

/** One file as the linter models it: what a rule, and a set rule for each file of its set, sees. */
export interface LintedFile {
  document: ConfigDocument;
  view: ConfigView;
  /** The device family, when known from the file name or `--device`. */
  family?: DeviceFamily;
  /** Whether the file configures a VF (`<family>vf_devN.conf[.vm]`, or `--device <family>vf`). */
  isVf: boolean;
  /** The device configuration, when the family is known. */
  device?: DeviceConfig;
  options: LintOptions;
}

/** What a rule sees. */
export interface RuleContext extends LintedFile {
  /** Ids of every rule of the registry (to check rule ids written in the file). */
  ruleIds: ReadonlySet<string>;
  /**
   * When the device family is unknown: the ids of the enabled rules that need it and so did not
   * run (in registry order), for the finding that says so.
   */
  skippedForDevice?: readonly string[];
  /** The family the file names when no out-of-tree package drives it (the 6xxx): no rule of the driver's ran. */
  inTreeOnly?: DeviceFamily;
  /** Reports a finding; severity defaults to the rule's. */
  report(diagnostic: Reported): void;
}

/** What a rule reports: a diagnostic without its rule id, its severity the rule's unless given. */
export type Reported = Omit<Diagnostic, "ruleId" | "severity"> & { severity?: Severity };

/** What every rule declares beside its check: for `qatconf rules`, doc pages and reporters. */
export interface RuleMeta {
  /** Kebab-case id, also the doc page name: `docs/rules/<id>.md`. */
  id: string;
  defaultSeverity: Severity;
  /** One line: what the rule checks. */
  description: string;
  /** Whether its diagnostics carry fixes: for none, for some of them, for every one. */
  fixAvailability: FixAvailability;
  /** For a rule with fixes: whether `--fix` applies them, or only `--fix --unsafe-fixes` and the editor. */
  fixApplicability?: Applicability;
}

/** Whether a rule's findings carry a fix (ruff's `FixAvailability`). */
export type FixAvailability = "never" | "sometimes" | "always";

/** One file of a set linted together, as a set rule sees it. */
export interface SetFile extends LintedFile {
  fileName: string;
}

/** What a set rule sees: the files of one folder, linted together. */
export interface SetRuleContext {
  files: readonly SetFile[];
  /** Reports a finding in one of the files; severity defaults to the rule's. */
  report(file: SetFile, diagnostic: Reported): void;
}

/**
 * A rule over several files of one host (the files of one folder): a VF file against its PF's,
 * the numbering of device files, a section an application needs on every device.
 */
export interface SetRule extends RuleMeta {
  checkSet(context: SetRuleContext): void;
}

/** A lint rule: its metadata beside its check (one file per rule under `src/rules/`). */
export interface Rule extends RuleMeta {
  /** The kinds of file it checks; `["driver"]` when absent. */
  kinds?: readonly FileKind[];
  /** True when the rule checks nothing without the device family: it does not run then, and `unknown-device` names it. */
  needsDevice?: boolean;
  check(context: RuleContext): void;
}
