/** What the set rules ask of a file of the set: its place among the host's files, and its name. */
import { basename } from "node:path";
import type { Consumer } from "../../model/consumers.ts";
import { deviceName } from "../../model/devices.ts";
import type { SetFile } from "../types.ts";

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
