/**
 * The lossless syntax tree of a QAT configuration file.
 *
 * The tree is a list of physical lines, each holding its exact source text (end of line included),
 * its tokens (whitespace included) and the parts that matter (key, value, section name, comment)
 * with their positions. Concatenating the BOM and the lines' `raw` text gives back the source byte
 * for byte; `sections` groups the same line objects by the section they belong to.
 */
import type { Diagnostic } from "../diagnostics.ts";

/** A point in the source. Lines and columns are 1-based; columns count UTF-16 code units. */
export interface Position {
  /** 0-based offset into the source text (UTF-16 code units, BOM included). */
  offset: number;
  line: number;
  column: number;
}

/** A half-open stretch of source: `end` is the position just after the last character. */
export interface Range {
  start: Position;
  end: Position;
}

/** A piece of a line, with where it stands. */
export interface Piece {
  text: string;
  range: Range;
}

/** The kinds of token the lexer produces. */
export type TokenKind =
  | "Newline"
  | "Whitespace"
  | "Bom"
  | "Comment"
  | "LBracket"
  | "RBracket"
  | "Equals"
  | "Quoted"
  | "Text";

/** One token with its raw text and offset. */
export interface SyntaxToken {
  kind: TokenKind;
  text: string;
  offset: number;
}

/** The line end as written; empty on a last line that has none. */
export type LineEnding = "" | "\n" | "\r\n" | "\r";

/** A line as written without its line ending: what a formatter, an editor or a code frame keeps. */
export function lineContent(line: { raw: string; eol: LineEnding }): string {
  return line.raw.slice(0, line.raw.length - line.eol.length);
}

interface LineBase {
  /** The whole line, from its first character to the end of its line ending. */
  range: Range;
  /** The exact text of the line, line ending included. */
  raw: string;
  eol: LineEnding;
  /** Every token of the line in order, whitespace and line ending included. */
  tokens: SyntaxToken[];
  /** A `#` comment ending the line (the whole line for a comment line), `#` included. */
  comment?: Piece;
}

/** A line with nothing but whitespace. */
export interface BlankLine extends LineBase {
  kind: "blank";
}

/** A line holding only a comment (possibly indented). */
export interface CommentLine extends LineBase {
  kind: "comment";
  comment: Piece;
}

/** `[Name]`, possibly malformed (`closed` false when the `]` is missing). */
export interface SectionLine extends LineBase {
  kind: "section";
  /** The name between the brackets, without surrounding whitespace. */
  name: Piece;
  closed: boolean;
}

/** `Key = Value`, possibly malformed (no `=`, no key). */
export interface EntryLine extends LineBase {
  kind: "entry";
  /** The key as written, without surrounding whitespace; empty when the line starts with `=`. */
  key: Piece;
  /** Whether the line has the `=` that separates key and value. */
  hasEquals: boolean;
  /** The value as written after `=`, quotes included, without surrounding whitespace. */
  rawValue: Piece;
  /**
   * `rawValue` without its enclosing double quotes, as written. What the driver makes of it (blanks
   * deleted, `#` cutting even inside quotes) is the semantic view's `driverValue`.
   */
  value: string;
  /** Whether the value was written in (closed) double quotes. */
  quoted: boolean;
}

/** Any line of a file. */
export type Line = BlankLine | CommentLine | SectionLine | EntryLine;

/** A section: its header line and the lines after it up to the next header. */
export interface SectionNode {
  name: string;
  header: SectionLine;
  /** Lines after the header, in order (entries, comments, blanks). */
  body: Line[];
}

/** A parsed configuration file. */
export interface ConfigDocument {
  /**
   * Which language the text was parsed as: absent for the driver's INI files, `"qatlib"` for qatlib's
   * `/etc/sysconfig/qat` (a systemd environment file: no sections, every line in `preamble`).
   */
  kind?: "qatlib";
  /** The file name given to `parse`, used to infer the device and in messages. */
  fileName?: string;
  /** A leading UTF-8 byte order mark, or the empty string. */
  bom: string;
  /** All lines in order; the source is `bom` followed by their `raw` text. */
  lines: Line[];
  /** Lines before the first section header. */
  preamble: Line[];
  sections: SectionNode[];
  /** Syntax diagnostics (rule id `syntax`); never thrown. */
  diagnostics: Diagnostic[];
}
