/**
 * Text → tokens → lines: runs the grammar and builds the lossless tree, turning every malformed line
 * into a `syntax` diagnostic instead of an exception.
 */
import type { IToken } from "chevrotain";
import { configLexer } from "../../grammar/lexer.ts";
import { ConfigParser, type LineSyntax } from "../../grammar/parser.ts";
import type { Diagnostic, Severity } from "../diagnostics.ts";
import type {
  BlankLine,
  CommentLine,
  ConfigDocument,
  EntryLine,
  Line,
  LineEnding,
  Piece,
  Position,
  Range,
  SectionLine,
  SectionNode,
  SyntaxToken,
  TokenKind,
} from "./tree.ts";

/** Options of {@link parse}. */
export interface ParseOptions {
  /** The file's name or path; the device family, PF/VF and file number are read from it. */
  fileName?: string;
}

/** The rule id of every diagnostic the grammar produces. */
export const SYNTAX_RULE = "syntax";

// Chevrotain parsers are reusable and costly to build: one per process, built on first use.
let parser: ConfigParser | undefined;

/**
 * Parses a configuration file. Never throws: malformed lines become diagnostics and parsing goes on
 * at the next line. `print(parse(text))` returns `text` exactly, for every string.
 */
export function parse(text: string, options: ParseOptions = {}): ConfigDocument {
  parser ??= new ConfigParser();
  const lexed = configLexer.tokenize(text);
  parser.input = lexed.tokens;
  const syntax = parser.file();
  const builder = new TreeBuilder(text);
  if (syntax.bom) builder.skipBom(syntax.bom);
  for (const line of syntax.lines) builder.addLine(line);
  builder.finish();
  for (const error of parser.errors) {
    // The grammar accepts every token sequence, so this is a bug in it; report rather than lose it.
    builder.error(error.token.startOffset, error.token.startOffset, `parser: ${error.message}`);
  }
  const doc: ConfigDocument = {
    bom: syntax.bom ? syntax.bom.image : "",
    lines: builder.lines,
    preamble: builder.preamble,
    sections: builder.sections,
    diagnostics: builder.diagnostics,
  };
  if (options.fileName !== undefined) doc.fileName = options.fileName;
  return doc;
}

/** Returns the exact source text of a document: the inverse of {@link parse}. */
export function print(doc: Pick<ConfigDocument, "bom" | "lines">): string {
  let out = doc.bom;
  for (const line of doc.lines) out += line.raw;
  return out;
}

/**
 * The tokens of one line, lexed again from its text on first use. Linting never reads tokens, so
 * parsing does not copy them; the result is the same as the first lexing because no token crosses a
 * line end (every pattern but `Newline` excludes CR and LF, and a line ends after its `Newline`).
 * The lexer skips whitespace: each gap between its tokens is one `Whitespace` token.
 */
function lineTokens(raw: string, offset: number): SyntaxToken[] {
  const out: SyntaxToken[] = [];
  let at = 0;
  const whitespaceTo = (end: number): void => {
    if (end > at) out.push({ kind: "Whitespace", text: raw.slice(at, end), offset: offset + at });
  };
  for (const t of configLexer.tokenize(raw).tokens) {
    whitespaceTo(t.startOffset);
    out.push({ kind: t.tokenType.name as TokenKind, text: t.image, offset: offset + t.startOffset });
    at = endOf(t);
  }
  whitespaceTo(raw.length);
  return out;
}

// The line classes declare their fields (`declare`) instead of defining them as class fields: V8
// builds an object of a derived class about three times slower when its base class defines fields,
// and a file has a line object per line.

/** What every kind of line holds; the subclasses add their parts. */
abstract class LineNode {
  declare range: Range;
  declare raw: string;
  declare eol: LineEnding;
  declare comment?: Piece;

  constructor(range: Range, raw: string, eol: LineEnding, comment: Piece | undefined) {
    this.range = range;
    this.raw = raw;
    this.eol = eol;
    // Set on every line, even to undefined, so that all lines of a kind have one shape: adding the
    // property to some lines only would give them another and slow down every reader of lines.
    (this as { comment?: Piece | undefined }).comment = comment;
  }

  /** Lexed on first use (see {@link lineTokens}), then kept in an own property that hides this getter. */
  get tokens(): SyntaxToken[] {
    const tokens = lineTokens(this.raw, this.range.start.offset);
    Object.defineProperty(this, "tokens", { value: tokens, writable: true, configurable: true });
    return tokens;
  }
}

class BlankLineNode extends LineNode implements BlankLine {
  declare readonly kind: "blank";

  constructor(range: Range, raw: string, eol: LineEnding, comment: Piece | undefined) {
    super(range, raw, eol, comment);
    this.kind = "blank";
  }
}

class CommentLineNode extends LineNode implements CommentLine {
  declare readonly kind: "comment";
  declare comment: Piece;

