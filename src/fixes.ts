/**
 * The named constructors of text edits and fixes (as ruff's `Edit::range_replacement` and
 * `Fix::safe_edit`): rules, editors and the formatter say what an edit does (`replace`, `remove`,
 * `insert`) instead of spelling out `{ start, end, newText }`, so an insertion cannot be written with
 * its offsets the wrong way round and a removal cannot leave text behind.
 */
import type { Fix, TextEdit } from "./diagnostics.ts";

/** A span of the original source by offsets: a syntax tree `Range`, or anything with its offsets. */
export interface OffsetRange {
  start: { offset: number };
  end: { offset: number };
}

/** Replaces the text of `range` with `text`. */
export function replace(range: OffsetRange, text: string): TextEdit;
/** Replaces the text from offset `start` up to (not including) `end` with `text`. */
export function replace(start: number, end: number, text: string): TextEdit;
export function replace(a: OffsetRange | number, b: string | number, c?: string): TextEdit {
  if (typeof a === "number") return { start: a, end: b as number, newText: c as string };
  return { start: a.start.offset, end: a.end.offset, newText: b as string };
}

/** Removes the text of `range`. */
export function remove(range: OffsetRange): TextEdit;
/** Removes the text from offset `start` up to (not including) `end`. */
export function remove(start: number, end: number): TextEdit;
export function remove(a: OffsetRange | number, b?: number): TextEdit {
  return typeof a === "number" ? replace(a, b as number, "") : replace(a, "");
}

/** Inserts `text` at offset `at`, before what stands there. */
export function insert(at: number, text: string): TextEdit {
  return { start: at, end: at, newText: text };
}

/** A fix: what it does, in a few words ("rename to NumberCyInstances"), and its edits; as safe as its rule says. */
export function fix(description: string, ...edits: TextEdit[]): Fix {
  return { description, edits };
}

/** A fix that guesses nothing, safe for `--fix` even where its rule's other fixes are not. */
export function safeFix(description: string, ...edits: TextEdit[]): Fix {
  return { description, edits, applicability: "safe" };
}
