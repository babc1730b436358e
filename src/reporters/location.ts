/** File paths as CI systems want them: relative to the working directory, with forward slashes. */
import { isAbsolute, relative, resolve, sep } from "node:path";

/**
 * `filePath` relative to `cwd` with `/` separators, or `undefined` when the file lies outside `cwd`
 * (or on another drive), where a relative path would climb out of the checkout.
 */
export function relativeToCwd(filePath: string, cwd: string): string | undefined {
  const rel = relative(cwd, resolve(cwd, filePath));
  if (rel === "" || rel === ".." || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return undefined;
  return rel.split(sep).join("/");
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** `text` with lone surrogates replaced by U+FFFD, so that it can be URI-encoded (`String#toWellFormed`). */
export function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, "\ufffd");
}
