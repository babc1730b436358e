/**
 * What `qatconf lint` does with one file, on whichever thread: read it, lint it (with `--fix`, fix
 * and rewrite it), and return the report and the messages for stderr as data. Nothing here prints,
 * so that the run can print every file's outcome in order, whatever thread produced it.
 */
import type { Stats } from "node:fs";
import type { Applicability, Diagnostic } from "../diagnostics.ts";
import { InputError, ioReason, readTextFileSync } from "../io/read-text.ts";
import type { LintOptions } from "../lint/types.ts";
import type { FileReport } from "../reporters/types.ts";
import type { ConfigDocument } from "../syntax/tree.ts";
import { fixText, type Linter } from "./fix.ts";
import { type CacheProbe, fileFingerprint, fingerprint, settingsKey, textHash } from "./lint-cache.ts";

/** One file to lint. */
export interface LintTask {
  /** The path as given (`-` for stdin), relative to the run's working directory. */
  file: string;
  /** `file` resolved against the run's working directory, once for every step that needs it. */
  path: string;
  /** The name reports give it (the path as given, or stdin's name). */
  name: string;
  /** Its settings; `fileName` is `name`. A QAT 1.x VF's may gain its PF's services (lint-group.ts). */
  settings: LintOptions;
  /** The text, when it was read already (stdin). */
  text?: string;
  /** What `--cache` holds for the file under these settings. */
  cache?: CacheProbe;
  /**
   * With `--cache` (metadata), the file's fingerprint as the run found it before linting, when it
   * was safe to take one (`undefined`: none could be): compared with the cache's instead of a
   * second `stat`.
   */
  fingerprint?: string | undefined;
}

/** What the run does for every file. */
export interface LintJob {
  /** `--fix`: the safe fixes; with `--unsafe-fixes`, the unsafe ones too. */
  fix: false | Applicability;
  /** `--cache`: hash each text, so that the run can keep its findings. */
  cache: boolean;
  /**
   * `--cache-strategy metadata` (the default): a clean file whose fingerprint (lint-cache.ts) is
   * the cache's is not read at all, unless the set rules or a VF need its tree (lint-group.ts).
   */
  metadata?: boolean;
}

/** The outcome of one file. */
export interface LintOutcome {
  /** Its findings (the set rules' apart, in `set`); absent when it could not be read. */
  report?: FileReport;
  /** The set rules' findings for the file, when its folder was linted as a set. */
  set?: Diagnostic[];
  /** The key of the set the file was linted in, with `--cache` (see lint-group.ts). */
  setKey?: string;
  /**
   * With `--cache`, the {@link settingsKey} of the settings the file was linted under (a VF's hold
   * its PF's services), made once: the hit check, the set's key and the cache entry all use it.
   */
  settingsKey?: string;
  /** Lines for stderr (`qatconf: ...`), in order. */
  messages: string[];
  /** Whether the run must exit 2 because of this file. */
  failed: boolean;
  /** With `--cache`, the hash of the reported text. */
  hash?: string;
  /**
   * The text is the one `task.cache` was made for: the findings are the cache's, and the report's
   * `diagnostics` are left for the run to fill in.
   */
  hit?: boolean;
  /** A hit known by the file's fingerprint alone: not read (the report's `source` is the cache's). */
  unread?: boolean;
  /** With `--cache`, the file's fingerprint as it was read, when it was safe to take one. */
  meta?: string;
}

/** One file's outcome, and its parsed document when it was linted (not for a cache hit). */
export interface LintedOutcome {
  outcome: LintOutcome;
  document?: ConfigDocument;
}

/**
 * Lints one file. Never throws for a file that cannot be read or written: that is an outcome. Only
 * `--fix` waits (for its write): a check returns at once, without a promise for each of a
 * repository's thousands of files.
 */
export function lintFile(task: LintTask, job: LintJob, linter: Linter): LintedOutcome | Promise<LintedOutcome> {
  const linted = lintText(task, job, linter);
  return linted instanceof Promise ? linted.then((done) => withSettingsKey(done, task)) : withSettingsKey(linted, task);
}

// Made once per file (a hit has it already), after lint-group.ts settled the task's settings.
function withSettingsKey(linted: LintedOutcome, task: LintTask): LintedOutcome {
  const { outcome } = linted;
  if (outcome.hash !== undefined) outcome.settingsKey ??= settingsKey(task.settings);
  return linted;
}

/**
 * Lints `task`'s file, reading it; a file whose cache entry turned out stale after its fingerprint
 * matched (lint-group.ts) is linted this way, as if the cache did not know it.
 */
