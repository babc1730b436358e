import type { ConfigDocument, Range } from "../syntax/tree.ts";

/** An empty range at the start of the file (after a byte order mark), for a finding about the whole file. */
export function fileStart(document: ConfigDocument): Range {
  const first = document.lines[0];
  const start = first ? first.range.start : { offset: document.bom.length, line: 1, column: 1 };
  return { start, end: start };
}
