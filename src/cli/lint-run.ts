/**
 * What `qatconf lint` does once its arguments are parsed: find the files, lint (and with `--fix`
 * repair) each one under its own settings, render one report, and choose the exit code.
 */
import { resolve } from "node:path";
import { view } from "../config/view.ts";
import { writeFileAtomic } from "../io/atomic-write.ts";
import { InputError, ioReason, readText, STDIN_NAME } from "../io/read-text.ts";
import { ConfigError, type LoadedConfig } from "../lint/config.ts";
import { allRules, byPosition, resolveDevice } from "../lint/lint.ts";
import { lintSet, type SetInput } from "../lint/set.ts";
import type { LintOptions, LintResult } from "../lint/types.ts";
import { findFamily } from "../model/devices.ts";
import { isPfFileName, type PfServicesFound, pfServicesByFamily } from "../model/pf-services.ts";
import { servicesGeneration } from "../qatlib/sysconfig.ts";
import { REPORTERS, type ReporterName } from "../reporters/index.ts";
import type { FileReport } from "../reporters/types.ts";
import { isQatlibPath } from "../syntax/kind.ts";
import { parse } from "../syntax/parse.ts";
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from "./exit-codes.ts";
import { discover } from "./files.ts";
import { fixText, type Linter, registryLinter } from "./fix.ts";
import { type CommandLineSettings, loadExplicitConfig, settingsFor, unknownDevice } from "./lint-settings.ts";

/** The options of `qatconf lint`, as commander parses them. */
export interface LintCommandOptions extends CommandLineSettings {
  format: ReporterName;
  stdinFilename?: string;
  maxWarnings?: number;
  quiet?: boolean;
  fix?: boolean;
  config?: string;
}

/** Where the run reads and writes: the real process, or a test's. */
export interface LintEnvironment {
  cwd: string;
  version: string;
  color: boolean;
  stdout(text: string): void;
  stderr(text: string): void;
  linter?: Linter;
}

/** Runs `qatconf lint` and returns its exit code. */
export async function runLint(
  args: readonly string[],
  options: LintCommandOptions,
  env: LintEnvironment,
): Promise<number> {
  const usage = (message: string): number => {
    env.stderr(`qatconf: ${message}\n`);
    return EXIT_USAGE;
  };
  if (args.length === 0) return usage("nothing to lint: name files, directories or globs, or '-' to read stdin");
  if (options.fix && args.includes("-")) return usage("--fix rewrites files: it cannot fix stdin");
  // qatlib's devices (6xxx) may be named for /etc/sysconfig/qat even where the driver model lacks
  // them, but only when every file linted is qatlib's: a driver file with an unknown device is a usage error.
  const onlyQatlib =
    options.kind === "qatlib" || args.every((a) => isQatlibPath(a === "-" ? (options.stdinFilename ?? "") : a));
  const qatlibDevice = onlyQatlib && options.device !== undefined && servicesGeneration(options.device) !== undefined;
  if (options.device !== undefined && !findFamily(options.device) && !qatlibDevice)
    return usage(`--device: ${unknownDevice(options.device)}`);
  let explicit: LoadedConfig | undefined;
  try {
    explicit = options.config === undefined ? undefined : await loadExplicitConfig(resolve(env.cwd, options.config));
  } catch (error) {
    return usage((error as Error).message);
  }
  const run = new Run(options, env, explicit);
  const { files, named, errors } = await discover(args, env.cwd);
  for (const e of errors) run.fail(e.path, e.reason);
  const inputs: Input[] = [];
  for (const file of files) {
    const input = await run.read(file, named.has(file));
    if (input) inputs.push(input);
  }
  // A QAT 1.x VF gets its PF's ring map: a PF file linted alongside says what the PF runs.
  const pfServices = pfServicesByFamily(
    inputs
      .filter((i) => isPfFileName(i.options.fileName ?? ""))
      .map((i) => ({
        name: i.options.fileName ?? "",
        view: view(parse(i.text, { fileName: i.options.fileName ?? "" })),
      })),
  );
  for (const input of inputs) await run.lint(withPfServices(input, pfServices));
  return run.finish();
}

/** A file read and its settings, before linting. */
interface Input {
  file: string;
  text: string;
  options: LintOptions;
}

/** The VF file's PF services from a PF file among the inputs, unless a setting gave them. */
function withPfServices(input: Input, found: ReadonlyMap<string, PfServicesFound>): Input {
  const device = resolveDevice(input.options);
  if (!device.family || !device.isVf || input.options.pfServicesEnabled !== undefined) return input;
  const pf = found.get(device.family.id);
  if (!pf || "conflict" in pf) return input;
  return { ...input, options: { ...input.options, pfServicesEnabled: pf.value, pfServicesSource: pf.source } };
}

