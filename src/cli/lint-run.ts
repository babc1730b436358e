/**
 * What `qatconf lint` does once its arguments are parsed: find the files, lint (and with `--fix`
 * repair) each one under its own settings, render one report, and choose the exit code.
 */
import { statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { InputError, ioReason, readText, STDIN_NAME } from "../io/read-text.ts";
import { ConfigError, type LoadedConfig } from "../lint/config.ts";
import { allRules } from "../lint/lint.ts";
import { findFamily } from "../model/devices.ts";
import { REPORTERS, type ReporterName } from "../reporters/index.ts";
import type { FileReport } from "../reporters/types.ts";
import { plural } from "../text/plural.ts";
import { BUILD_ID } from "./build-id.ts";
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from "./exit-codes.ts";
import { discoverSync } from "./files.ts";
import { type Linter, registryLinter } from "./fix.ts";
import { cacheFileName, defaultCacheFile, fileFingerprint, LintCache, settingsKey, textHash } from "./lint-cache.ts";
import type { LintJob, LintOutcome, LintTask } from "./lint-file.ts";
import { type LintGroup, lintGroup, withSetFindings } from "./lint-group.ts";
import { type CommandLineSettings, loadExplicitConfig, settingsFor, unknownDevice } from "./lint-settings.ts";
import { runTasks, threadCount } from "./pool.ts";

/** The options of `qatconf lint`, as commander parses them. */
export interface LintCommandOptions extends CommandLineSettings {
  format: ReporterName;
  stdinFilename?: string;
  maxWarnings?: number;
  quiet?: boolean;
  fix?: boolean;
  /** `--unsafe-fixes`: `--fix` applies the rules' unsafe fixes too. */
  unsafeFixes?: boolean;
  config?: string;
  /** `--jobs`: threads to lint on (the main one included); by default chosen by files and cores. */
  jobs?: number;
  /** `--cache`: do not lint again a file whose findings are known. */
  cache?: boolean;
  /** `--cache-location`: the cache file, or a folder for it (implies `--cache`). */
  cacheLocation?: string;
  /** `--cache-strategy`: how an unchanged file is known (implies `--cache`); `metadata` by default. */
  cacheStrategy?: CacheStrategy;
}

/**
 * How `--cache` knows a file is unchanged: `metadata`, by its fingerprint (size, times, inode),
 * reading only what changed; `content`, by reading every file and hashing its text.
 */
export type CacheStrategy = "metadata" | "content";

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
  const misuse = misused(args, options);
  if (misuse) return usage(misuse);
  let explicit: LoadedConfig | undefined;
  try {
    explicit = options.config === undefined ? undefined : await loadExplicitConfig(resolve(env.cwd, options.config));
  } catch (error) {
    return usage((error as Error).message);
  }
  const { env: runEnv, printed } = recording(env);
  const run = new Run(options, runEnv, explicit);
  const { files, absolute, special, errors, withoutConfig } = discoverSync(args, env.cwd);
  for (const e of errors) run.fail(e.path, e.reason);
  // Each file gets a slot: its task, or the message that kept it from being one, so that the
  // messages come out in the order of the files whichever thread linted them.
  const slots: Array<LintTask | string> = [];
  for (let i = 0; i < files.length; i++) {
    const file = files[i] as string;
    const made = run.task(file, absolute[i] as string, withoutConfig);
    slots.push(typeof made === "string" || !special.has(file) ? made : await run.read(made));
  }
  const tasks = slots.filter((s): s is LintTask => typeof s !== "string");
  const cache = openCache(options, runEnv);
  const metadata = options.cacheStrategy !== "content";
  // A run like the last one on unchanged files prints what that one printed: it has nothing to
  // lint, and the findings of 10,000 files cost more to parse and render than to stat the files.
  const key =
    cache && metadata
      ? fingerprinted(tasks, !printed.stderr && tasks.length === slots.length, options, env)
      : undefined;
  const replay = key === undefined ? undefined : cache?.replay(key);
  if (replay) {
    env.stdout(replay.stdout);
    return replay.exit;
  }
  if (cache) probeCache(cache, tasks, options);
  const fix = options.fix ? (options.unsafeFixes ? "unsafe" : "safe") : false;
  const job: LintJob = { fix, cache: cache !== undefined, metadata };
  const linter = env.linter ?? registryLinter;
  // A test's stand-in linter lives only on this thread. Files the cache knows cost only a read: by
  // default only the others count toward starting workers.
  const work = options.jobs === undefined && cache ? tasks.filter((t) => !t.cache).length : tasks.length;
  const { groups, at } = byFolder(tasks);
  const threads = env.linter ? 1 : Math.min(groups.length, threadCount(options.jobs, work, "lint"));
  const results = await runTasks(groups, threads, { kind: "lint", options: job }, (group) =>
    lintGroup(group, job, linter),
  );
  const outcomes: LintOutcome[] = new Array(tasks.length);
  results.forEach((list, g) => {
    list.forEach((outcome, k) => {
      outcomes[at[g]?.[k] as number] = outcome;
    });
  });
  takeOutcomes(run, slots, outcomes, cache);
  const exit = run.finish();
  if (key !== undefined && !printed.stderr) cache?.remember(key, printed.stdout, exit);
  cache?.save();
  return exit;
}

