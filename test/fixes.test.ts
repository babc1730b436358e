/** The edit constructors: what each promises of the text it leaves, whatever the text and offsets. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyEdits } from "../src/edit/text-edit.ts";
import { fix, insert, remove, replace } from "../src/fixes.ts";

/** A text and two offsets into it, in order. */
const span = fc
  .string()
  .chain((text) =>
    fc
      .tuple(fc.nat({ max: text.length }), fc.nat({ max: text.length }))
      .map(([a, b]) => ({ text, start: Math.min(a, b), end: Math.max(a, b) })),
  );
const at = (offset: number) => ({ offset });

describe("edit constructors", () => {
  it("replace changes the span and keeps what is around it, by offsets or by range", () => {
    fc.assert(
      fc.property(span, fc.string(), ({ text, start, end }, by) => {
        const byOffsets = replace(start, end, by);
        expect(replace({ start: at(start), end: at(end) }, by)).toEqual(byOffsets);
        expect(applyEdits(text, [byOffsets]).text).toBe(text.slice(0, start) + by + text.slice(end));
      }),
    );
  });

  it("remove drops the span and nothing else; insert adds before the offset and removes nothing", () => {
    fc.assert(
      fc.property(span, fc.string(), ({ text, start, end }, added) => {
        expect(applyEdits(text, [remove(start, end)]).text).toBe(text.slice(0, start) + text.slice(end));
        expect(remove({ start: at(start), end: at(end) })).toEqual(remove(start, end));
        expect(applyEdits(text, [insert(start, added)]).text).toBe(text.slice(0, start) + added + text.slice(start));
      }),
    );
  });

  it("fix keeps its edits in the order given", () => {
    const edits = [insert(3, "a"), remove(0, 1)];
    expect(fix("two edits", ...edits)).toEqual({ description: "two edits", edits });
  });
});
