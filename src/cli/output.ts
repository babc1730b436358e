/**
 * What the commands that change files share: handing the new text back as the user asked (the new
 * text on stdout, a unified diff, or an atomic write in place).
 */
import type { Command } from "commander";
import { createTwoFilesPatch } from "diff";
import type { Diagnostic } from "../diagnostics.ts";
import type { AtomicWriteOptions } from "../io/atomic-write.ts";
import { STDIN } from "../io/read-text.ts";
import { clip, limitFindings, omittedLine } from "../reporters/limit.ts";

export { STDIN };

/** How a command hands back a changed file (`--diff`, `--write`, `--backup`). */
export interface OutputOptions {
  diff?: boolean;
  write?: boolean;
  /** `--backup` alone gives `true` (suffix `.bak`); `--backup=.orig` a suffix. */
  backup?: boolean | string;
  /** File-system calls of the write, replaceable in tests. */
  fs?: AtomicWriteOptions["fs"];
}

/** A unified diff from `before` to `after` (empty when they are equal), with git-style file names. */
export function unifiedDiff(file: string, before: string, after: string): string {
  if (before === after) return "";
  const name = file === STDIN ? "stdin" : file;
  return createTwoFilesPatch(`a/${name}`, `b/${name}`, before, after, undefined, undefined, { context: 3 });
}

/** Adds `--diff`, `--write`, `--backup` and `--force` to an editing command. */
export function addOutputOptions(command: Command): Command {
  return command
    .option("--diff", "print a unified diff instead of the new file")
    .option("-w, --write", "write the file in place (atomically, keeping its mode)")
    .option("--backup [suffix]", "with --write, keep the original as FILE<suffix> (default .bak)")
    .option("--force", "edit even a file with syntax errors");
}

/**
 * Hands the new text of `file` back: as a diff (`--diff`), written in place (`--write`, only when it
 * changed), or printed whole on stdout. `--diff` and `--write` together write and print the diff.
 */
export async function emit(file: string, before: string, after: string, options: OutputOptions): Promise<void> {
  process.stdout.write(await emitted(file, before, after, options));
}

/** As {@link emit}, returning what it would print instead of printing it (for a worker thread). */
export async function emitted(file: string, before: string, after: string, options: OutputOptions): Promise<string> {
  if (options.write) {
    if (file === STDIN) throw new Error("--write needs a file, not stdin");
    if (after !== before) {
      // `before` is what was read: a file changed since then is refused, not overwritten.
      const write: AtomicWriteOptions = { expected: before };
      if (options.backup) write.backupSuffix = options.backup === true ? ".bak" : options.backup;
      if (options.fs) write.fs = options.fs;
      // Loaded for a write only: the atomic writer brings fs/promises, which --check and --diff do not need.
      const { writeFileAtomic } = await import("../io/atomic-write.ts");
      await writeFileAtomic(file, after, write);
    }
    return options.diff ? unifiedDiff(file, before, after) : "";
  }
  return options.diff ? unifiedDiff(file, before, after) : after;
}

/** Renders a diagnostic as `file:line:column: severity message [rule]`, with its hint on the next line. */
export function formatDiagnostic(file: string, d: Diagnostic): string {
  const head = `${file}:${d.range.start.line}:${d.range.start.column}: ${d.severity} ${clip(d.message)} [${d.ruleId}]`;
  return d.hint === undefined ? `${head}\n` : `${head}\n  hint: ${clip(d.hint)}\n`;
}

/** {@link formatDiagnostic} for each of the first 100 findings, then one line counting the rest. */
export function formatDiagnostics(file: string, diagnostics: readonly Diagnostic[]): string {
  const { shown, omitted } = limitFindings(diagnostics);
  const out = shown.map((d) => formatDiagnostic(file, d)).join("");
  return omitted > 0 ? `${out}${omittedLine(omitted, file)}\n` : out;
}
