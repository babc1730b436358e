/**
 * The one cache of the project's pure lookups: a function's results remembered by key, at most a
 * fixed number of them. Every module-level cache goes through it, so that none grows without end in
 * a long-running process (the language server, a watch loop) fed arbitrary text, and each says
 * where it is made how many entries it keeps and why.
 */

/**
 * Remembers results for the `bound` keys used most recently; the least recently used is forgotten
 * first when a new key comes. What a key computes must depend on the key alone: a remembered
 * result, `undefined` included, stands for every later call with that key.
 */
export class BoundedMemo<K, V> {
  // A Map iterates in insertion order: re-inserting a key on use keeps the least recently used first.
  readonly #entries = new Map<K, V>();
  readonly #bound: number;

  /** `bound`: how many results it keeps at the most (a whole number, at least 1). */
  constructor(bound: number) {
    if (!Number.isSafeInteger(bound) || bound < 1)
      throw new RangeError(`memo bound must be a whole number >= 1: ${bound}`);
    this.#bound = bound;
  }

  /** `compute(key)`, or the result remembered for `key`. */
  get(key: K, compute: (key: K) => V): V {
    const entries = this.#entries;
    const known = entries.get(key);
    if (known !== undefined || entries.has(key)) {
      entries.delete(key);
      entries.set(key, known as V);
      return known as V;
    }
    const value = compute(key);
    if (entries.size >= this.#bound) entries.delete(entries.keys().next().value as K);
    entries.set(key, value);
    return value;
  }

  /** How many results it holds now (never more than its bound). */
  get size(): number {
    return this.#entries.size;
  }

  /** Forgets every result, so that the next call of each key computes it again. */
  clear(): void {
    this.#entries.clear();
  }
}
