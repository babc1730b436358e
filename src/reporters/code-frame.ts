/**
 * The source line a finding points at, with a caret underline below its range, as eslint's and
 * ruff's code frames show it. Works on any text and any range: positions past the end are clamped.
 */
import { type ConfigDocument, lineContent, type Range } from "../syntax/tree.ts";
import { detached } from "../text/detach.ts";
import { isHighSurrogate } from "./limit.ts";

/**
 * The lines of a text, split where the parser splits them (`\r\n`, `\n` or a lone `\r`). Found as
 * far as a frame asks and with the engine's own search: a report renders every file with findings,
 * and a scan of each whole text, character by character, was a tenth of a `--cache` run.
 */
export class SourceLines {
  private readonly starts: number[] = [];
  private readonly text: string;
  /** Where the search for the next line break resumes; -1 once the last line is found. */
  private scanned: number;
  /** The next `\r` at or after `scanned` (-1: none), kept so that `\n` files search for it once. */
  private nextCr = -2;
  constructor(text: string) {
    this.text = text;
    // Columns of line 1 do not count a byte order mark (see the parser), so line 1 starts after it.
    this.starts.push(text.startsWith("\uFEFF") ? 1 : 0);
    this.scanned = 0;
  }

  /** Line `n` (1-based) without its line ending, or `undefined` past the last line. */
  line(n: number): string | undefined {
    const span = this.span(n);
    if (!span) return undefined;
    const { text } = this;
    let [start, end] = span;
    if (end > start && text.charCodeAt(end - 1) === LF) end--;
    if (end > start && text.charCodeAt(end - 1) === CR) end--;
    return text.slice(start, end);
  }

  /**
   * The text with only lines `wanted` left (1-based; the others empty, line numbers kept) and
   * nothing after the last of them: what a report shows of a file, so that a run over thousands of
   * files holds the lines its report shows, not every file with a finding whole.
   */
  only(wanted: Iterable<number>): string {
    return keptLines(this.starts[0] === 1, wanted, (n) => {
      const span = this.span(n);
      if (!span) return undefined;
      const line = this.line(n) as string;
      return [line, span[1] - span[0] > line.length];
    });
  }

  /** Where line `n` starts and where the next one does (its line ending included), or `undefined`. */
  private span(n: number): [number, number] | undefined {
    while (this.starts.length <= n && this.scanned >= 0) this.nextStart();
    const start = this.starts[n - 1];
    if (start === undefined || n < 1) return undefined;
    return [start, this.starts[n] ?? this.text.length];
  }

  /** Finds where the next line starts. */
  private nextStart(): void {
    const { text } = this;
    const from = this.scanned;
    if (this.nextCr !== -1 && this.nextCr < from) this.nextCr = text.indexOf("\r", from);
    const lf = text.indexOf("\n", from);
    const cr = this.nextCr;
    if (lf < 0 && cr < 0) {
      this.scanned = -1;
      return;
    }
    // A `\r` before the next `\n` ends a line alone, unless the `\n` follows it at once.
    const at = cr >= 0 && (lf < 0 || cr < lf - 1) ? cr : lf;
    this.starts.push(at + 1);
    this.scanned = at + 1;
  }
}

/**
 * What {@link SourceLines.only} gives for the text `document` was parsed from, taken from the
 * tree's lines: the text is not searched for line breaks again (a tenth of what a run over a
 * repository spends outside the linter, where most files have a finding).
 */
export function keptLinesOf(document: ConfigDocument, wanted: Iterable<number>): string {
  const { lines } = document;
  return keptLines(document.bom !== "", wanted, (n) => {
    const line = lines[n - 1];
    if (line) return [lineContent(line), line.eol !== ""];
    // After a last line ending (or in an empty text) comes an empty line, as the text is split.
    const last = lines.at(-1);
    return n === lines.length + 1 && (last === undefined || last.eol !== "") ? ["", false] : undefined;
  });
}

/**
 * The lines `wanted` of a text, each as `lineAt(n)` gives it (its text without the line ending,
 * and whether it had one), at their numbers, with empty lines between them and nothing after.
 */
function keptLines(
  bom: boolean,
  wanted: Iterable<number>,
  lineAt: (n: number) => [text: string, ended: boolean] | undefined,
): string {
  const numbers = [...new Set(wanted)].filter((n) => Number.isInteger(n) && n >= 1).sort((a, b) => a - b);
  // Every line break is `\n` here: a kept line's own `\r` before an empty line's `\n` would read
  // as one line break, not two. Empty lines are written only before a kept one.
  let out = bom && numbers[0] === 1 ? "\uFEFF" : "";
  let previous = 0;
  for (const n of numbers) {
    const line = lineAt(n);
    if (!line) break;
    out += `${"\n".repeat(n - previous - 1)}${line[0]}${line[1] ? "\n" : ""}`;
    previous = n;
  }
  // Pieces of the text, joined: as they are, they would keep all of it alive.
  return detached(out);
}

