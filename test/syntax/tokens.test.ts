import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { configLexer } from "../../grammar/lexer.ts";
import { parse } from "../../src/syntax/parse.ts";
import { anyString, grammarSoup } from "../support/arbitraries.ts";

/**
 * A line's tokens are lexed again from the line alone, on first use, and whitespace is rebuilt from
 * the gaps the lexer leaves: the result must be the lexing of the whole file, cut at line ends.
 */
describe("line tokens", () => {
  it("are the whole file's tokens, whitespace in the gaps", () => {
    fc.assert(
      fc.property(fc.oneof(anyString, grammarSoup), (text) => {
        const doc = parse(text);
        const fromLines = doc.lines.flatMap((l) => l.tokens);
        const lexed = configLexer
          .tokenize(text)
          .tokens.filter((t) => !(doc.bom !== "" && t.startOffset === 0))
          .map((t) => ({ kind: t.tokenType.name, text: t.image, offset: t.startOffset }));
        expect(fromLines.filter((t) => t.kind !== "Whitespace")).toEqual(lexed);
        for (const t of fromLines.filter((t) => t.kind === "Whitespace")) expect(t.text).toMatch(/^[ \t\f\v]+$/);
      }),
    );
  });

  it("are lexed once per line and kept", () => {
    const line = parse("[GENERAL]\n  Key = Value # c\n").lines[1];
    expect(line?.tokens.map((t) => t.kind)).toEqual([
      "Whitespace",
      "Text",
      "Whitespace",
      "Equals",
      "Whitespace",
      "Text",
      "Whitespace",
      "Comment",
      "Newline",
    ]);
    expect(line?.tokens).toBe(line?.tokens);
    expect(Object.keys(line ?? {})).not.toContain("tokens");
  });
});
