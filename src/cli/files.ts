/**
 * Which files `qatconf lint` and `qatconf fmt` read: each argument is stdin (`-`), a file, a directory (walked for
 * the driver's configuration files) or a glob. A directory or glob that yields nothing is an error:
 * a CI job whose path is wrong must fail, not pass on zero files.
 */
import type { Dirent } from "node:fs";
import { glob, readdir, stat } from "node:fs/promises";
import { basename, join, resolve } from "node:path";
import { ioReason } from "../io/read-text.ts";
import { isQatlibPath } from "../syntax/kind.ts";

/** What the argument list resolves to: files to lint (in order, once each) and per-argument errors. */
export interface Discovery {
  /** Paths to read, `-` for stdin. */
  files: string[];
  /**
   * The files of `files` the user named themselves (not found in a folder or by a glob): only these
   * may be FIFOs or devices (`lint /dev/stdin`), see `readText`'s `named`.
   */
  named: Set<string>;
  /** `{ path, reason }` for each argument or folder that could not be used. */
  errors: Array<{ path: string; reason: string }>;
}

/** Folders never walked: dependencies and version control hold no configuration of this host. */
const SKIPPED_DIRS = new Set(["node_modules", ".git"]);

/** Names the driver's configuration files have: `<family>_devN.conf` and VF files kept for guests. */
export function isConfigFileName(name: string): boolean {
  return /_dev.*\.conf$/.test(name) || name.endsWith(".conf.vm");
}

const GLOB_MAGIC = /[*?[\]{}]/;

/** Resolves `qatconf lint` (and `fmt`) arguments, relative to `cwd`. */
export async function discover(args: readonly string[], cwd: string): Promise<Discovery> {
  const found: Discovery = { files: [], named: new Set(), errors: [] };
  const seen = new Set<string>();
  const add = (file: string, named = false): void => {
    const key = file === "-" ? "-" : resolve(cwd, file);
    if (seen.has(key)) return;
    seen.add(key);
    found.files.push(file);
    if (named) found.named.add(file);
  };
  for (const arg of args) {
    if (arg === "-") add(arg, true);
    else await expand(arg, cwd, add, found.errors);
  }
  return found;
}

async function expand(
  arg: string,
  cwd: string,
  add: (file: string, named?: boolean) => void,
  errors: Discovery["errors"],
): Promise<void> {
  let isDir: boolean;
  try {
    isDir = (await stat(resolve(cwd, arg))).isDirectory();
  } catch (error) {
    // A path that exists wins over a pattern: `[dev0].conf` may be a real name.
    if ((error as NodeJS.ErrnoException).code === "ENOENT" && GLOB_MAGIC.test(arg)) {
      await expandGlob(arg, cwd, add, errors);
    } else {
      errors.push({ path: arg, reason: ioReason(error) });
    }
    return;
  }
  if (!isDir) {
    add(arg, true);
    return;
  }
  const before = errors.length;
  const files = await walk(arg, cwd, errors);
  if (files.length === 0 && errors.length === before) {
    errors.push({ path: arg, reason: "no QAT configuration files (*_dev*.conf, *.conf.vm) in this directory" });
  }
  for (const file of files) add(file);
}

async function expandGlob(
  pattern: string,
  cwd: string,
  add: (file: string) => void,
  errors: Discovery["errors"],
): Promise<void> {
  const matches: string[] = [];
  for await (const match of glob(pattern, { cwd, exclude: (path) => SKIPPED_DIRS.has(basename(path)) })) {
    matches.push(match);
  }
  if (matches.length === 0) {
    errors.push({ path: pattern, reason: "no files match this pattern" });
    return;
  }
  for (const match of matches.sort()) {
    try {
      if ((await stat(resolve(cwd, match))).isDirectory()) {
        for (const file of await walk(match, cwd, errors)) add(file);
      } else {
        add(match);
      }
    } catch (error) {
      errors.push({ path: match, reason: ioReason(error) });
    }
  }
}

/**
 * Configuration files under `dir` (the driver's, and qatlib's `sysconfig/qat`), sorted, as paths joined to `dir`. Symbolic links to files are
 * followed; links to folders are not, so that a link loop cannot make the walk endless.
 */
async function walk(dir: string, cwd: string, errors: Discovery["errors"]): Promise<string[]> {
  let entries: Dirent[];
  try {
    entries = await readdir(resolve(cwd, dir), { withFileTypes: true });
  } catch (error) {
    errors.push({ path: dir, reason: ioReason(error) });
    return [];
  }
  const out: string[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) out.push(...(await walk(path, cwd, errors)));
    } else if (
      (isConfigFileName(entry.name) || isQatlibPath(path)) &&
      (entry.isFile() || (await isLinkToFile(resolve(cwd, path))))
    ) {
      out.push(path);
    }
  }
  return out;
}

async function isLinkToFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
