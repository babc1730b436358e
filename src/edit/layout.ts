/**
 * Line-level building blocks of the editors: where a section's entries end, how the file writes an
 * entry (indent and the text around `=`), and edits that insert or delete whole lines. Every edit
 * here replaces whole lines or one piece of a line, so that the lines an editor does not own stay
 * byte for byte as they were.
 */
import type { TextEdit } from "../diagnostics.ts";
import { insert, remove, replace } from "../fixes.ts";
import { dominantEol } from "../format/format.ts";
import type { ConfigDocument, EntryLine, Line, LineEnding, SectionNode } from "../syntax/tree.ts";

/** How a file writes an entry: `Key = Value` is indent "", between " = ". */
export interface EntryStyle {
  /** What comes before the key. */
  indent: string;
  /** What stands between the key and the value: `=` and the blanks around it. */
  between: string;
}

/** The style of a new file or of a file without entries: Intel's. */
export const DEFAULT_STYLE: EntryStyle = { indent: "", between: " = " };

/** The style one entry is written in. Entries with an empty value tell nothing about the blank after `=`. */
export function styleOf(entry: EntryLine): EntryStyle | undefined {
  if (!entry.hasEquals || entry.rawValue.text === "" || entry.key.text === "") return undefined;
  const start = entry.range.start.offset;
  return {
    indent: entry.raw.slice(0, entry.key.range.start.offset - start),
    between: entry.raw.slice(entry.key.range.end.offset - start, entry.rawValue.range.start.offset - start),
  };
}

/** The style most entries of these lines use (the first seen on a tie), or Intel's when none says. */
export function dominantStyle(lines: readonly Line[]): EntryStyle {
  const counts = new Map<string, { style: EntryStyle; n: number }>();
  let best: { style: EntryStyle; n: number } | undefined;
  for (const line of lines) {
    if (line.kind !== "entry") continue;
    const style = styleOf(line);
    if (!style) continue;
    const id = `${style.indent}\u0000${style.between}`;
    const seen = counts.get(id) ?? { style, n: 0 };
    seen.n++;
    counts.set(id, seen);
    if (!best || seen.n > best.n) best = seen;
  }
  return best?.style ?? DEFAULT_STYLE;
}

/** The style for a new entry of a section: that of its last entry, else the file's. */
export function sectionStyle(doc: ConfigDocument, section: SectionNode | undefined): EntryStyle {
  const own = section?.body.filter((l): l is EntryLine => l.kind === "entry").map(styleOf);
  const last = own?.filter((s) => s !== undefined).at(-1);
  return last ?? dominantStyle(doc.lines);
}

/** `Key = Value` in a style, without line ending. */
export function entryText(key: string, value: string, style: EntryStyle): string {
  return value === ""
    ? `${style.indent}${key}${style.between.trimEnd()}`
    : `${style.indent}${key}${style.between}${value}`;
}

/** The line ending new lines take: the file's dominant one. */
export function newlineOf(doc: ConfigDocument): Exclude<LineEnding, ""> {
  return dominantEol(doc.lines);
}

/** The last well-formed entry of a section, if any. */
export function lastEntry(section: SectionNode): EntryLine | undefined {
  return section.body.filter((l): l is EntryLine => l.kind === "entry" && l.hasEquals).at(-1);
}

/**
 * Whole lines to insert, gathered by place so that several additions at one place come out in the
 * order they were asked for (a count key before the instances that follow it) as one edit.
 */
export class Insertions {
  private readonly at = new Map<number, { eofWithoutEol: boolean; lines: string[] }>();

  /** Lines (without line endings) to go after `line`. */
  after(line: Line, lines: readonly string[]): void {
    this.add(lineEnd(line), line.eol === "", lines);
  }

  /** Lines (without line endings) to go before `line`. */
  before(line: Line, lines: readonly string[]): void {
    this.add(line.range.start.offset, false, lines);
  }

  /** Lines for an empty document. */
  atStart(lines: readonly string[]): void {
    this.add(0, false, lines);
  }

  /**
   * The edits, each line ending with `eol`. After a last line without a line ending, the new lines
   * go after a new one and the file keeps ending without one (so {@link deleteLines} undoes it).
   */
  edits(eol: string): TextEdit[] {
    return [...this.at.entries()].map(([offset, { eofWithoutEol, lines }]) =>
      insert(offset, eofWithoutEol ? eol + lines.join(eol) : lines.map((l) => l + eol).join("")),
    );
  }

  private add(offset: number, eofWithoutEol: boolean, lines: readonly string[]): void {
    const group = this.at.get(offset) ?? { eofWithoutEol, lines: [] };
    group.lines.push(...lines);
    this.at.set(offset, group);
  }
}

/**
 * Deletes the consecutive lines `first..last` of the document. When `last` ends the file without a
 * line ending, the line ending before `first` goes too, so that the file still ends without one:
 * the exact inverse of {@link insertAfter}.
 */
export function deleteLines(doc: ConfigDocument, first: Line, last: Line): TextEdit {
  let start = first.range.start.offset;
  if (last.eol === "") {
    const before = doc.lines[doc.lines.indexOf(first) - 1];
    if (before) start -= before.eol.length;
  }
  return remove(start, lineEnd(last));
}

/** The offset just after a line's line ending (its range ends before it). */
export function lineEnd(line: Line): number {
  return line.range.start.offset + line.raw.length;
}

/**
 * Replaces the value of an entry, keeping everything else on its line. A value written after a bare
 * `=` gets one blank before it, and emptying a value takes that one blank away again, so that
 * setting a value and setting it back gives the line back as it was.
 */
export function replaceValue(entry: EntryLine, value: string): TextEdit {
  const { start, end } = entry.rawValue.range;
  const before = entry.raw.slice(0, start.offset - entry.range.start.offset);
  if (entry.rawValue.text === "") {
    const blank = before.endsWith("=") && value !== "" ? " " : "";
    return replace(start.offset, end.offset, blank + value);
  }
  const dropBlank = value === "" && /=[ \t]$/.test(before) ? 1 : 0;
  return replace(start.offset - dropBlank, end.offset, value);
}

/** Replaces the key of an entry as written, keeping everything else on its line. */
export function replaceKey(entry: EntryLine, key: string): TextEdit {
  return replace(entry.key.range, key);
}

/** The text a new value is written as: quoted when the value it replaces was, unless already quoted. */
export function quoteLike(value: string, quoted: boolean): string {
  if (!quoted || (value.length >= 2 && value.startsWith('"') && value.endsWith('"'))) return value;
  return `"${value}"`;
}