  constructor(range: Range, raw: string, eol: LineEnding, comment: Piece) {
    super(range, raw, eol, comment);
    this.kind = "comment";
  }
}

class SectionLineNode extends LineNode implements SectionLine {
  declare readonly kind: "section";
  declare name: Piece;
  declare closed: boolean;

  constructor(range: Range, raw: string, eol: LineEnding, comment: Piece | undefined, name: Piece, closed: boolean) {
    super(range, raw, eol, comment);
    this.kind = "section";
    this.name = name;
    this.closed = closed;
  }
}

/** The parts of an entry line, as the builder reads them from the tokens. */
type EntryParts = Pick<EntryLine, "key" | "hasEquals" | "rawValue" | "value" | "quoted">;

class EntryLineNode extends LineNode implements EntryLine {
  declare readonly kind: "entry";
  declare key: Piece;
  declare hasEquals: boolean;
  declare rawValue: Piece;
  declare value: string;
  declare quoted: boolean;

  constructor(range: Range, raw: string, eol: LineEnding, comment: Piece | undefined, parts: EntryParts) {
    super(range, raw, eol, comment);
    this.kind = "entry";
    this.key = parts.key;
    this.hasEquals = parts.hasEquals;
    this.rawValue = parts.rawValue;
    this.value = parts.value;
    this.quoted = parts.quoted;
  }
}

/** A `syntax` finding, as every tree builder of the grammar reports one. */
export function syntaxDiagnostic(
  range: Range,
  message: string,
  hint?: string,
  severity: Severity = "error",
): Diagnostic {
  const d: Diagnostic = { ruleId: SYNTAX_RULE, severity, message, range };
  if (hint !== undefined) d.hint = hint;
  return d;
}

class TreeBuilder {
  readonly lines: Line[] = [];
  readonly preamble: Line[] = [];
  readonly sections: SectionNode[] = [];
  readonly diagnostics: Diagnostic[] = [];
  private lineStart = 0;
  private lineNumber = 1;
  // The current line's start and end: positions are never changed, so the pieces that start or end
  // there (an unindented key, a comment, which always ends the line) share them, and their range.
  private startPos: Position = { offset: -1, line: 0, column: 0 };
  private endPos: Position = this.startPos;
  private lineRange: Range = { start: this.startPos, end: this.endPos };

  private readonly text: string;
  /** Whether the text holds a NUL at all: one search of the file spares one per line. */
  private readonly hasNul: boolean;

  constructor(text: string) {
    this.text = text;
    this.hasNul = text.includes("\0");
  }

  skipBom(bom: IToken): void {
    this.lineStart = endOf(bom);
  }

  /** Positions within the current line. */
  pos(offset: number): Position {
    if (offset === this.startPos.offset) return this.startPos;
    if (offset === this.endPos.offset) return this.endPos;
    return { offset, line: this.lineNumber, column: offset - this.lineStart + 1 };
  }

  /** Starts a line (after the previous one's end): its range, whose positions the line shares. */
  private startLine(start: number, contentEnd: number): Range {
    this.startPos = { offset: start, line: this.lineNumber, column: 1 };
    this.endPos = { offset: contentEnd, line: this.lineNumber, column: contentEnd - start + 1 };
    this.lineRange = { start: this.startPos, end: this.endPos };
    return this.lineRange;
  }

  range(start: number, end: number): Range {
    if (start === this.startPos.offset && end === this.endPos.offset) return this.lineRange;
    return { start: this.pos(start), end: this.pos(end) };
  }

  /** A token as a piece: it lends its text, so no new string is made. */
  tokenPiece(t: IToken): Piece {
    return { text: t.image, range: this.range(t.startOffset, endOf(t)) };
  }

  /** The piece spelled by consecutive tokens, blanks between them included, or an empty piece at `emptyAt`. */
  span(tokens: readonly IToken[], emptyAt: number): Piece {
    const first = tokens[0];
    const last = tokens.at(-1);
    if (!first || !last) return { text: "", range: this.range(emptyAt, emptyAt) };
    if (first === last) return this.tokenPiece(first);
    const end = endOf(last);
    return { text: this.text.slice(first.startOffset, end), range: this.range(first.startOffset, end) };
  }

  error(start: number, end: number, message: string, hint?: string, severity: Severity = "error"): void {
    this.diagnostics.push(syntaxDiagnostic(this.range(start, end), message, hint, severity));
  }

  addLine(syntax: LineSyntax): void {
    const start = this.lineStart;
    // A line without a line ending can only be the last one: it runs to the end of the text.
    const end = syntax.newline ? endOf(syntax.newline) : this.text.length;
    const eol = (syntax.newline?.image ?? "") as LineEnding;
    const contentEnd = end - eol.length;
    const range = this.startLine(start, contentEnd);
    const raw = this.text.slice(start, end);
    const comment = syntax.comment ? this.tokenPiece(syntax.comment) : undefined;
    let line: Line;
    switch (syntax.kind) {
      case "blank":
        line = new BlankLineNode(range, raw, eol, comment);
        break;
      case "comment":
        line = new CommentLineNode(range, raw, eol, comment as Piece);
        break;
      case "section":
        line = new SectionLineNode(
          range,
          raw,
          eol,
          comment,
          this.sectionName(syntax, contentEnd),
          syntax.close !== undefined,
        );
        break;
      case "entry":
        line = new EntryLineNode(range, raw, eol, comment, this.entryParts(syntax));
        break;
    }
    if (this.hasNul) this.checkNul(raw, start);
    this.push(line);
    this.lineStart = end;
    this.lineNumber++;
  }