export function lintFileRead(task: LintTask, job: LintJob, linter: Linter): LintedOutcome | Promise<LintedOutcome> {
  return lintFile(task, { ...job, metadata: false }, linter);
}

function lintText(task: LintTask, job: LintJob, linter: Linter): LintedOutcome | Promise<LintedOutcome> {
  let text = task.text;
  let hash: string | undefined;
  let meta: string | undefined;
  if (text === undefined && job.metadata) {
    const known = knownByFingerprint(task);
    if (known) return { outcome: known };
  }
  if (text === undefined) {
    try {
      const hashBytes = (bytes: Uint8Array, stats: Stats): void => {
        meta = fingerprint(stats);
        // The file as opened is the one the cache knows: its hash is the cache's (such a file is
        // read only for its lines, when the cache did not keep them, or for its tree).
        const known = job.metadata && meta !== undefined && meta === task.cache?.meta;
        hash = known ? task.cache?.hash : textHash(bytes);
      };
      text = readTextFileSync(task.path, undefined, job.cache ? hashBytes : undefined);
    } catch (error) {
      const reason = error instanceof InputError ? error.message : ioReason(error);
      return { outcome: { messages: [`qatconf: ${task.name}: ${reason}\n`], failed: true } };
    }
  } else if (job.cache) {
    hash = textHash(text);
  }
  const key = hash !== undefined && task.cache?.hash === hash ? settingsKey(task.settings) : undefined;
  if (hash !== undefined && key !== undefined && task.cache?.settings === key) {
    // The text stays with the report: the set rules may read every file of a folder, clean or not.
    return {
      outcome: {
        report: { filePath: task.name, source: text, diagnostics: [] },
        messages: [],
        failed: false,
        hash,
        settingsKey: key,
        hit: true,
        ...(meta === undefined ? {} : { meta }),
      },
    };
  }
  if (!job.fix) {
    const { document, diagnostics } = linter.lint(text, task.settings);
    const outcome: LintOutcome = {
      report: { filePath: task.name, source: text, diagnostics },
      messages: [],
      failed: false,
    };
    if (hash !== undefined) outcome.hash = hash;
    if (meta !== undefined) outcome.meta = meta;
    return { outcome, document };
  }
  return fix(task, text, job, linter);
}

/**
 * The outcome of a file the cache knows under these settings whose fingerprint has not changed,
 * without reading it; `undefined` when it must be read. The report's text is what the cache kept
 * of it (the lines of its findings).
 */
function knownByFingerprint(task: LintTask): LintOutcome | undefined {
  const probe = task.cache;
  if (probe?.meta === undefined || (probe.findings !== 0 && probe.shown === undefined)) return undefined;
  const meta = "fingerprint" in task ? task.fingerprint : fileFingerprint(task.path);
  if (meta === undefined || meta !== probe.meta) return undefined;
  const key = settingsKey(task.settings);
  if (probe.settings !== key) return undefined;
  return {
    report: { filePath: task.name, source: probe.findings === 0 ? "" : (probe.shown ?? ""), diagnostics: [] },
    messages: [],
    failed: false,
    hash: probe.hash,
    settingsKey: key,
    hit: true,
    unread: true,
    meta: probe.meta,
  };
}

/** Fixes and rewrites the file, and reports what remains. */
async function fix(task: LintTask, text: string, job: LintJob, linter: Linter): Promise<LintedOutcome> {
  const outcome = fixText(text, task.settings, linter, job.fix === "unsafe");
  const messages: string[] = [];
  let failed = false;
  let reported = outcome;
  if (outcome.refused) {
    messages.push(`qatconf: ${task.file}: not fixed: it has syntax errors (fix them first)\n`);
  } else if (outcome.text !== text) {
    try {
      // Loaded only for --fix: the atomic writer brings fs/promises, which a check does not need.
      const { writeFileAtomic } = await import("../io/atomic-write.ts");
      await writeFileAtomic(task.path, outcome.text, { expected: text });
    } catch (error) {
      messages.push(`qatconf: ${task.file}: cannot write the fixes: ${ioReason(error)}\n`);
      failed = true;
      reported = { ...outcome, text, result: linter.lint(text, task.settings) };
    }
  }
  const done: LintOutcome = {
    report: { filePath: task.file, source: reported.text, diagnostics: reported.result.diagnostics },
    messages,
    failed,
  };
  if (job.cache) done.hash = textHash(reported.text);
  return { outcome: done, document: reported.result.document };
}