class Run {
  private readonly reports: FileReport[] = [];
  /** What each report was linted from, for the set rules (same order as `reports`). */
  private readonly linted: SetInput[] = [];
  private readonly reported = new Set<string>();
  private failed = false;
  private readonly linter: Linter;
  private readonly options: LintCommandOptions;
  private readonly env: LintEnvironment;
  private readonly explicit: LoadedConfig | undefined;

  constructor(options: LintCommandOptions, env: LintEnvironment, explicit: LoadedConfig | undefined) {
    this.options = options;
    this.env = env;
    this.explicit = explicit;
    this.linter = env.linter ?? registryLinter;
  }

  /** A file that could not be linted: said once on stderr, and the run exits 2. */
  fail(path: string, reason: string): void {
    this.failMessage(`${path}: ${reason}`);
  }

  /** As {@link fail}, for a message that names its file (a configuration error's). */
  private failMessage(message: string): void {
    this.failed = true;
    const line = `qatconf: ${message}\n`;
    if (this.reported.has(line)) return;
    this.reported.add(line);
    this.env.stderr(line);
  }

  /** Reads a file and its settings; `undefined` (reported) when either fails. */
  async read(file: string, named: boolean): Promise<Input | undefined> {
    const isStdin = file === "-";
    const name = isStdin ? (this.options.stdinFilename ?? STDIN_NAME) : file;
    let lintOptions: LintOptions;
    let text: string;
    try {
      // Stdin's settings come from the folder `--stdin-filename` names (the working directory by default).
      const settingsPath = resolve(this.env.cwd, isStdin ? (this.options.stdinFilename ?? "stdin") : file);
      lintOptions = await settingsFor(settingsPath, this.options, this.explicit);
      // The name, not the absolute path, goes to the linter: messages quote it as the user wrote it.
      lintOptions.fileName = name;
      text = await readText(isStdin ? file : resolve(this.env.cwd, file), { named });
    } catch (error) {
      if (error instanceof ConfigError) this.failMessage(error.message);
      else if (error instanceof InputError) this.fail(name, error.message);
      else this.fail(name, ioReason(error));
      return undefined;
    }
    return { file, text, options: lintOptions };
  }

  /** Lints (with `--fix`, fixes) a file read by {@link read}. */
  async lint({ file, text, options: lintOptions }: Input): Promise<void> {
    const name = lintOptions.fileName ?? file;
    if (this.options.fix) await this.fix(file, text, lintOptions);
    else this.push({ filePath: name, source: text }, this.linter.lint(text, lintOptions), lintOptions);
  }

  /** Fixes and rewrites `file`, and reports what remains. */
  private async fix(file: string, text: string, lintOptions: LintOptions): Promise<void> {
    const outcome = fixText(text, lintOptions, this.linter);
    let reported = outcome;
    if (outcome.refused) {
      this.env.stderr(`qatconf: ${file}: not fixed: it has syntax errors (fix them first)\n`);
    } else if (outcome.text !== text) {
      try {
        await writeFileAtomic(resolve(this.env.cwd, file), outcome.text, { expected: text });
      } catch (error) {
        this.fail(file, `cannot write the fixes: ${ioReason(error)}`);
        reported = { ...outcome, text, result: this.linter.lint(text, lintOptions) };
      }
    }
    this.push({ filePath: file, source: reported.text }, reported.result, lintOptions);
  }

  private push(report: Omit<FileReport, "diagnostics">, result: LintResult, options: LintOptions): void {
    this.reports.push({ ...report, diagnostics: result.diagnostics });
    this.linted.push({ document: result.document, options });
  }

  /** Adds the set rules' findings (files of one folder linted together) to each file's report. */
  private addSetFindings(): void {
    const found = lintSet(this.linted);
    found.forEach((extra, i) => {
      const report = this.reports[i];
      if (!report || extra.length === 0) return;
      report.diagnostics = [...report.diagnostics, ...extra].sort(byPosition);
    });
  }

  finish(): number {
    this.addSetFindings();
    const all = this.reports.flatMap((r) => r.diagnostics);
    const errors = all.filter((d) => d.severity === "error").length;
    const warnings = all.filter((d) => d.severity === "warning").length;
    const shown = this.options.quiet ? this.reports.map(errorsOnly) : this.reports;
    const output = REPORTERS[this.options.format](shown, {
      color: this.env.color,
      rules: allRules(),
      cwd: this.env.cwd,
      version: this.env.version,
    });
    this.env.stdout(output);
    const max = this.options.maxWarnings;
    const tooManyWarnings = max !== undefined && warnings > max;
    if (tooManyWarnings) {
      this.env.stderr(`qatconf: ${warnings} warning${warnings === 1 ? "" : "s"}, more than --max-warnings ${max}\n`);
    }
    if (this.failed) return EXIT_USAGE;
    return errors > 0 || tooManyWarnings ? EXIT_FINDINGS : EXIT_OK;
  }
}

function errorsOnly(report: FileReport): FileReport {
  return { ...report, diagnostics: report.diagnostics.filter((d) => d.severity === "error") };
}
