/**
 * Applying text edits: the one way fixes, editors and the formatter change a file, so that whatever
 * they do not touch stays byte for byte as it was.
 */
import type { TextEdit } from "../diagnostics.ts";

/**
 * Applies edits, given as offsets into `text`, and returns the new text. Edits may come in any order
 * but must not overlap; an edit that overlaps an earlier one (in offset order) is dropped, so that
 * applying several fixes at once stays safe. Returns the text and the edits actually applied.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): { text: string; applied: TextEdit[] } {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const applied: TextEdit[] = [];
  let out = "";
  let cursor = 0;
  for (const e of sorted) {
    if (e.start < cursor || e.end < e.start || e.end > text.length) continue;
    out += text.slice(cursor, e.start) + e.newText;
    cursor = e.end;
    applied.push(e);
  }
  return { text: out + text.slice(cursor), applied };
}