  /** The name of a section header, its errors reported. */
  private sectionName(syntax: LineSyntax, contentEnd: number): Piece {
    const open = syntax.open as IToken;
    const name = this.span(syntax.name, endOf(open));
    if (!syntax.close) {
      this.error(
        open.startOffset,
        contentEnd - (syntax.comment ? syntax.comment.image.length : 0),
        "unclosed '[' in section header",
        "close the section name with ']'",
      );
    } else if (name.text === "") {
      this.error(open.startOffset, endOf(syntax.close), "empty section name", "write the name between the brackets");
    }
    for (const t of syntax.name) {
      if (t.tokenType.name !== "Text") {
        this.error(t.startOffset, endOf(t), `'${t.image[0]}' is not allowed in a section name`);
        break;
      }
    }
    const extra = syntax.rest[0];
    if (extra) {
      const last = syntax.rest.at(-1) as IToken;
      // adf_ctl ignores text after "]" (get_section_name): it is lost rather than fatal, so a warning.
      this.error(
        extra.startOffset,
        endOf(last),
        "text after the section header is ignored by the driver",
        "remove it or start it with '#'",
        "warning",
      );
    }
    return name;
  }

  /** The parts of an entry line, its errors reported. */
  private entryParts(syntax: LineSyntax): EntryParts {
    const first = syntax.key[0];
    // An entry has a key, a "=" or both: without a key, the empty key stands at the "=".
    const key = this.span(syntax.key, syntax.equals?.startOffset ?? 0);
    const rawValue = this.span(syntax.rest, syntax.equals ? endOf(syntax.equals) : key.range.end.offset);
    const only = syntax.rest.length === 1 ? syntax.rest[0] : undefined;
    const quoted =
      only !== undefined && only.tokenType.name === "Quoted" && only.image.length > 1 && only.image.endsWith('"');
    if (!syntax.equals) {
      this.error(
        key.range.start.offset,
        key.range.end.offset,
        `expected '=' after '${key.text}'`,
        "write entries as 'Key = Value'; start comments with '#'",
      );
    } else if (!first) {
      this.error(
        syntax.equals.startOffset,
        endOf(syntax.equals),
        "missing key before '='",
        "write entries as 'Key = Value'",
      );
    } else {
      this.checkKey(syntax.key);
    }
    for (const t of syntax.rest) {
      if (t.tokenType.name === "Quoted" && (t.image.length === 1 || !t.image.endsWith('"'))) {
        this.error(t.startOffset, endOf(t), "unterminated string", "close the value with '\"'");
      }
    }
    if (this.sections.length === 0 && syntax.equals && first) {
      this.error(
        key.range.start.offset,
        key.range.end.offset,
        `key '${key.text}' comes before any section`,
        "put it under a section header such as [GENERAL]",
      );
    }
    return {
      key,
      hasEquals: syntax.equals !== undefined,
      rawValue,
      value: quoted ? rawValue.text.slice(1, -1) : rawValue.text,
      quoted,
    };
  }

  private checkKey(tokens: readonly IToken[]): void {
    // Whitespace inside a key is legal: adf_ctl deletes every blank from keys (utils::sanitize_string).
    const odd = tokens.find((t) => t.tokenType.name !== "Text");
    if (odd) this.error(odd.startOffset, endOf(odd), `'${odd.image[0]}' is not allowed in a key`);
  }

  private checkNul(raw: string, start: number): void {
    const at = raw.indexOf("\0");
    if (at >= 0)
      this.error(start + at, start + at + 1, "NUL byte in file", "configuration files are text; remove the NUL byte");
  }

  private push(line: Line): void {
    this.lines.push(line);
    if (line.kind === "section") {
      this.sections.push({ name: line.name.text, header: line, body: [] });
    } else {
      const current = this.sections.at(-1);
      (current ? current.body : this.preamble).push(line);
    }
  }

  /** Whitespace after the last line end (the parser sees no token there) is a last blank line. */
  finish(): void {
    if (this.lineStart < this.text.length) {
      const start = this.lineStart;
      const end = this.text.length;
      this.push(new BlankLineNode(this.startLine(start, end), this.text.slice(start, end), "", undefined));
    }
  }
}

/** Offset just past a token (the lexer tracks start offsets only, which is faster). */
function endOf(t: IToken): number {
  return t.startOffset + t.image.length;
}
