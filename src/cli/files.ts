/**
 * Which files `qatconf lint` reads: each argument is stdin (`-`), a file, a directory (walked for
 * the driver's configuration files) or a glob. A directory or glob that yields nothing is an error:
 * a CI job whose path is wrong must fail, not pass on zero files.
 *
 * The walk is synchronous: a repository of thousands of files is listed by thousands of small
 * file-system calls, and awaiting each one on the thread pool cost more than the calls themselves.
 */
import { type Dirent, globSync, readdirSync, statSync } from "node:fs";
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
  /**
   * Folders (absolute) the walk listed that hold no configuration file (`.qatconf.json`,
   * `package.json`): their configuration lookup needs no call of its own (see `loadConfig`).
   */
  withoutConfig: Set<string>;
}

/** The names a configuration lookup looks for in each folder (src/lint/config.ts). */
const CONFIG_NAMES = [".qatconf.json", "package.json"];

/** Folders never walked: dependencies and version control hold no configuration of this host. */
const SKIPPED_DIRS = new Set(["node_modules", ".git"]);

/** Names the driver's configuration files have: `<family>_devN.conf` and VF files kept for guests. */
export function isConfigFileName(name: string): boolean {
  return /_dev.*\.conf$/.test(name) || name.endsWith(".conf.vm");
}

const GLOB_MAGIC = /[*?[\]{}]/;

/** Resolves `qatconf lint` arguments, relative to `cwd`. */
export async function discover(args: readonly string[], cwd: string): Promise<Discovery> {
  return discoverSync(args, cwd);
}

/** As {@link discover}, without a promise. */
export function discoverSync(args: readonly string[], cwd: string): Discovery {
  const found: Discovery = { files: [], named: new Set(), errors: [], withoutConfig: new Set() };
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
    else expand(arg, cwd, add, found);
  }
  return found;
}

function expand(arg: string, cwd: string, add: (file: string, named?: boolean) => void, found: Discovery): void {
  const errors = found.errors;
  let isDir: boolean;
  try {
    isDir = statSync(resolve(cwd, arg)).isDirectory();
  } catch (error) {
    // A path that exists wins over a pattern: `[dev0].conf` may be a real name.
    if ((error as NodeJS.ErrnoException).code === "ENOENT" && GLOB_MAGIC.test(arg)) {
      expandGlob(arg, cwd, add, found);
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
  const files = walk(arg, cwd, found);
  if (files.length === 0 && errors.length === before) {
    errors.push({ path: arg, reason: "no QAT configuration files (*_dev*.conf, *.conf.vm) in this directory" });
  }
  for (const file of files) add(file);
}

function expandGlob(pattern: string, cwd: string, add: (file: string) => void, found: Discovery): void {
  const errors = found.errors;
  const matches = globSync(pattern, { cwd, exclude: (path) => SKIPPED_DIRS.has(basename(path)) });
  if (matches.length === 0) {
    errors.push({ path: pattern, reason: "no files match this pattern" });
    return;
  }
  for (const match of matches.sort()) {
    try {
      if (statSync(resolve(cwd, match)).isDirectory()) {
        for (const file of walk(match, cwd, found)) add(file);
      } else {
        add(match);
      }
    } catch (error) {
      errors.push({ path: match, reason: ioReason(error) });
    }
  }
}

/**
 * Configuration files under `dir`, sorted, as paths joined to `dir`. Symbolic links to files are
 * followed; links to folders are not, so that a link loop cannot make the walk endless.
 */
function walk(dir: string, cwd: string, found: Discovery): string[] {
  let entries: Dirent[];
  const absolute = resolve(cwd, dir);
  try {
    entries = readdirSync(absolute, { withFileTypes: true });
  } catch (error) {
    found.errors.push({ path: dir, reason: ioReason(error) });
    return [];
  }
  if (!entries.some((e) => CONFIG_NAMES.includes(e.name))) found.withoutConfig.add(absolute);
  const out: string[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) out.push(...walk(path, cwd, found));
    } else if (
      (isConfigFileName(entry.name) || isQatlibPath(path)) &&
      (entry.isFile() || isLinkToFile(resolve(cwd, path)))
    ) {
      out.push(path);
    }
  }
  return out;
}

function isLinkToFile(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;
  } catch {
    return false;
  }
}
