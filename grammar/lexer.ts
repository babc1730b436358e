/**
 * The lexer of QAT configuration files: the first half of the one definition of their syntax.
 *
 * Every character of every input belongs to exactly one token (the last token type, `Text`, takes
 * anything the others do not), so lexing never fails and the tokens, in order, spell the input back
 * byte for byte. Whitespace is skipped: the parser does not see it, and the tree gives it back from
 * the gaps between tokens (each gap is exactly one Whitespace token). Skipping spares the lexer a
 * token object per gap.
 */
import { createToken, Lexer, type TokenType } from "chevrotain";

// Token categories: which tokens may stand in each part of a line. The parser consumes a category
// and matches any of its members, which keeps each grammar rule a single CONSUME.
/** Tokens that may start a key: not `[` (that starts a header), not `=`. */
export const KeyStart = createToken({ name: "KeyStart", pattern: Lexer.NA });
/** Tokens that may continue a key. */
export const KeyPart = createToken({ name: "KeyPart", pattern: Lexer.NA });
/** Tokens that may stand in a value: anything but a comment or a line end. */
export const ValuePart = createToken({ name: "ValuePart", pattern: Lexer.NA });
/** Tokens that may stand in a section name: anything but `]`, a comment or a line end. */
export const HeaderPart = createToken({ name: "HeaderPart", pattern: Lexer.NA });
/** The category tokens, which the parser must know and the lexer never emits. */
export const categories: TokenType[] = [KeyStart, KeyPart, ValuePart, HeaderPart];
const anyPart = [KeyStart, KeyPart, ValuePart, HeaderPart];

/** A line end as written: CRLF, LF or a lone CR. */
export const Newline = createToken({ name: "Newline", pattern: /\r\n|\r|\n/, line_breaks: true });

/** Spaces and tabs (and the rare form feed or vertical tab): skipped, see above. */
export const Whitespace = createToken({
  name: "Whitespace",
  pattern: /[ \t\f\v]+/,
  group: Lexer.SKIPPED,
});

/** A UTF-8 byte order mark, meaningful only as the first character of a file. */
export const Bom = createToken({ name: "Bom", pattern: /\uFEFF/, categories: anyPart });

/** `#` to the end of the line. */
export const Comment = createToken({ name: "Comment", pattern: /#[^\r\n]*/ });

export const LBracket = createToken({
  name: "LBracket",
  pattern: /\[/,
  categories: [KeyPart, ValuePart, HeaderPart],
});
/** `]` may not stand in a section name: it closes it. */
export const RBracket = createToken({
  name: "RBracket",
  pattern: /\]/,
  categories: [KeyStart, KeyPart, ValuePart],
});
export const Equals = createToken({ name: "Equals", pattern: /=/, categories: [ValuePart, HeaderPart] });

/**
 * A double-quoted string. The closing quote is optional so that an unterminated string is still one
 * token (the parser reports it) and does not swallow the next line.
 */
export const Quoted = createToken({ name: "Quoted", pattern: /"[^"\r\n]*"?/, categories: anyPart });

/** Any run of other characters: names, numbers, paths, and whatever garbage a file holds. */
// Written as the complement of the other tokens' first characters, but spelled out as positive ranges:
// chevrotain can index a positive set by first character, never a negated one.
export const Text = createToken({
  name: "Text",
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are text too; the parser reports NUL.
  pattern: /[\x00-\x08\x0e-\x1f!\x24-\x3c\x3e-\x5a\x5c\x5e-\ufefe\uff00-\uffff]+/,
  categories: anyPart,
});

/** All token types, in the order the lexer tries them. */
export const allTokens: TokenType[] = [Newline, Whitespace, Bom, Comment, LBracket, RBracket, Equals, Quoted, Text];

declare const __QATCONF_SKIP_GRAMMAR_VALIDATIONS__: boolean | undefined;
/**
 * Whether chevrotain skips validating the grammar: only in the built bundles, which define the
 * constant (scripts/cli-bundle.ts), as validation costs start-up time and cannot fail on a grammar
 * the tests have validated. From source (every test that parses) the validations run.
 */
export const skipValidations =
  typeof __QATCONF_SKIP_GRAMMAR_VALIDATIONS__ === "boolean" && __QATCONF_SKIP_GRAMMAR_VALIDATIONS__;

/** The lexer instance; building it validates the token set, so it is built once per process. */
export const configLexer = new Lexer(allTokens, {
  positionTracking: "onlyOffset",
  ensureOptimizations: true,
  skipValidations,
});
