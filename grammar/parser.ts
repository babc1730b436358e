/**
 * The parser of QAT configuration files: the second half of the one definition of their syntax.
 *
 * The grammar is line-oriented and total: every token sequence the lexer can produce is accepted,
 * one line at a time, so a bad line never derails the lines after it. Whether a line is *well
 * formed* (a closed `[`, a `=` after a key, a closed quote) is decided from what each rule
 * collected, in `src/parse.ts`, which turns it into a diagnostic with a position. Keeping the grammar
 * total is what lets `parse` promise that it never throws and always recovers at the next line.
 */
import type { IOrAlt, IToken } from "chevrotain";
import { EmbeddedParser } from "./embedded-parser.ts";
import {
  allTokens,
  Bom,
  Comment,
  categories,
  Equals,
  HeaderPart,
  KeyPart,
  KeyStart,
  LBracket,
  Newline,
  RBracket,
  skipValidations,
  ValuePart,
} from "./lexer.ts";

/** What the parser found on one line; tokens are the lexer's own, trivia excluded. */
export interface LineSyntax {
  kind: "blank" | "comment" | "section" | "entry";
  /** `[` of a section header. */
  open: IToken | undefined;
  /** Tokens between `[` and `]` (or to the end of the line when `]` is missing). */
  name: readonly IToken[];
  /** `]` of a section header. */
  close: IToken | undefined;
  /** Tokens before `=`. */
  key: readonly IToken[];
  equals: IToken | undefined;
  /** Tokens after `=`, or after `]` on a header line (where they do not belong). */
  rest: readonly IToken[];
  comment: IToken | undefined;
  newline: IToken | undefined;
}

/** The result of parsing a token vector: an optional byte order mark and the lines in order. */
export interface FileSyntax {
  bom?: IToken;
  lines: LineSyntax[];
}

// Most lines are comments and blanks: they share one empty list rather than each allocating three.
const NONE: readonly IToken[] = Object.freeze([]);

// Every field is set, even to undefined, so that all lines have one shape (cheaper to build and read).
function emptyLine(kind: LineSyntax["kind"]): LineSyntax {
  return {
    kind,
    open: undefined,
    name: NONE,
    close: undefined,
    key: NONE,
    equals: undefined,
    rest: NONE,
    comment: undefined,
    newline: undefined,
  };
}

/** Chevrotain parser for one configuration file. */
export class ConfigParser extends EmbeddedParser {
  constructor() {
    super([...allTokens, ...categories], {
      maxLookahead: 1,
      recoveryEnabled: false,
      skipValidations,
    });
    this.performSelfAnalysis();
  }

  /**
   * file := Bom? ( Newline | Comment Newline? | line )*   (Bom only at offset 0)
   *
   * Blank and comment lines, most lines of a file, are matched here rather than in a rule of
   * their own: a rule call per line costs more than the rest of the work on such a line.
   */
  public file = this.RULE("file", (): FileSyntax => {
    const result: FileSyntax = { lines: [] };
    // Only the very first character is a byte order mark; elsewhere U+FEFF is text.
    this.OPTION({
      GATE: () => this.LA(1).startOffset === 0,
      DEF: () => {
        result.bom = this.CONSUME(Bom);
      },
    });
    this.MANY(() => {
      result.lines.push(this.OR(this.lineForms));
    });
    return result;
  });

  // The alternatives of a line, matched once per line, are built once (chevrotain's advice for hot
  // rules): they close over the parser only, never over one call's locals.
  private readonly lineForms: IOrAlt<LineSyntax>[] = [
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
        l.comment = this.CONSUME(Comment);
        l.newline = this.OPTION2(this.commentLineEnd);
        return l;
      },
    },
    { ALT: () => this.SUBRULE(this.line) },
  ];
  private readonly commentLineEnd = (): IToken => this.CONSUME2(Newline);

  /** line := (header | entry) Comment? Newline?   (a line with content) */
  private line = this.RULE("line", (): LineSyntax => {
    const l = this.OR(this.contentForms);
    const comment = this.OPTION(this.trailingComment);
    const newline = this.OPTION2(this.lineEnd);
    // During grammar recording SUBRULE returns a frozen placeholder: only touch real results.
    if (!this.RECORDING_PHASE) {
      l.comment = comment;
      l.newline = newline;
    }
    return l;
  });
  private readonly contentForms: IOrAlt<LineSyntax>[] = [
    { ALT: () => this.SUBRULE(this.header) },
    { ALT: () => this.SUBRULE(this.entry) },
  ];
  private readonly trailingComment = (): IToken => this.CONSUME(Comment);
  private readonly lineEnd = (): IToken => this.CONSUME(Newline);

  /** header := "[" HeaderPart* ( "]" ValuePart* )? */
  private header = this.RULE("header", (): LineSyntax => {
    const l = emptyLine("section");
    const name: IToken[] = [];
    const rest: IToken[] = [];
    l.open = this.CONSUME(LBracket);
    this.MANY(() => {
      name.push(this.CONSUME(HeaderPart));
    });
    this.OPTION(() => {
      l.close = this.CONSUME(RBracket);
      this.MANY2(() => {
        rest.push(this.CONSUME(ValuePart));
      });
    });
    l.name = name;
    l.rest = rest;
    return l;
  });

  /** entry := KeyStart KeyPart* ( "=" ValuePart* )? | "=" ValuePart* */
  private entry = this.RULE("entry", (): LineSyntax => {
    const l = emptyLine("entry");
    const key: IToken[] = [];
    const rest: IToken[] = [];
    this.OR([
      {
        ALT: () => {
          key.push(this.CONSUME(KeyStart));
          this.MANY3(() => {
            key.push(this.CONSUME(KeyPart));
          });
          this.OPTION(() => {
            l.equals = this.CONSUME(Equals);
            this.MANY(() => {
              rest.push(this.CONSUME(ValuePart));
            });
          });
        },
      },
      {
        ALT: () => {
          l.equals = this.CONSUME2(Equals);
          this.MANY2(() => {
            rest.push(this.CONSUME2(ValuePart));
          });
        },
      },
    ]);
    l.key = key;
    l.rest = rest;
    return l;
  });
}
