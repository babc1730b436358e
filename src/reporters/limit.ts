/**
 * Bounds on what a human report prints, so that its size follows the number of files and not the
 * damage in them: 100,000 broken lines printed 60 MB of findings, and a 1 MB key was echoed whole in
 * its message. Machine formats (json, sarif) keep everything; the summary counts everything.
 */

/** Findings shown per file by the human reports; the rest are counted in one line. */
export const MAX_FINDINGS_PER_FILE = 100;

/**
 * The longest message or hint shown (in UTF-16 code units) before it is cut with `…`. The bound is
 * there for text echoed from the file (a 1 MB key); qatconf's own longest hint (ring-budget on a VF
 * with assumed PF services, about 560) must fit whole, or its advice is cut off where it matters.
 */
export const MAX_MESSAGE_LENGTH = 1000;

/** The first `max` items, and how many were left out. */
export function limitFindings<T>(
  items: readonly T[],
  max = MAX_FINDINGS_PER_FILE,
): { shown: readonly T[]; omitted: number } {
  return items.length <= max
    ? { shown: items, omitted: 0 }
    : { shown: items.slice(0, max), omitted: items.length - max };
}

/** The line that says how many findings of `file` were left out. */
export function omittedLine(omitted: number, file: string): string {
  const what = omitted === 1 ? "finding" : "findings";
  return `... ${omitted.toLocaleString("en-US")} more ${what} in ${file} not shown (--format json lists every one)`;
}

/** `text` cut to `max` code units with `…`, never inside a surrogate pair. */
export function clip(text: string, max = MAX_MESSAGE_LENGTH): string {
  if (text.length <= max) return text;
  let end = max - 1;
  if (isHighSurrogate(text.charCodeAt(end - 1))) end--;
  return `${text.slice(0, end)}…`;
}

/** Whether a UTF-16 code unit is the first half of a surrogate pair. */
export function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
