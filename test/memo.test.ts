import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BoundedMemo } from "../src/memo.ts";

// A pure function with an `undefined` result for some keys, which the memo must remember too.
const compute = (key: number): string | undefined => (key % 3 === 0 ? undefined : `v${key * 7}`);

// A bound and the keys used, in order: keys from a range a few times the bound, so that some are
// used again while held and some after being forgotten.
const boundAndKeys = fc
  .integer({ min: 1, max: 16 })
  .chain((bound) => fc.tuple(fc.constant(bound), fc.array(fc.nat({ max: bound * 3 }), { maxLength: 300 })));

describe("BoundedMemo", () => {
  it("returns what the function returns, and never holds more than its bound", () => {
    fc.assert(
      fc.property(boundAndKeys, ([bound, keys]) => {
        const memo = new BoundedMemo<number, string | undefined>(bound);
        for (const k of keys) {
          expect(memo.get(k, compute)).toBe(compute(k));
          expect(memo.size).toBeLessThanOrEqual(bound);
        }
      }),
    );
  });

  it("computes a key again only after `bound` other keys were used since its last use", () => {
    fc.assert(
      fc.property(boundAndKeys, ([bound, keys]) => {
        const calls: number[] = [];
        const memo = new BoundedMemo<number, string | undefined>(bound);
        const counted = (k: number) => {
          calls.push(k);
          return compute(k);
        };
        keys.forEach((k, i) => {
          const before = calls.length;
          memo.get(k, counted);
          const last = i === 0 ? -1 : keys.lastIndexOf(k, i - 1);
          // Distinct keys used since k's last use: fewer than the bound means k is still held.
          const since = last < 0 ? Number.POSITIVE_INFINITY : new Set(keys.slice(last + 1, i)).size;
          expect(calls.length - before).toBe(since < bound ? 0 : 1);
        });
      }),
    );
  });

  it("forgets everything on clear, and refuses a bound that holds nothing", () => {
    let calls = 0;
    const memo = new BoundedMemo<string, number>(4);
    const length = (k: string) => {
      calls++;
      return k.length;
    };
    memo.get("a", length);
    memo.get("a", length);
    expect(calls).toBe(1);
    memo.clear();
    expect(memo.size).toBe(0);
    memo.get("a", length);
    expect(calls).toBe(2);
    expect(() => new BoundedMemo(0)).toThrow(RangeError);
    expect(() => new BoundedMemo(1.5)).toThrow(RangeError);
  });
});
