/**
 * The grammar of qatlib's `/etc/sysconfig/qat`: the second language of the one definition of syntax
 * (the first, `lexer.ts` + `parser.ts`, is the out-of-tree driver's INI files).
 *
 * The file is a systemd environment file (`qat.service` has `EnvironmentFile=-/etc/sysconfig/qat`):
 * `KEY=VALUE` lines, and comment lines that start with `#` or `;`. Unlike the INI files, `#` starts
 * a comment only at the start of a line: systemd keeps `POLICY=2 # two VFs` whole as the value
 * (env-file.c `parse_env_file_internal` looks for comments only before a key), so a `#` anywhere
 * else is text.
 *
 * As in the other grammar, every character belongs to exactly one token (`Text` takes anything the
 * others do not), whitespace is skipped and given back from the gaps, and the parser accepts every
 * token sequence one line at a time: whether a line is well formed is decided from what it collected,
 * in `src/syntax/parse-sysconfig.ts`.
 */
import { createToken, type IOrAlt, type IToken, Lexer, type TokenType } from "chevrotain";
import { EmbeddedParser } from "./embedded-parser.ts";
import { Newline, skipValidations, Whitespace } from "./lexer.ts";

/** Tokens that may stand in a key: anything but `=`, a comment or a line end. */
export const EnvKeyPart = createToken({ name: "EnvKeyPart", pattern: Lexer.NA });
/** Tokens that may stand in a value: anything but a line end (a comment cannot start after a key). */
export const EnvValuePart = createToken({ name: "EnvValuePart", pattern: Lexer.NA });

/** Whether every character between the line start and `offset` is a blank (or the byte order mark). */
function atLineStart(text: string, offset: number): boolean {
  for (let i = offset - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || c === 0x0d) return true;
    if (c !== 0x20 && c !== 0x09 && c !== 0x0b && c !== 0x0c && !(i === 0 && c === 0xfeff)) return false;
  }
  return true;
}

const COMMENT_BODY = /[^\r\n]*/y;

/** `#` or `;` at the start of a line (blanks before it allowed), to the end of the line. */
export const EnvComment = createToken({
  name: "Comment",
  pattern: {
    exec(text: string, offset: number): RegExpExecArray | null {
      const c = text[offset];
      if ((c !== "#" && c !== ";") || !atLineStart(text, offset)) return null;
      COMMENT_BODY.lastIndex = offset;
      return COMMENT_BODY.exec(text);
    },
  },
  start_chars_hint: ["#", ";"],
  line_breaks: false,
});

export const EnvEquals = createToken({ name: "Equals", pattern: /=/, categories: [EnvValuePart] });

/**
 * A double- or single-quoted string, as systemd reads it (a backslash escapes the next character in
 * double quotes only). The closing quote is optional so that an unterminated string stays one token
 * and does not swallow the next line; the tree reports it.
 */
export const EnvQuoted = createToken({
  name: "Quoted",
  pattern: /"(?:[^"\\\r\n]|\\[^\r\n])*(?:\\)?"?|'[^'\r\n]*'?/,
  categories: [EnvKeyPart, EnvValuePart],
});

/** Any run of other characters, `#` and `;` included when they do not start a line. */
// Spelled as positive ranges (chevrotain indexes tokens by first character only for positive sets).
export const EnvText = createToken({
  name: "Text",
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are text too; the tree reports NUL.
  pattern: /[\x00-\x08\x0e-\x1f!#-&(-<>-\ufefe\uff00-\uffff]+/,
  categories: [EnvKeyPart, EnvValuePart],
});

const EnvBom = createToken({ name: "Bom", pattern: /\uFEFF/, categories: [EnvKeyPart, EnvValuePart] });

/** All token types of the environment-file language, in the order the lexer tries them. */
export const envTokens: TokenType[] = [Newline, Whitespace, EnvBom, EnvComment, EnvEquals, EnvQuoted, EnvText];

let lexer: Lexer | undefined;

/**
 * The lexer of `/etc/sysconfig/qat`, built on first use and kept: building one validates the token
 * set, and a run that reads only the driver's files should not pay for it at start-up.
 */
export function envLexer(): Lexer {
  lexer ??= new Lexer(envTokens, { positionTracking: "onlyOffset", ensureOptimizations: true, skipValidations });
  return lexer;
}

/** What the parser found on one line; tokens are the lexer's own, whitespace excluded. */
export interface EnvLineSyntax {
  kind: "blank" | "comment" | "entry";
  /** Tokens before `=`. */
  key: readonly IToken[];
  equals: IToken | undefined;
  /** Tokens after `=`. */
  rest: readonly IToken[];
  comment: IToken | undefined;
  newline: IToken | undefined;
}

/** The result of parsing an environment file: an optional byte order mark and the lines in order. */
export interface EnvFileSyntax {
  bom?: IToken;
  lines: EnvLineSyntax[];
}

const NONE: readonly IToken[] = Object.freeze([]);

function emptyLine(kind: EnvLineSyntax["kind"]): EnvLineSyntax {
  return { kind, key: NONE, equals: undefined, rest: NONE, comment: undefined, newline: undefined };
}

/** Chevrotain parser of `/etc/sysconfig/qat`. */
export class EnvFileParser extends EmbeddedParser {
  constructor() {
    super([...envTokens, EnvKeyPart, EnvValuePart], { maxLookahead: 1, recoveryEnabled: false, skipValidations });
    this.performSelfAnalysis();
  }

  /** file := Bom? ( Newline | Comment Newline? | entry Newline? )*   (Bom only at offset 0) */
  public file = this.RULE("file", (): EnvFileSyntax => {
    const result: EnvFileSyntax = { lines: [] };
    this.OPTION({
      GATE: () => this.LA(1).startOffset === 0,
      DEF: () => {
        result.bom = this.CONSUME(EnvBom);
      },
    });
    this.MANY(() => {
      result.lines.push(this.OR(this.lineForms));
    });
    return result;
  });

  private readonly lineForms: IOrAlt<EnvLineSyntax>[] = [
    {
      ALT: () => {
        const l = emptyLine("blank");
        l.newline = this.CONSUME(Newline);
        return l;
      },
    },
    {
      ALT: () => {
        const l = emptyLine("comment");
        l.comment = this.CONSUME(EnvComment);
        l.newline = this.OPTION3(() => this.CONSUME2(Newline));
        return l;
      },
    },
    {
      ALT: () => {
        const l = this.SUBRULE(this.entry);
        const newline = this.OPTION2(() => this.CONSUME3(Newline));
        if (!this.RECORDING_PHASE) l.newline = newline;
        return l;
      },
    },
  ];

  /** entry := EnvKeyPart+ ( "=" EnvValuePart* )? | "=" EnvValuePart* */
  private entry = this.RULE("entry", (): EnvLineSyntax => {
    const l = emptyLine("entry");
    const key: IToken[] = [];
    const rest: IToken[] = [];
    this.OR([
      {
        ALT: () => {
          this.AT_LEAST_ONE(() => {
            key.push(this.CONSUME(EnvKeyPart));
          });
          this.OPTION(() => {
            l.equals = this.CONSUME(EnvEquals);
            this.MANY(() => {
              rest.push(this.CONSUME(EnvValuePart));
            });
          });
        },
      },
      {
        ALT: () => {
          l.equals = this.CONSUME2(EnvEquals);
          this.MANY2(() => {
            rest.push(this.CONSUME2(EnvValuePart));
          });
        },
      },
    ]);
    l.key = key;
    l.rest = rest;
    return l;
  });
}
