/**
 * Paths resolved as `path.resolve` resolves them, without its copy of a path that is absolute and
 * normal already: the CLI resolves every file of a repository (each file named on the command line,
 * and each file's configuration lookup), and resolve() spent about a microsecond on each of them
 * only to give it back.
 */
import { isAbsolute, resolve, sep } from "node:path";

/**
 * `path` resolved against `cwd`, as `resolve(cwd, path)` gives it. An absolute POSIX path with no
 * segment starting with `.`, no doubled separator and no trailing one is that already, and is
 * returned as it is.
 */
export function resolvedPath(path: string, cwd: string = process.cwd()): string {
  const normal = sep === "/" && isAbsolute(path) && !path.includes("/.") && !path.includes("//") && !path.endsWith("/");
  return normal ? path : resolve(cwd, path);
}
