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
  // A map to nodes of a list from the most recently used to the least: a hit moves its node to the
  // front by a few pointers. Re-inserting the key into a Map on each hit, as this did, was a
  // twentieth of linting a repository (a Map's delete leaves a hole that later growth must sweep).
  readonly #nodes = new Map<K, MemoNode<K, V>>();
  readonly #bound: number;
  #first: MemoNode<K, V> | undefined;
  #last: MemoNode<K, V> | undefined;

  /** `bound`: how many results it keeps at the most (a whole number, at least 1). */
  constructor(bound: number) {
    if (!Number.isSafeInteger(bound) || bound < 1)
      throw new RangeError(`memo bound must be a whole number >= 1: ${bound}`);
    this.#bound = bound;
  }

  /** `compute(key)`, or the result remembered for `key`. */
  get(key: K, compute: (key: K) => V): V {
    const known = this.#nodes.get(key);
    if (known) {
      if (known !== this.#first) {
        this.#unlink(known);
        this.#push(known);
      }
      return known.value;
    }
    const value = compute(key);
    if (this.#nodes.size >= this.#bound) {
      const oldest = this.#last as MemoNode<K, V>;
      this.#unlink(oldest);
      this.#nodes.delete(oldest.key);
    }
    const node: MemoNode<K, V> = { key, value, newer: undefined, older: undefined };
    this.#nodes.set(key, node);
    this.#push(node);
    return value;
  }

  /** How many results it holds now (never more than its bound). */
  get size(): number {
    return this.#nodes.size;
  }

  /** Forgets every result, so that the next call of each key computes it again. */
  clear(): void {
    this.#nodes.clear();
    this.#first = undefined;
    this.#last = undefined;
  }

  /** Puts `node` first (the most recently used). */
  #push(node: MemoNode<K, V>): void {
    node.newer = undefined;
    node.older = this.#first;
    if (this.#first) this.#first.newer = node;
    this.#first = node;
    this.#last ??= node;
  }

  /** Takes `node` out of the list. */
  #unlink(node: MemoNode<K, V>): void {
    if (node.newer) node.newer.older = node.older;
    else this.#first = node.older;
    if (node.older) node.older.newer = node.newer;
    else this.#last = node.newer;
  }
}

interface MemoNode<K, V> {
  readonly key: K;
  readonly value: V;
  /** The node used next after this one, toward the front. */
  newer: MemoNode<K, V> | undefined;
  /** The node used before this one, toward the back. */
  older: MemoNode<K, V> | undefined;
}