const LF = 0x0a;
const CR = 0x0d;

/** The pieces of a frame, left for the reporter to colour. */
export interface CodeFrame {
  lineNumber: number;
  /** The line as shown: tabs expanded, control characters replaced by their visible pictures. */
  text: string;
  /** Spaces up to the range's first character. */
  pad: string;
  /** `^` under the range on this line (at least one). */
  marker: string;
}

const TAB_WIDTH = 4;

/** The frame of `range` in `lines`, or `undefined` when its line is not in the text. */
export function codeFrame(lines: SourceLines, range: Range): CodeFrame | undefined {
  const lineNumber = range.start.line;
  const whole = lines.line(lineNumber);
  if (whole === undefined) return undefined;
  const start = clamp(range.start.column - 1, 0, whole.length);
  const end = range.end.line === lineNumber ? clamp(range.end.column - 1, start, whole.length) : whole.length;
  // A long line is shown around the range's start, `…` marking what is cut: a frame stays one
  // terminal line whatever the file holds (a 1 MB line was echoed whole).
  const { first, last } = window(whole, start);
  const raw = whole.slice(first, last);
  const lead = first > 0 ? ELLIPSIS : "";
  const from = start - first;
  const to = Math.min(end, last) - first;
  const before = visible(raw.slice(0, from), lead.length);
  const inside = visible(raw.slice(from, to), lead.length + before.width);
  const after = visible(raw.slice(to), lead.length + before.width + inside.width);
  return {
    lineNumber,
    text: lead + before.text + inside.text + after.text + (last < whole.length ? ELLIPSIS : ""),
    pad: " ".repeat(lead.length + before.width),
    marker: "^".repeat(Math.max(1, inside.width)),
  };
}

/** The most code units of a line a frame shows, and how many of them come before the range. */
export const MAX_FRAME_WIDTH = 160;
const FRAME_CONTEXT = 40;
const ELLIPSIS = "…";

/** The part of `line` a frame shows: all of it when short, else {@link MAX_FRAME_WIDTH} units around `column`. */
function window(line: string, column: number): { first: number; last: number } {
  if (line.length <= MAX_FRAME_WIDTH) return { first: 0, last: line.length };
  let first = Math.max(0, Math.min(column - FRAME_CONTEXT, line.length - MAX_FRAME_WIDTH));
  let last = Math.min(line.length, first + MAX_FRAME_WIDTH);
  // Never half a surrogate pair at either end.
  if (first > 0 && isHighSurrogate(line.charCodeAt(first - 1))) first--;
  if (last < line.length && isHighSurrogate(line.charCodeAt(last - 1))) last--;
  return { first, last };
}

function clamp(n: number, low: number, high: number): number {
  return Number.isFinite(n) ? Math.min(Math.max(Math.trunc(n), low), high) : low;
}

/**
 * Text safe to print on a terminal, one column per code point: a tab becomes spaces to the next
 * stop, and a control character (ESC would start an escape sequence the file's author chose)
 * becomes its Unicode control picture.
 */
function visible(text: string, startWidth: number): { text: string; width: number } {
  // Printable ASCII is shown as it is, one column a character: most lines of every file.
  if (PLAIN.test(text)) return { text, width: text.length };
  let out = "";
  let width = startWidth;
  for (const ch of text) {
    if (ch === "\t") {
      const spaces = TAB_WIDTH - (width % TAB_WIDTH);
      out += " ".repeat(spaces);
      width += spaces;
      continue;
    }
    out += printable(ch);
    width += 1;
  }
  return { text: out, width: width - startWidth };
}

// C1 controls, line and paragraph separators, and the bidirectional overrides that can make a
// terminal show text in another order than the driver reads it ("Trojan Source").
const INVISIBLE = /[\u0080-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;

/** A character as shown on a terminal: C0 controls and DEL as control pictures (U+2400...), other invisibles as U+FFFD. */
export function printable(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  if (code < 0x20) return String.fromCodePoint(0x2400 + code);
  if (code === 0x7f) return "\u2421";
  return INVISIBLE.test(ch) ? "\uFFFD" : ch;
}

/** Text with nothing to replace: printable ASCII only (every rule's message, nearly always). */
const PLAIN = /^[\x20-\x7e]*$/;

/** A message or hint made safe for a terminal: every control character shown as a picture. */
export function printableText(text: string): string {
  if (PLAIN.test(text)) return text;
  let out = "";
  for (const ch of text) out += printable(ch);
  return out;
}
