/**
 * Ranges into texts that are not configuration files (domain XML, saved dmesg and lspci output),
 * so that doctor's findings point at a line like the linter's do.
 */
import type { Position, Range } from "../syntax/tree.ts";

/** The position of a 0-based offset: 1-based line and column. */
export function positionAt(text: string, offset: number): Position {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { offset, line, column: offset - lineStart + 1 };
}

/** The range between two offsets of `text`. */
export function rangeAt(text: string, start: number, end: number): Range {
  return { start: positionAt(text, start), end: positionAt(text, end) };
}

/** The first line of a file, for findings about the file or folder as a whole. */
export const FIRST_LINE: Range = {
  start: { offset: 0, line: 1, column: 1 },
  end: { offset: 0, line: 1, column: 1 },
};

/** Each line of `text` with the offset it starts at (line ends not included). */
export function linesWithOffsets(text: string): Array<{ text: string; offset: number }> {
  const out: Array<{ text: string; offset: number }> = [];
  let offset = 0;
  for (const raw of text.split("\n")) {
    out.push({ text: raw.endsWith("\r") ? raw.slice(0, -1) : raw, offset });
    offset += raw.length + 1;
  }
  return out;
}
