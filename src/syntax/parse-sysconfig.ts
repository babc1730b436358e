/**
 * Text → tokens → lines for qatlib's `/etc/sysconfig/qat` (grammar/sysconfig.ts): the same lossless
 * tree as the driver's files (`ConfigDocument`, lines with their raw text and pieces), with every
 * line in the preamble (the file has no sections) and every malformed line a `syntax` diagnostic.
 */
import type { IToken } from "chevrotain";
import { EnvFileParser, type EnvLineSyntax, envLexer } from "../../grammar/sysconfig.ts";
import type { Diagnostic, Severity } from "../diagnostics.ts";
import { syntaxDiagnostic } from "./parse.ts";
import type {
  ConfigDocument,
  EntryLine,
  Line,
  LineEnding,
  Piece,
  Position,
  Range,
  SyntaxToken,
  TokenKind,
} from "./tree.ts";

let parser: EnvFileParser | undefined;

/** A name systemd takes as an environment variable (env-util.c `env_name_is_valid`). */
export const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Parses `/etc/sysconfig/qat`. Never throws; `print(parseSysconfig(text))` returns `text` exactly.
 * The document's `kind` is `"qatlib"`.
 */
export function parseSysconfig(text: string, options: { fileName?: string } = {}): ConfigDocument {
  parser ??= new EnvFileParser();
  parser.input = envLexer().tokenize(text).tokens;
  const syntax = parser.file();
  const builder = new Builder(text, syntax.bom ? syntax.bom.image.length : 0);
  for (const line of syntax.lines) builder.addLine(line);
  builder.finish();
  for (const error of parser.errors) {
    builder.error(error.token.startOffset, error.token.startOffset, `parser: ${error.message}`);
  }
  const doc: ConfigDocument = {
    kind: "qatlib",
    bom: syntax.bom ? syntax.bom.image : "",
    lines: builder.lines,
    preamble: builder.lines,
    sections: [],
    diagnostics: builder.diagnostics,
  };
  if (options.fileName !== undefined) doc.fileName = options.fileName;
  return doc;
}

/** The tokens of one line, whitespace gaps included, lexed again on first use. */
function lineTokens(raw: string, offset: number): SyntaxToken[] {
  const out: SyntaxToken[] = [];
  let at = 0;
  for (const t of envLexer().tokenize(raw).tokens) {
    if (t.startOffset > at) out.push({ kind: "Whitespace", text: raw.slice(at, t.startOffset), offset: offset + at });
    out.push({ kind: t.tokenType.name as TokenKind, text: t.image, offset: offset + t.startOffset });
    at = t.startOffset + t.image.length;
  }
  if (raw.length > at) out.push({ kind: "Whitespace", text: raw.slice(at), offset: offset + at });
  return out;
}

/** Gives a line object its lazily lexed `tokens`. */
function withTokens<T extends object>(line: T & { raw: string; range: Range }): T & { tokens: SyntaxToken[] } {
  Object.defineProperty(line, "tokens", {
    configurable: true,
    enumerable: false,
    get() {
      const tokens = lineTokens(line.raw, line.range.start.offset);
      Object.defineProperty(line, "tokens", { value: tokens, writable: true, configurable: true });
      return tokens;
    },
  });
  return line as unknown as T & { tokens: SyntaxToken[] };
}

class Builder {
  readonly lines: Line[] = [];
  readonly diagnostics: Diagnostic[] = [];
  private lineStart: number;
  private lineNumber = 1;
  private readonly text: string;

  constructor(text: string, bomLength: number) {
    this.text = text;
    this.lineStart = bomLength;
  }

  private pos(offset: number): Position {
    return { offset, line: this.lineNumber, column: offset - this.lineStart + 1 };
  }

  private range(start: number, end: number): Range {
    return { start: this.pos(start), end: this.pos(end) };
  }

  private span(tokens: readonly IToken[], emptyAt: number): Piece {
    const first = tokens[0];
    const last = tokens.at(-1);
    if (!first || !last) return { text: "", range: this.range(emptyAt, emptyAt) };
    const end = last.startOffset + last.image.length;
    return { text: this.text.slice(first.startOffset, end), range: this.range(first.startOffset, end) };
  }

  error(start: number, end: number, message: string, hint?: string, severity: Severity = "error"): void {
    this.diagnostics.push(syntaxDiagnostic(this.range(start, end), message, hint, severity));
  }

  addLine(syntax: EnvLineSyntax): void {
    const start = this.lineStart;
    const end = syntax.newline ? syntax.newline.startOffset + syntax.newline.image.length : this.text.length;
    const eol = (syntax.newline?.image ?? "") as LineEnding;
    const raw = this.text.slice(start, end);
    const range = this.range(start, end - eol.length);
    let line: Line;
    if (syntax.kind === "blank") line = withTokens({ kind: "blank" as const, range, raw, eol });
    else if (syntax.kind === "comment") {
      const c = syntax.comment as IToken;
      const comment = { text: c.image, range: this.range(c.startOffset, c.startOffset + c.image.length) };
      line = withTokens({ kind: "comment" as const, range, raw, eol, comment });
    } else line = withTokens({ kind: "entry" as const, range, raw, eol, ...this.entryParts(syntax) });
    const nul = raw.indexOf("\0");
    if (nul >= 0) this.error(start + nul, start + nul + 1, "NUL byte in file", "the file is text; remove the NUL byte");
    this.lines.push(line);
    this.lineStart = end;
    this.lineNumber++;
  }

