/**
 * What the set rules share: where in a file a finding about the whole file goes, and the file's
 * place among the host's files (its device type name and number).
 */
import { basename } from "node:path";
import type { SetFile } from "../lint/types.ts";
import type { Consumer } from "../model/consumers.ts";
import { deviceName } from "../model/devices.ts";
import type { Range } from "../syntax/tree.ts";

/** The range a finding about a missing part of a file points at: its last line (where it would go). */
export function endOfFile(file: SetFile): Range {
  const last = file.document.lines.at(-1);
  const section = file.document.sections.at(-1)?.header.range;
  return last?.range ?? section ?? { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } };
}

/** The range of a file's `[GENERAL]` header, else its first line: for findings about the file itself. */
export function fileHead(file: SetFile): Range {
  const general = file.document.sections.find((s) => s.name.trim() === "GENERAL");
  return general?.header.range ?? endOfFile(file);
}

/** A PF file of a host (not a VF file, not one of Intel's `_variant` samples), with its device type and number. */
export function hostPfFile(file: SetFile): { type: string; index: number } | undefined {
  const info = file.view.file;
  if (!file.family || file.isVf || !info || info.variant !== "") return undefined;
  return { type: deviceName(file.family, false), index: info.index };
}

/**
 * A file that configures a device of the machine it sits on: a host's PF file, or a guest's VF
 * file (`c6xxvf_dev0.conf`); not a VF file kept on a host for a guest (`.conf.vm`), not a sample
 * variant.
 */
export function isDeviceFile(file: SetFile): boolean {
  const info = file.view.file;
  return file.family !== undefined && info !== undefined && info.variant === "" && !info.forGuest;
}

/** The consumers declared for a set (the same for every file of a host: the first file's settings). */
export function consumersOf(files: readonly SetFile[]): readonly Consumer[] {
  return files[0]?.options.consumers ?? [];
}

/** The file's own name, for messages about other files of the set. */
export function shortName(file: SetFile): string {
  return basename(file.fileName);
}
