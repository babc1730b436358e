/**
 * "Did you mean": the closest known names to a misspelt one, by edit distance. Used for keys,
 * sections, rule ids and config file keys alike, so that every suggestion follows the same rules.
 */

/**
 * Optimal string alignment distance (Levenshtein plus the swap of two adjacent characters), so that
 * `NumberCyInstacnes` is one edit from `NumberCyInstances`, as a typist would count it.
 */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  // Three rolling rows: the swap needs the row two back.
  let prev2 = new Array<number>(b.length + 1).fill(0);
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  let row = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, (prev2[j - 2] as number) + 1);
      }
      row[j] = d;
    }
    [prev2, prev, row] = [prev, row, prev2];
  }
  return prev[b.length] as number;
}

/** How many edits a name of this length may be away from a candidate to be suggested. */
function budget(length: number): number {
  if (length <= 3) return 1;
  if (length <= 8) return 2;
  return 3;
}

/**
 * Known names closest to `name`, best first: a case-insensitive equal beats everything, then the
 * smallest edit distance within a budget that grows with the name's length. Returns every candidate
 * at the best distance, so that callers can tell an unambiguous suggestion (one) from a guess (several).
 */
export function closest(name: string, candidates: Iterable<string>): string[] {
  const lower = name.toLowerCase();
  let best: string[] = [];
  let bestDistance = Number.POSITIVE_INFINITY;
  const limit = budget(name.length);
  for (const c of candidates) {
    // The distance is at least the difference in length: a 1 MB key is compared with nothing, in
    // time linear in the candidates, instead of a million-column table per candidate.
    if (c === name || Math.abs(c.length - name.length) > limit) continue;
    // Case-only differences count as half an edit: `numprocesses` means `NumProcesses`.
    const d = c.toLowerCase() === lower ? 0.5 : editDistance(lower, c.toLowerCase());
    if (d > limit || d > bestDistance) continue;
    if (d < bestDistance) {
      bestDistance = d;
      best = [c];
    } else if (!best.includes(c)) {
      best.push(c);
    }
  }
  return best.sort();
}

/** `did you mean 'X'?` or `did you mean 'X' or 'Y'?`, or `undefined` when there is nothing to suggest. */
export function didYouMean(suggestions: readonly string[]): string | undefined {
  if (suggestions.length === 0) return undefined;
  const quoted = suggestions.slice(0, 3).map((s) => `'${s}'`);
  const last = quoted.pop() as string;
  return `did you mean ${quoted.length > 0 ? `${quoted.join(", ")} or ${last}` : last}?`;
}
