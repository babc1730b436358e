/**
 * Which files `qatconf lint` reads: each argument is stdin (`-`), a file, a directory (walked for
 * the driver's configuration files) or a glob. A directory or glob that yields nothing is an error:
 * a CI job whose path is wrong must fail, not pass on zero files.
 *
 * The walk is synchronous: a repository of thousands of files is listed by thousands of small
 * file-system calls, and awaiting each one on the thread pool cost more than the calls themselves.
 */
import { type Dirent, globSync, readdirSync, type Stats, statSync } from "node:fs";
import { basename, normalize, sep } from "node:path";
import { ioReason } from "../io/read-text.ts";
import { resolvedPath } from "../io/resolved-path.ts";
import { isQatlibPath } from "../syntax/kind.ts";

/** What the argument list resolves to: files to lint (in order, once each) and per-argument errors. */
export interface Discovery {
  /** Paths to read, `-` for stdin. */
  files: string[];
  /** Each of `files` resolved against the working directory (`-` stays `-`), made once by the walk. */
  absolute: string[];
  /**
   * The files of `files` the user named themselves (not found in a folder or by a glob) that are
   * not regular files: stdin (`-`), a FIFO or a device (`lint /dev/stdin`), read on the main thread
   * by `readText`'s rules for a named file. The stat that told a folder from a file told this too.
   */
  special: Set<string>;
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

/** Resolves the arguments of `qatconf lint` or `fmt`, relative to `cwd`. */
export function discoverSync(args: readonly string[], cwd: string): Discovery {
  const found: Discovery = { files: [], absolute: [], special: new Set(), errors: [], withoutConfig: new Set() };
  const seen = new Set<string>();
  const add = (file: string, special = false, absolute = file === "-" ? "-" : resolvedPath(file, cwd)): void => {
    if (seen.has(absolute)) return;
    seen.add(absolute);
    found.files.push(file);
    found.absolute.push(absolute);
    if (special) found.special.add(file);
  };
  for (const arg of args) {
    if (arg === "-") add(arg, true);
    else expand(arg, cwd, add, found);
  }
  return found;
}

type Add = (file: string, special?: boolean, absolute?: string) => void;

function expand(arg: string, cwd: string, add: Add, found: Discovery): void {
  const errors = found.errors;
  const absolute = resolvedPath(arg, cwd);
  let stats: Stats;
  try {
    stats = statSync(absolute);
  } catch (error) {
    // A path that exists wins over a pattern: `[dev0].conf` may be a real name.
    if ((error as NodeJS.ErrnoException).code === "ENOENT" && GLOB_MAGIC.test(arg)) {
      expandGlob(arg, cwd, add, found);
    } else {
      errors.push({ path: arg, reason: ioReason(error) });
    }
    return;
  }
  if (!stats.isDirectory()) {
    add(arg, !stats.isFile(), absolute);
    return;
  }
  const before = errors.length;
  const files = walk(walkRoot(arg), absolute, found);
  if (files.length === 0 && errors.length === before) {
    errors.push({ path: arg, reason: "no QAT configuration files (*_dev*.conf, *.conf.vm) in this directory" });
  }
  for (const [file, absolute] of files) add(file, false, absolute);
}

function expandGlob(pattern: string, cwd: string, add: Add, found: Discovery): void {
  const errors = found.errors;
  const matches = globSync(pattern, { cwd, exclude: (path) => SKIPPED_DIRS.has(basename(path)) });
  if (matches.length === 0) {
    errors.push({ path: pattern, reason: "no files match this pattern" });
    return;
  }
  for (const match of matches.sort()) {
    try {
      const absolute = resolvedPath(match, cwd);
      if (statSync(absolute).isDirectory()) {
        for (const [file, inside] of walk(walkRoot(match), absolute, found)) add(file, false, inside);
      } else {
        add(match);
      }
    } catch (error) {
      errors.push({ path: match, reason: ioReason(error) });
    }
  }
}

/** A folder named on the command line, as the walk joins names to it (`./` is `.`, as for join()). */
function walkRoot(dir: string): string {
  const normal = normalize(dir);
  return normal === `.${sep}` ? "." : normal;
}

/**
 * Configuration files under `dir` (normalized, as {@link walkRoot} gives it; its absolute path is
 * `absolute`), sorted, each as its path joined to `dir` and its absolute path. Symbolic links to
 * files are followed; links to folders are not, so that a link loop cannot make the walk endless.
 */
function walk(dir: string, absolute: string, found: Discovery): Array<[string, string]> {
  let entries: Dirent[];
  try {
    entries = readdirSync(absolute, { withFileTypes: true });
  } catch (error) {
    found.errors.push({ path: dir, reason: ioReason(error) });
    return [];
  }
  if (!entries.some((e) => CONFIG_NAMES.includes(e.name))) found.withoutConfig.add(absolute);
  const out: Array<[string, string]> = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const path = joinName(dir, entry.name);
    const inside = joinName(absolute, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) out.push(...walk(path, inside, found));
    } else if ((isConfigFileName(entry.name) || isQatlibPath(path)) && (entry.isFile() || isLinkToFile(inside))) {
      out.push([path, inside]);
    }
  }
  return out;
}

/**
 * join(dir, name) for a normalized (or resolved) `dir` and a plain `name`, as the walk has them:
 * without the normalizing that cost a microsecond a file.
 */
function joinName(dir: string, name: string): string {
  if (dir === ".") return name;
  return dir.endsWith(sep) ? dir + name : dir + sep + name;
}

function isLinkToFile(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;
  } catch {
    return false;
  }
}