/**
 * `env`, keeping what the run prints on stdout and whether it printed on stderr: the output a later
 * run on the same inputs may print again (LintCache.replay).
 */
function recording(env: LintEnvironment): { env: LintEnvironment; printed: { stdout: string; stderr: boolean } } {
  const printed = { stdout: "", stderr: false };
  const stdout = (text: string): void => {
    printed.stdout += text;
    env.stdout(text);
  };
  const stderr = (text: string): void => {
    printed.stderr = true;
    env.stderr(text);
  };
  return { env: { ...env, stdout, stderr }, printed };
}

/**
 * Gives each file its fingerprint (lint-cache.ts), taken once for the run: the replay's key and
 * each file's cache check use the same one. Returns the run's key ({@link runKey}) when every file
 * became a task and nothing went wrong (`complete`).
 */
function fingerprinted(
  tasks: LintTask[],
  complete: boolean,
  options: LintCommandOptions,
  env: LintEnvironment,
): string | undefined {
  const now = Date.now();
  for (const task of tasks) {
    if (task.file !== "-" && task.text === undefined) task.fingerprint = fileFingerprint(task.path, now);
  }
  return complete ? runKey(tasks, options, env) : undefined;
}

/**
 * What the run's output depends on, hashed: the options, where and how it prints, and each file
 * with its settings and fingerprint, in order (the qatconf build is the cache's identity).
 * `undefined` when a file cannot be told unchanged without reading it: stdin, --fix (it writes),
 * or a file without a fingerprint.
 */
function runKey(tasks: readonly LintTask[], options: LintCommandOptions, env: LintEnvironment): string | undefined {
  if (options.fix) return undefined;
  const parts: unknown[] = [options, env.cwd, env.color];
  for (const task of tasks) {
    if (task.fingerprint === undefined) return undefined;
    parts.push(task.file, task.name, task.path, task.settings, task.fingerprint);
  }
  return textHash(JSON.stringify(parts));
}

/** What is wrong with the arguments and options together, if anything. */
function misused(args: readonly string[], options: LintCommandOptions): string | undefined {
  if (args.length === 0) return "nothing to lint: name files, directories or globs, or '-' to read stdin";
  if (options.fix && args.includes("-")) return "--fix rewrites files: it cannot fix stdin";
  if (options.unsafeFixes && !options.fix) return "--unsafe-fixes goes with --fix";
  // Every device qatlib drives (6xxx included) is in the device table: one check serves both kinds.
  if (options.device !== undefined && !findFamily(options.device)) return `--device: ${unknownDevice(options.device)}`;
  return undefined;
}

/**
 * The tasks by folder (a host's files, linted together: lint-group.ts), in the order of each
 * folder's first file, and where each group's tasks are in `tasks`.
 */
function byFolder(tasks: readonly LintTask[]): { groups: LintGroup[]; at: number[][] } {
  const index = new Map<string, number>();
  const groups: LintGroup[] = [];
  const at: number[][] = [];
  tasks.forEach((task, i) => {
    const folder = dirname(task.path);
    let g = index.get(folder);
    if (g === undefined) {
      g = groups.length;
      index.set(folder, g);
      groups.push({ tasks: [] });
      at.push([]);
    }
    groups[g]?.tasks.push(task);
    at[g]?.push(i);
  });
  return { groups, at };
}

/** Gives each task what the cache knows of its file. */
function probeCache(cache: LintCache, tasks: LintTask[], options: LintCommandOptions): void {
  for (const task of tasks) {
    if (task.file === "-") continue;
    const probe = cache.probe(task.path);
    // --fix must see the findings it would fix: only a file known to be clean is skipped.
    if (probe && (!options.fix || probe.findings === 0)) task.cache = probe;
  }
}

/**
 * Hands the run every file's outcome in file order, with the cache's findings for a hit, the set
 * rules' findings added, and what the cache did not know kept.
 */
function takeOutcomes(
  run: Run,
  slots: ReadonlyArray<LintTask | string>,
  outcomes: readonly LintOutcome[],
  cache: LintCache | undefined,
): void {
  let t = 0;
  for (const slot of slots) {
    if (typeof slot === "string") {
      run.failMessage(slot);
      continue;
    }
    const outcome = outcomes[t++] as LintOutcome;
    if (cache && outcome.report && slot.file !== "-" && outcome.hash !== undefined) {
      const file = slot.path;
      if (outcome.hit) outcome.report = { ...outcome.report, diagnostics: cache.findings(file) };
      const set = outcome.setKey === undefined ? undefined : { key: outcome.setKey, findings: outcome.set ?? [] };
      // A hit is stored again when what the cache knows of it changed: its set's key, its
      // fingerprint, or what the report shows of it.
      const cached = slot.cache;
      if (
        !outcome.hit ||
        set?.key !== cached?.set?.key ||
        outcome.meta !== cached?.meta ||
        outcome.report.source !== (cached?.shown ?? "")
      ) {
        cache.store(
          file,
          outcome.settingsKey ?? settingsKey(slot.settings),
          outcome.hash,
          outcome.report.diagnostics,
          set,
          outcome.meta,
          outcome.report.source,
        );
      }
    }
    if (outcome.report) outcome.report.diagnostics = withSetFindings(outcome, outcome.report.diagnostics);
    run.outcome(outcome);
  }
}

