/**
 * What every reporter takes: the findings of each linted file with its text, and the rules' metadata.
 * Reporters are pure: they return the whole report as a string and never print.
 */
import type { Diagnostic } from "../diagnostics.ts";
import type { Rule } from "../lint/types.ts";

/** The findings of one file. */
export interface FileReport {
  /** The path as the user gave it or as the directory walk found it (`<stdin>` for stdin). */
  filePath: string;
  /** The text the diagnostics' positions refer to. */
  source: string;
  diagnostics: readonly Diagnostic[];
}

/** What a report says about a rule: its metadata without its check. */
export type RuleMeta = Pick<Rule, "id" | "defaultSeverity" | "description" | "fixAvailability" | "fixApplicability">;

/** What a reporter needs besides the findings. */
export interface ReporterOptions {
  /** ANSI colours (decided by the CLI from the TTY, NO_COLOR and FORCE_COLOR). */
  color: boolean;
  /** Every rule of the registry, for SARIF's rule table. */
  rules: readonly RuleMeta[];
  /** The working directory: SARIF and GitHub paths are relative to it. */
  cwd: string;
  /** qatconf's version, for SARIF's tool description. */
  version: string;
}

/** Renders a whole report. */
export type Reporter = (results: readonly FileReport[], options: ReporterOptions) => string;
