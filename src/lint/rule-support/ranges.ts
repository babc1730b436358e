/**
 * Where a finding about a whole file, or about something missing from it, points: rules that have
 * no line to blame share these so that such findings land in the same place whatever the rule.
 */
import type { ConfigDocument, Range } from "../../syntax/tree.ts";

/** An empty range at the start of the file (after a byte order mark), for a finding about the whole file. */
export function fileStart(document: ConfigDocument): Range {
  const first = document.lines[0];
  const start = first ? first.range.start : { offset: document.bom.length, line: 1, column: 1 };
  return { start, end: start };
}

/** The range a finding about a missing part of a file points at: its last line (where it would go). */
export function endOfFile(document: ConfigDocument): Range {
  const last = document.lines.at(-1);
  const section = document.sections.at(-1)?.header.range;
  return last?.range ?? section ?? { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } };
}

/** The range of a file's `[GENERAL]` header, else its last line: for findings about the file itself. */
export function fileHead(document: ConfigDocument): Range {
  const general = document.sections.find((s) => s.name.trim() === "GENERAL");
  return general?.header.range ?? endOfFile(document);
}
