import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { keptLinesOf, SourceLines } from "../../src/reporters/code-frame.ts";
import { parseAs } from "../../src/syntax/kind.ts";

/** The lines as the parser splits them, the slow and obvious way: the reference for SourceLines. */
function reference(text: string): string[] {
  const body = text.startsWith("\uFEFF") ? text.slice(1) : text;
  return body.split(/\r\n|\n|\r/);
}

describe("SourceLines", () => {
  it("gives every line as the parser splits them, asked in any order, and nothing past the last", () => {
    const piece = fc.constantFrom("a", "key = 1", "\n", "\r", "\r\n", "\n\r", "\t", "\uFEFF", "é", "");
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 30 }).map((p) => p.join("")),
        fc.array(fc.nat(40)),
        (text, order) => {
          const lines = new SourceLines(text);
          const want = reference(text);
          for (const n of order) expect(lines.line(n + 1)).toBe(want[n]);
          for (let n = want.length; n >= 1; n--) expect(lines.line(n)).toBe(want[n - 1]);
          expect(lines.line(want.length + 1)).toBeUndefined();
        },
      ),
    );
  });

  it("keeps, with only(), the lines asked for as they were and at the same numbers, and much less of the rest", () => {
    const piece = fc.constantFrom("a", "key = 1", "\n", "\r", "\r\n", "\n\r", "\t", "\uFEFF", "é", "");
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 30 }).map((p) => p.join("")),
        fc.array(fc.integer({ min: -2, max: 40 })),
        (text, wanted) => {
          const whole = new SourceLines(text);
          const kept = whole.only(wanted);
          const lines = new SourceLines(kept);
          for (const n of wanted) expect(lines.line(n)).toBe(whole.line(n));
          // Lines not asked for are empty, and nothing is kept past the last one asked for.
          const asked = new Set(wanted);
          for (let n = 1; lines.line(n) !== undefined; n++) {
            if (!asked.has(n)) expect(lines.line(n)).toBe("");
          }
          expect(kept.length).toBeLessThanOrEqual(text.length + reference(text).length + 1);
        },
      ),
    );
  });

  it("keeps from a parsed tree's lines just what only() keeps of the text it was parsed from", () => {
    const piece = fc.constantFrom(
      "[SSL]",
      "key = 1",
      'A="b c"',
      "# note",
      " ",
      "\t",
      "\n",
      "\r",
      "\r\n",
      "\n\r",
      "\uFEFF",
      "é",
      "[",
      "=",
      "",
    );
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 30 }).map((p) => p.join("")),
        fc.array(fc.integer({ min: -2, max: 40 })),
        fc.constantFrom("driver" as const, "qatlib" as const),
        (text, wanted, kind) => {
          expect(keptLinesOf(parseAs(text, { kind }), wanted)).toBe(new SourceLines(text).only(wanted));
        },
      ),
      { numRuns: 500 },
    );
  });
});