/** The cache `--cache` asks for, or `undefined` (also when it cannot be used safely: said on stderr). */
function openCache(options: LintCommandOptions, env: LintEnvironment): LintCache | undefined {
  if (!options.cache && options.cacheLocation === undefined && options.cacheStrategy === undefined) return undefined;
  let path: string | undefined;
  if (options.cacheLocation !== undefined) {
    path = resolve(env.cwd, options.cacheLocation);
    if (statSync(path, { throwIfNoEntry: false })?.isDirectory()) path = join(path, cacheFileName(env.cwd));
  } else {
    path = defaultCacheFile(env.cwd);
  }
  if (path === undefined) {
    env.stderr(
      "qatconf: --cache: the cache folder (~/.cache/qatconf) is missing or others may write to it: linting without a cache\n",
    );
    return undefined;
  }
  const cache = LintCache.open(path, `${env.version}+${BUILD_ID}`);
  if (cache.ignored) {
    env.stderr(`qatconf: --cache: not using ${path}: ${cache.ignored}\n`);
    return undefined;
  }
  return cache;
}

class Run {
  private readonly reports: FileReport[] = [];
  private readonly reported = new Set<string>();
  private failed = false;
  private readonly options: LintCommandOptions;
  private readonly env: LintEnvironment;
  private readonly explicit: LoadedConfig | undefined;

  constructor(options: LintCommandOptions, env: LintEnvironment, explicit: LoadedConfig | undefined) {
    this.options = options;
    this.env = env;
    this.explicit = explicit;
  }

  /** A file that could not be linted: said once on stderr, and the run exits 2. */
  fail(path: string, reason: string): void {
    this.failMessage(`${path}: ${reason}`);
  }

  /** As {@link fail}, for a message that names its file (a configuration error's). */
  failMessage(message: string): void {
    this.failed = true;
    this.print(`qatconf: ${message}\n`);
  }

  /** Prints a line on stderr once (a configuration error is the same for every file under it). */
  private print(line: string): void {
    if (this.reported.has(line)) return;
    this.reported.add(line);
    this.env.stderr(line);
  }

  /**
   * The task of one file (`path`: resolved), or the message of the configuration error that keeps
   * it from being linted. Made without a promise: only stdin, a FIFO or a device is read here
   * ({@link read}), every regular file where it is linted.
   */
  task(file: string, path: string, withoutConfig: ReadonlySet<string>): LintTask | string {
    const isStdin = file === "-";
    const name = isStdin ? (this.options.stdinFilename ?? STDIN_NAME) : file;
    // Stdin is linted with the files of the working directory (lint-group.ts).
    if (isStdin) path = resolve(this.env.cwd, file);
    try {
      // Stdin's settings come from the folder `--stdin-filename` names (the working directory by default).
      const settingsPath = isStdin ? resolve(this.env.cwd, this.options.stdinFilename ?? "stdin") : path;
      const settings = settingsFor(settingsPath, this.options, this.explicit, withoutConfig);
      // The name, not the absolute path, goes to the linter: messages quote it as the user wrote it.
      settings.fileName = name;
      return { file, path, name, settings };
    } catch (error) {
      return failure(error, name);
    }
  }

  /** Reads stdin, or a FIFO or device the user named, with the strict reader: the task, or why not. */
  async read(task: LintTask): Promise<LintTask | string> {
    try {
      task.text = await readText(task.file === "-" ? task.file : task.path, { named: true });
      return task;
    } catch (error) {
      return failure(error, task.name);
    }
  }

  /** Takes one file's outcome, in file order. */
  outcome(outcome: LintOutcome): void {
    for (const line of outcome.messages) this.print(line);
    if (outcome.failed) this.failed = true;
    if (outcome.report) this.reports.push(outcome.report);
  }

  finish(): number {
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
      this.env.stderr(`qatconf: ${plural(warnings, "warning")}, more than --max-warnings ${max}\n`);
    }
    if (this.failed) return EXIT_USAGE;
    return errors > 0 || tooManyWarnings ? EXIT_FINDINGS : EXIT_OK;
  }
}

/** The message of what kept the file `name` from being a task. */
function failure(error: unknown, name: string): string {
  if (error instanceof ConfigError) return error.message;
  if (error instanceof InputError) return `${name}: ${error.message}`;
  return `${name}: ${ioReason(error)}`;
}

function errorsOnly(report: FileReport): FileReport {
  return { ...report, diagnostics: report.diagnostics.filter((d) => d.severity === "error") };
}
