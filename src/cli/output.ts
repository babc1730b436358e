/**
 * What the commands that change files share: reading a file or stdin, and handing the new text back
 * as the user asked (the new text on stdout, a unified diff, or an atomic write in place).
 */
import { readFile } from "node:fs/promises";
import type { Command } from "commander";
import { createTwoFilesPatch } from "diff";
import type { Diagnostic } from "../diagnostics.ts";
import { type AtomicWriteOptions, writeFileAtomic } from "../io/atomic-write.ts";

/** How a command hands back a changed file (`--diff`, `--write`, `--backup`). */
export interface OutputOptions {
  diff?: boolean;
  write?: boolean;
  /** `--backup` alone gives `true` (suffix `.bak`); `--backup=.orig` a suffix. */
  backup?: boolean | string;
  /** File-system calls of the write, replaceable in tests. */
  fs?: AtomicWriteOptions["fs"];
}

/** The path that stands for stdin. */
export const STDIN = "-";

/** Reads a file, or stdin for `-`. Throws an Error whose message names the file and the reason. */
export async function readInput(file: string): Promise<string> {
  try {
    if (file === STDIN) {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString("utf8");
    }
    return await readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(`cannot read ${file}: ${code ?? (error as Error).message}`);
  }
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
      const write: AtomicWriteOptions = {};
      if (options.backup) write.backupSuffix = options.backup === true ? ".bak" : options.backup;
      if (options.fs) write.fs = options.fs;
      await writeFileAtomic(file, after, write);
    }
    return options.diff ? unifiedDiff(file, before, after) : "";
  }
  return options.diff ? unifiedDiff(file, before, after) : after;
}

/** Renders a diagnostic as `file:line:column: severity message [rule]`, with its hint on the next line. */
export function formatDiagnostic(file: string, d: Diagnostic): string {
  const head = `${file}:${d.range.start.line}:${d.range.start.column}: ${d.severity} ${d.message} [${d.ruleId}]`;
  return d.hint === undefined ? `${head}\n` : `${head}\n  hint: ${d.hint}\n`;
}
