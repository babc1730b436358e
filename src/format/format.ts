/**
 * The formatter: one canonical layout for configuration files, reached by whitespace-only edits on
 * the lossless tree so that a formatted file means exactly what it meant before.
 *
 * Canonical layout: `Key = Value`, `[Section]`, comments flush left, one space before an inline `#`,
 * no trailing whitespace, at most one blank line in a row, exactly one blank line before each section
 * (before the comments attached to its header), no blank lines at the start or end, one final line
 * ending, and every line ending the file's dominant one. Lines with syntax errors are left as written
 * (only their line ending is normalised): guessing what they meant would change meaning.
 */
import type { Diagnostic, TextEdit } from "../diagnostics.ts";
import { applyEdits } from "../edit/text-edit.ts";
import { replace } from "../fixes.ts";
import { documentServices, environment, lineAt } from "../qatlib/sysconfig.ts";
import { type FileKind, parseAs } from "../syntax/kind.ts";
import { type ConfigDocument, type Line, type LineEnding, lineContent } from "../syntax/tree.ts";

/** Options of {@link format}. */
export interface FormatOptions {
  /** The file's name, for diagnostics. */
  fileName?: string;
  /** Align the `=` of the entries of each block (entries not separated by a blank line or header). */
  alignEquals?: boolean;
  /** Format even when the file has syntax errors (the erroneous lines are kept as written). */
  force?: boolean;
  /** The kind of file (`--kind`); by default read from `fileName` (see `fileKind`). */
  kind?: FileKind;
}

/** What {@link format} returns. */
export interface FormatResult {
  /** The formatted text; the input itself when the file was not formatted because of syntax errors. */
  text: string;
  /** Whether `text` differs from the input. */
  changed: boolean;
  /** The edits that turn the input into `text` (offsets into the input). */
  edits: TextEdit[];
  /** The file's syntax errors. When non-empty and `force` is not set, nothing was formatted. */
  diagnostics: Diagnostic[];
}

/**
 * Formats a configuration file. Idempotent; changes whitespace only, so the semantic view
 * (sections, keys and values in order) of the result equals the input's. A file with syntax errors
 * is returned unchanged, with its errors, unless `force` is set.
 */
export function format(text: string, options: FormatOptions = {}): FormatResult {
  const doc = parseAs(text, options);
  const diagnostics = doc.diagnostics.filter((d) => d.severity === "error");
  if (diagnostics.length > 0 && !options.force) return { text, changed: false, edits: [], diagnostics };
  const edits = formatEdits(doc, options);
  const out = applyEdits(text, edits).text;
  // qatlib's file has two readers with different rules; should a layout change what either reads
  // (which the verbatim lines below are there to prevent), the file is left as it is.
  if (doc.kind === "qatlib" && !sameForQatlib(doc, parseAs(out, { kind: "qatlib" }))) {
    return { text, changed: false, edits: [], diagnostics };
  }
  return { text: out, changed: out !== text, edits, diagnostics };
}

/** Whether qat_init.sh and systemd read the same settings from two qatlib files. */
function sameForQatlib(a: ConfigDocument, b: ConfigDocument): boolean {
  if (documentServices(a).value !== documentServices(b).value) return false;
  const [ea, eb] = [environment(a), environment(b)];
  return ea.size === eb.size && [...ea].every(([k, v]) => eb.get(k) === v);
}

/**
 * The lines of a qatlib file that hold `ServicesEnabled=`: qat_init.sh's awk reads their text as it
 * stands, blanks, quotes and CR included, so the formatter leaves them byte for byte (the
 * `qatlib-services-ignored` rule is the place to change them, with its fix).
 */
function awkLines(doc: ConfigDocument): Set<Line> {
  return new Set(doc.kind === "qatlib" ? documentServices(doc).records.map((r) => lineAt(doc, r.start)) : []);
}

/**
 * The edits that format a parsed document: one per line whose text changes, each replacing that
 * whole line (line ending included), so that every other line stays byte for byte.
 */
export function formatEdits(doc: ConfigDocument, options: Pick<FormatOptions, "alignEquals"> = {}): TextEdit[] {
  const eol = dominantEol(doc.lines);
  const broken = brokenLines(doc);
  const verbatim = awkLines(doc);
  const lines = doc.lines;
  const keep = keptLines(lines, doc.bom);
  const blankBefore = blankLineBefore(lines, keep);
  const qatlib = doc.kind === "qatlib";
  const widths = options.alignEquals && !qatlib ? keyWidths(lines, keep, broken) : undefined;
  const edits: TextEdit[] = [];
  let emitted = 0;
  lines.forEach((line, i) => {
    let newText = "";
    if (verbatim.has(line)) {
      // A CR would become part of the value: a missing line end is added as LF whatever the file uses.
      newText = line.eol === "" ? `${line.raw}\n` : line.raw;
      emitted++;
    } else if (keep[i]) {
      if (blankBefore[i] && emitted > 0) newText += eol;
      newText +=
        (broken.has(line) ? lineContent(line) : qatlib ? canonicalEnv(line) : canonical(line, widths?.[i])) + eol;
      emitted++;
    }
    if (newText !== line.raw) {
      const start = line.range.start.offset;
      edits.push(replace(start, start + line.raw.length, newText));
    }
  });
  return edits;
}

