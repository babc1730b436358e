/**
 * What `qatconf fmt` does with one file, on whichever thread: read it, format it, and check, diff
 * or rewrite it. Its output comes back as data, so that the run prints every file's in order.
 */
import { format } from "../format/format.ts";
import { InputError, ioReason, readTextFileSync } from "../io/read-text.ts";
import type { FileKind } from "../syntax/kind.ts";
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from "./exit-codes.ts";
import { emitted, formatDiagnostics, unifiedDiff } from "./output.ts";

/** How `fmt` hands back each file (its options). */
export interface FmtJob {
  check?: boolean;
  diff?: boolean;
  write?: boolean;
  backup?: boolean | string;
  force?: boolean;
  /** `--kind`: the driver's INI files or qatlib's /etc/sysconfig/qat (default: by the path). */
  kind?: FileKind;
}

/** One file to format. */
export interface FmtTask {
  /** The path as given, or `-`. */
  file: string;
  /** The text, when it was read already (stdin). */
  text?: string;
  /** `format.alignEquals` of the file's configuration. */
  alignEquals?: boolean;
}

/** What one file printed and its exit code. */
export interface FmtOutcome {
  stdout: string;
  stderr: string;
  exit: number;
}

/** A usage or I/O error of `fmt`, as it prints it. */
export function fmtFailure(message: string, stderr = ""): FmtOutcome {
  return { stdout: "", stderr: `${stderr}qatconf fmt: ${message}\n`, exit: EXIT_USAGE };
}

/** Formats one file as the options ask. */
export async function fmtFile(task: FmtTask, job: FmtJob): Promise<FmtOutcome> {
  const { file } = task;
  let text = task.text;
  if (text === undefined) {
    try {
      text = readTextFileSync(file);
    } catch (error) {
      return fmtFailure(`${file}: ${error instanceof InputError ? error.message : ioReason(error)}`);
    }
  }
  const result = format(text, {
    fileName: file,
    ...(task.alignEquals === undefined ? {} : { alignEquals: task.alignEquals }),
    ...(job.force ? { force: true } : {}),
    ...(job.kind ? { kind: job.kind } : {}),
  });
  const stderr = formatDiagnostics(file, result.diagnostics);
  if (result.diagnostics.length > 0 && !job.force) {
    return fmtFailure(`${file} not formatted: it has syntax errors (--force formats the rest)`, stderr);
  }
  if (job.check || (job.diff && !job.write)) {
    if (!result.changed) return { stdout: "", stderr, exit: EXIT_OK };
    return { stdout: job.diff ? unifiedDiff(file, text, result.text) : `${file}\n`, stderr, exit: EXIT_FINDINGS };
  }
  try {
    return { stdout: await emitted(file, text, result.text, job), stderr, exit: EXIT_OK };
  } catch (error) {
    return fmtFailure(`cannot write ${file}: ${ioReason(error)}`, stderr);
  }
}