  private entryParts(syntax: EnvLineSyntax): Omit<EntryLine, "kind" | "range" | "raw" | "eol" | "tokens"> {
    const equals = syntax.equals;
    const key = this.span(syntax.key, equals?.startOffset ?? this.lineStart);
    const rawValue = this.span(syntax.rest, equals ? equals.startOffset + 1 : key.range.end.offset);
    if (!equals) {
      this.error(
        key.range.start.offset,
        key.range.end.offset,
        `expected '=' after '${key.text}': systemd ignores a line without '='`,
        "write KEY=VALUE; start comments with '#' at the start of the line",
      );
    } else if (key.text === "") {
      this.error(equals.startOffset, equals.startOffset + 1, "missing name before '='", "write KEY=VALUE");
    } else if (!ENV_NAME.test(key.text)) {
      this.error(
        key.range.start.offset,
        key.range.end.offset,
        `'${key.text}' is not a variable name systemd accepts: it ignores the line`,
        "names are letters, digits and '_', not starting with a digit",
      );
    }
    for (const t of syntax.rest) {
      const image = t.image;
      if (t.tokenType.name === "Quoted" && !quoteClosed(image)) {
        this.error(
          t.startOffset,
          t.startOffset + image.length,
          "unterminated quote: systemd reads the next lines into the value",
          `close the value with ${image[0]}`,
        );
      }
    }
    if (rawValue.text.endsWith("\\")) {
      this.error(
        rawValue.range.end.offset - 1,
        rawValue.range.end.offset,
        "a '\\' at the end of a line joins the next line for systemd, but not for qat_init.sh",
        "write the whole value on one line",
      );
    }
    const value = systemdValue(rawValue.text);
    return {
      key,
      hasEquals: equals !== undefined,
      rawValue,
      value,
      quoted: /^["']/.test(rawValue.text),
    };
  }

  /** Whitespace after the last line end is a last blank line. */
  finish(): void {
    if (this.lineStart < this.text.length) {
      const start = this.lineStart;
      const raw = this.text.slice(start);
      this.lines.push(
        withTokens({ kind: "blank" as const, range: this.range(start, this.text.length), raw, eol: "" as const }),
      );
    }
  }
}

/** Whether a quoted token has its closing quote (a backslash escapes the next character in `"`). */
function quoteClosed(image: string): boolean {
  if (image[0] === "'") return image.length > 1 && image.endsWith("'");
  for (let i = 1; i < image.length; i++) {
    if (image[i] === "\\") i++;
    else if (image[i] === '"') return i === image.length - 1;
  }
  return false;
}

/**
 * The value systemd gives a variable from the text after `=` (env-file.c `parse_env_file_internal`,
 * on one line). Blanks before the value are skipped; a value that starts with a quote is read as a
 * shell would (`'...'` literal, `"..."` with `\` escaping `"`, `\`, `` ` `` and `$`), after which
 * blanks are skipped again; an unquoted value runs to the end of the line, quotes in it kept, `\`
 * escaping the next character, blanks at its end dropped.
 */
export function systemdValue(rawValue: string): string {
  const machine = { state: "pre" as EnvState, out: "", trailing: 0 };
  for (let i = 0; i < rawValue.length; i++) {
    const c = rawValue[i] as string;
    const next = rawValue[i + 1];
    i += STEP[machine.state](machine, c, next);
  }
  return machine.out.slice(0, machine.out.length - machine.trailing);
}

type EnvState = "pre" | "value" | "single" | "double";
interface EnvMachine {
  state: EnvState;
  out: string;
  /** Unquoted blanks at the end of `out`, dropped if nothing follows them. */
  trailing: number;
}

const BLANK = /^[ \t\r\n]$/;

/** One character in each state; returns how many characters after it were consumed too. */
const STEP: Record<EnvState, (m: EnvMachine, c: string, next: string | undefined) => number> = {
  pre(m, c, next) {
    if (c === "'") m.state = "single";
    else if (c === '"') m.state = "double";
    else if (BLANK.test(c)) return 0;
    else {
      m.state = "value";
      return STEP.value(m, c, next);
    }
    return 0;
  },
  value(m, c, next) {
    if (c === "\\" && next !== undefined) {
      m.out += next;
      m.trailing = 0;
      return 1;
    }
    m.out += c;
    m.trailing = BLANK.test(c) ? m.trailing + 1 : 0;
    return 0;
  },
  single(m, c) {
    if (c === "'") m.state = "pre";
    else m.out += c;
    return 0;
  },
  double(m, c, next) {
    if (c === '"') m.state = "pre";
    else if (c === "\\" && next !== undefined) {
      m.out += '"\\`$'.includes(next) ? next : `\\${next}`;
      return 1;
    } else m.out += c;
    return 0;
  },
};