/** The line ending most lines use; ties go to the one seen first, and a file with none gets `\n`. */
export function dominantEol(lines: readonly Line[]): Exclude<LineEnding, ""> {
  const counts = new Map<LineEnding, number>();
  let best: Exclude<LineEnding, ""> = "\n";
  let bestCount = 0;
  for (const line of lines) {
    if (line.eol === "") continue;
    const n = (counts.get(line.eol) ?? 0) + 1;
    counts.set(line.eol, n);
    if (n > bestCount) {
      best = line.eol;
      bestCount = n;
    }
  }
  return best;
}

/**
 * The lines with any syntax finding, warnings included (text after `]` is ignored by the driver but
 * is still text): the formatter leaves their content alone.
 */
function brokenLines(doc: ConfigDocument): Set<Line> {
  const byNumber = new Set(doc.diagnostics.map((d) => d.range.start.line));
  return new Set(doc.lines.filter((l) => byNumber.has(l.range.start.line)));
}

/**
 * Which lines survive: every non-blank line, and the first blank of a run that is not at an end.
 * One leading blank line also survives when the first content line starts with U+FEFF: at the start
 * of the file that character would turn into a byte order mark and the text would change meaning.
 */
function keptLines(lines: readonly Line[], bom: string): boolean[] {
  const keep = lines.map((l) => l.kind !== "blank");
  const firstContent = keep.indexOf(true);
  const lastContent = keep.lastIndexOf(true);
  if (firstContent > 0 && bom === "" && lines[firstContent]?.raw.startsWith("\uFEFF")) keep[firstContent - 1] = true;
  for (let i = firstContent + 1; i < lastContent; i++) {
    if (lines[i]?.kind === "blank" && lines[i - 1]?.kind !== "blank") keep[i] = true;
  }
  return keep;
}

/**
 * Where a blank line must be added: before the comments attached to a section header (those right
 * above it, with no blank line between), unless a blank line or the start of the file is already there.
 */
function blankLineBefore(lines: readonly Line[], keep: readonly boolean[]): boolean[] {
  const out = lines.map(() => false);
  // Whether any line before `first` is kept is whether the first kept line comes before it: one
  // look per section instead of a scan of everything above (which made 40,000 sections take 15 s).
  const firstKept = keep.indexOf(true);
  lines.forEach((line, i) => {
    if (line.kind !== "section") return;
    let first = i;
    while (first > 0 && lines[first - 1]?.kind === "comment") first--;
    const previous = first - 1;
    if (previous >= 0 && firstKept !== -1 && firstKept < first && lines[previous]?.kind !== "blank") out[first] = true;
  });
  return out;
}

/** For `alignEquals`: the key width each entry pads to, the longest key of its block. */
function keyWidths(lines: readonly Line[], keep: readonly boolean[], broken: Set<Line>): (number | undefined)[] {
  const out: (number | undefined)[] = lines.map(() => undefined);
  let block: number[] = [];
  const close = (): void => {
    const width = Math.max(0, ...block.map((i) => entryKeyLength(lines[i] as Line)));
    for (const i of block) out[i] = width;
    block = [];
  };
  lines.forEach((line, i) => {
    if (!keep[i]) return;
    if (line.kind === "entry" && line.hasEquals && !broken.has(line)) block.push(i);
    else if (line.kind === "blank" || line.kind === "section") close();
  });
  close();
  return out;
}

function entryKeyLength(line: Line): number {
  return line.kind === "entry" ? line.key.text.length : 0;
}

/** The canonical text of a well-formed line, without its line ending. */
function canonical(line: Line, keyWidth: number | undefined): string {
  const comment = line.comment ? trimBlanksEnd(line.comment.text) : "";
  switch (line.kind) {
    case "blank":
      return "";
    case "comment":
      return comment;
    case "section":
      return withComment(`[${line.name.text}]`, comment);
    case "entry": {
      const key = keyWidth === undefined ? line.key.text : line.key.text.padEnd(keyWidth);
      const head = line.rawValue.text === "" ? `${key} =` : `${key} = ${line.rawValue.text}`;
      return withComment(head, comment);
    }
  }
}

/** The canonical text of a well-formed line of qatlib's file: `KEY=VALUE`, no blank around `=`. */
function canonicalEnv(line: Line): string {
  if (line.kind === "entry") return `${line.key.text}=${line.rawValue.text}`;
  return line.kind === "comment" ? trimBlanksEnd(line.comment.text) : "";
}

/**
 * Drops trailing spaces, tabs, form feeds and vertical tabs only: `String#trimEnd` also drops
 * U+FEFF and other Unicode spaces, which are content to the driver, and the formatter changes
 * whitespace only. A loop from the end, not `/[ \t\f\v]+$/`: the regular expression tries a match
 * at every blank of the comment, and took 15% of `fmt`'s time over Intel's comment-heavy files.
 */
function trimBlanksEnd(text: string): string {
  let end = text.length;
  while (end > 0 && isBlank(text.charCodeAt(end - 1))) end--;
  return end === text.length ? text : text.slice(0, end);
}

/** Space, tab, vertical tab or form feed. */
function isBlank(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0b || code === 0x0c;
}

function withComment(code: string, comment: string): string {
  return comment === "" ? code : `${code} ${comment}`;
}
