/**
 * Which language a text is in: the out-of-tree driver's INI files (`<device>_devN.conf`), or qatlib's
 * `/etc/sysconfig/qat`, a systemd environment file. Every command asks here, so that lint, fmt and
 * set read a file the same way.
 */
import { parse } from "./parse.ts";
import { parseSysconfig } from "./parse-sysconfig.ts";
import type { ConfigDocument } from "./tree.ts";

/** `driver` for the driver's INI files, `qatlib` for qatlib's `/etc/sysconfig/qat`. */
export type FileKind = "driver" | "qatlib";

/** Whether a path names qatlib's environment file: `.../sysconfig/qat` (any folder before it). */
export function isQatlibPath(path: string): boolean {
  return /(?:^|[\\/])sysconfig[\\/]qat$/.test(path);
}

/** The kind of a file: `kind` when given (`--kind`), else `qatlib` for a path ending in `sysconfig/qat`. */
export function fileKind(options: { kind?: FileKind; fileName?: string }): FileKind {
  if (options.kind !== undefined) return options.kind;
  return options.fileName !== undefined && isQatlibPath(options.fileName) ? "qatlib" : "driver";
}

/** Parses a text in the language of its kind (see {@link fileKind}). */
export function parseAs(text: string, options: { kind?: FileKind; fileName?: string }): ConfigDocument {
  const named = options.fileName === undefined ? {} : { fileName: options.fileName };
  return fileKind(options) === "qatlib" ? parseSysconfig(text, named) : parse(text, named);
}
