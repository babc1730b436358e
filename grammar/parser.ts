/**
 * The parser of QAT configuration files: the second half of the one definition of their syntax.
 *
 * The grammar is line-oriented and total: every token sequence the lexer can produce is accepted,
 * one line at a time, so a bad line never derails the lines after it. Whether a line is *well
 * formed* (a closed `[`, a `=` after a key, a closed quote) is decided from what each rule
 * collected, in `src/parse.ts`, which turns it into a diagnostic with a position. Keeping the grammar
 * total is what lets `parse` promise that it never throws and always recovers at the next line.
 */
import { EmbeddedActionsParser, type IToken } from "chevrotain";
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
  open?: IToken;
  /** Tokens between `[` and `]` (or to the end of the line when `]` is missing). */
  name: IToken[];
  /** `]` of a section header. */
  close?: IToken;
  /** Tokens before `=`. */
  key: IToken[];
  equals?: IToken;
  /** Tokens after `=`, or after `]` on a header line (where they do not belong). */
  rest: IToken[];
  comment?: IToken;
  newline?: IToken;
}

/** The result of parsing a token vector: an optional byte order mark and the lines in order. */
export interface FileSyntax {
  bom?: IToken;
  lines: LineSyntax[];
}

function emptyLine(kind: LineSyntax["kind"]): LineSyntax {
  return { kind, name: [], key: [], rest: [] };
}

/** Chevrotain parser for one configuration file. */
export class ConfigParser extends EmbeddedActionsParser {
  constructor() {
    super([...allTokens, ...categories], {
      maxLookahead: 1,
      recoveryEnabled: false,
      skipValidations,
    });
    this.performSelfAnalysis();
  }

  /** file := Bom? line*   (Bom only at offset 0) */
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
      result.lines.push(this.SUBRULE(this.line));
    });
    return result;
  });

  /** line := Newline | Comment Newline? | (header | entry) Comment? Newline? */
  private line = this.RULE("line", (): LineSyntax => {
    return this.OR([
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
          this.OPTION(() => {
            l.newline = this.CONSUME2(Newline);
          });
          return l;
        },
      },
      {
        ALT: () => {
          const l = this.OR2([{ ALT: () => this.SUBRULE(this.header) }, { ALT: () => this.SUBRULE(this.entry) }]);
          const comment = this.OPTION2(() => this.CONSUME2(Comment));
          const newline = this.OPTION3(() => this.CONSUME3(Newline));
          // During grammar recording SUBRULE returns a frozen placeholder: only touch real results.
          this.ACTION(() => {
            if (comment) l.comment = comment;
            if (newline) l.newline = newline;
          });
          return l;
        },
      },
    ]);
  });

  /** header := "[" HeaderPart* ( "]" ValuePart* )? */
  private header = this.RULE("header", (): LineSyntax => {
    const l = emptyLine("section");
    l.open = this.CONSUME(LBracket);
    this.MANY(() => {
      l.name.push(this.CONSUME(HeaderPart));
    });
    this.OPTION(() => {
      l.close = this.CONSUME(RBracket);
      this.MANY2(() => {
        l.rest.push(this.CONSUME(ValuePart));
      });
    });
    return l;
  });

  /** entry := KeyStart KeyPart* ( "=" ValuePart* )? | "=" ValuePart* */
  private entry = this.RULE("entry", (): LineSyntax => {
    const l = emptyLine("entry");
    this.OR([
      {
        ALT: () => {
          l.key.push(this.CONSUME(KeyStart));
          this.MANY3(() => {
            l.key.push(this.CONSUME(KeyPart));
          });
          this.OPTION(() => {
            l.equals = this.CONSUME(Equals);
            this.MANY(() => {
              l.rest.push(this.CONSUME(ValuePart));
            });
          });
        },
      },
      {
        ALT: () => {
          l.equals = this.CONSUME2(Equals);
          this.MANY2(() => {
            l.rest.push(this.CONSUME2(ValuePart));
          });
        },
      },
    ]);
    return l;
  });
}
