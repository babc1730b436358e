import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dominantEol, format, formatEdits } from "../../src/format/format.ts";
import { parse, print, view } from "../../src/index.ts";
import { corpusAvailable, corpusFiles, corpusSuite } from "../support/corpus.ts";
import { anyText, documentText } from "./arbitrary.ts";

/** What the driver reads, plus the comments: sections, then keys and values as written, in order. */
function meaning(text: string): unknown {
  const doc = parse(text);
  return {
    sections: view(doc).sections.map((s) => [s.name, s.entries.map((e) => [e.key.text, e.rawValue.text, e.quoted])]),
    comments: doc.lines.flatMap((l) => (l.comment ? [l.comment.text.trimEnd()] : [])),
  };
}

const withoutWhitespace = (text: string): string => text.replace(/[ \t\f\v\r\n]/g, "");

describe("format", () => {
  it("lays out entries, headers and comments canonically", () => {
    const text =
      '\n\n# head\n[GENERAL]  \n  ServicesEnabled=cy;dc   # why  \nName   =   "a b"\n\n\n\nX=1\n# kernel\n[KERNEL]\nA = 1\n\n';
    expect(format(text).text).toBe(
      '# head\n[GENERAL]\nServicesEnabled = cy;dc # why\nName = "a b"\n\nX = 1\n\n# kernel\n[KERNEL]\nA = 1\n',
    );
  });

  it("keeps the file's dominant line ending and adds a final one", () => {
    expect(format("[A]\r\nX=1\r\nY=2\nZ=3").text).toBe("[A]\r\nX = 1\r\nY = 2\r\nZ = 3\r\n");
    expect(format("[A]\rX=1").text).toBe("[A]\rX = 1\r");
    expect(format("[A]").text).toBe("[A]\n");
  });

  it("keeps a byte order mark, and leaves an empty or blank file empty", () => {
    expect(format("\uFEFF[A]\nX=1").text).toBe("\uFEFF[A]\nX = 1\n");
    expect(format("").text).toBe("");
    expect(format(" \n\t\n").text).toBe("");
  });

  it("never turns a U+FEFF that is text into a byte order mark by dropping the lines before it", () => {
    const once = format("\r\n\uFEFF", { force: true }).text;
    expect(once).toBe("\r\n\uFEFF\r\n");
    expect(parse(once).bom).toBe("");
    expect(format(once, { force: true }).text).toBe(once);
  });

  it("leaves text after a section's ']' as written (the driver ignores it, but it is text)", () => {
    expect(format("[a]  x  \nK=1\n").text).toBe("[a]  x  \nK = 1\n");
  });

  it("drops the spaces, tabs, form feeds and vertical tabs that end a comment, and only those", () => {
    expect(format("# a  comment \t\f\v\n[A]\nK=1 # b \t\n").text).toBe("# a  comment\n[A]\nK = 1 # b\n");
    // U+00A0 and U+FEFF are text to the driver, wherever they are.
    expect(format("# c\u00a0 \n# d \uFEFF\n").text).toBe("# c\u00a0\n# d \uFEFF\n");
    expect(format("#\t\t\n").text).toBe("#\n");
  });

  it("writes an empty value as 'Key =' without a trailing space", () => {
    expect(format("[A]\nKey=   \nK2 =  # c\n").text).toBe("[A]\nKey =\nK2 = # c\n");
  });

  it("keeps quoted values and inner spacing of values as written", () => {
    expect(format('[A]\nCy0Name="  spaced  "\nCy0CoreAffinity =  0, 1,  2\n').text).toBe(
      '[A]\nCy0Name = "  spaced  "\nCy0CoreAffinity = 0, 1,  2\n',
    );
  });

  it("puts one blank line before each section, above the comments attached to its header", () => {
    expect(format("[A]\nX = 1\n# about B\n# more\n[B]\nY = 2\n[C]\n").text).toBe(
      "[A]\nX = 1\n\n# about B\n# more\n[B]\nY = 2\n\n[C]\n",
    );
  });

  it("aligns '=' within each block when asked", () => {
    expect(format("[A]\nX = 1\nLongKey = 2\n# c\nK = 3\n\nAB = 4\n", { alignEquals: true }).text).toBe(
      "[A]\nX       = 1\nLongKey = 2\n# c\nK       = 3\n\nAB = 4\n",
    );
  });

  it("returns a file with syntax errors unchanged, with its errors", () => {
    const text = "[A\nX = 1  \n";
    const r = format(text);
    expect(r).toMatchObject({ text, changed: false, edits: [] });
    expect(r.diagnostics.map((d) => d.ruleId)).toEqual(["syntax"]);
  });

  it("with force, formats the rest and leaves broken lines as written", () => {
    const r = format("[A]\nbroken line  \nX=1\n", { force: true });
    expect(r.text).toBe("[A]\nbroken line  \nX = 1\n");
    expect(r.diagnostics).toHaveLength(1);
  });

  it("edits whole lines only, so untouched lines keep every byte", () => {
    const text = "[A]\nX = 1\nY=2\n";
    const edits = formatEdits(parse(text));
    expect(edits).toEqual([{ start: 10, end: 14, newText: "Y = 2\n" }]);
  });

  it("takes the line ending most lines use, the first seen on a tie", () => {
    expect(dominantEol(parse("a\r\nb\nc\n").lines)).toBe("\n");
    expect(dominantEol(parse("a\r\nb\n").lines)).toBe("\r\n");
    expect(dominantEol(parse("a").lines)).toBe("\n");
  });
});

describe("format properties", () => {
  it("is idempotent on generated documents", () => {
    fc.assert(
      fc.property(documentText, fc.boolean(), (text, alignEquals) => {
        const once = format(text, { alignEquals }).text;
        expect(format(once, { alignEquals }).text).toBe(once);
      }),
    );
  });

  it("changes whitespace only: same sections, keys, values and comments, in order", () => {
    fc.assert(
      fc.property(documentText, fc.boolean(), (text, alignEquals) => {
        const out = format(text, { alignEquals }).text;
        expect(meaning(out)).toEqual(meaning(text));
        expect(withoutWhitespace(out)).toBe(withoutWhitespace(text.replace(/^\uFEFF/, "\uFEFF")));
        expect(parse(out).diagnostics).toEqual([]);
      }),
    );
  });

  it("produces the canonical layout", () => {
    fc.assert(
      fc.property(documentText, (text) => {
        const out = format(text).text;
        const eol = dominantEol(parse(text).lines);
        if (out === "") return;
        expect(out.endsWith(eol)).toBe(true);
        const lines = out.slice(0, -eol.length).split(eol);
        for (const line of lines) {
          expect(line).toBe(line.trim());
          expect(line).not.toMatch(/\r|\n/);
        }
        expect(lines[0]).not.toBe("");
        expect(lines.at(-1)).not.toBe("");
        lines.forEach((line, i) => {
          if (line === "") expect(lines[i - 1]).not.toBe("");
        });
      }),
    );
  });

  it("is idempotent with force on any text, and never changes a broken line's content", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const once = format(text, { force: true }).text;
        expect(format(once, { force: true }).text).toBe(once);
        expect(withoutWhitespace(once)).toBe(withoutWhitespace(text));
      }),
    );
  });

  it("never touches a file with syntax errors without force", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const r = format(text);
        if (r.diagnostics.length > 0) expect(r.text).toBe(text);
      }),
    );
  });

  it("builds its result from edits applied to the lossless tree", () => {
    fc.assert(
      fc.property(documentText, (text) => {
        const doc = parse(text);
        expect(print(doc)).toBe(text);
        const starts = new Set(doc.lines.map((l) => l.range.start.offset));
        for (const e of formatEdits(doc)) expect(starts.has(e.start)).toBe(true);
      }),
    );
  });
});

describe.skipIf(!corpusAvailable)(corpusSuite("format on the corpus"), () => {
  it("keeps the meaning of every shipped file, is idempotent, and only removes extra blank lines there", () => {
    for (const file of corpusFiles()) {
      const r = format(file.text, { fileName: file.name });
      expect(r.diagnostics, file.name).toEqual([]);
      expect(meaning(r.text), file.name).toEqual(meaning(file.text));
      expect(format(r.text).text, file.name).toBe(r.text);
      // Intel's files are written in the canonical style already: formatting them only changes
      // blank lines and trailing blanks, so the non-blank lines, trimmed, are the same in order.
      const nonBlank = (text: string): string[] =>
        text
          .split("\n")
          .map((l) => l.trimEnd())
          .filter((l) => l !== "");
      expect(nonBlank(r.text), file.name).toEqual(nonBlank(file.text));
    }
  });
});
