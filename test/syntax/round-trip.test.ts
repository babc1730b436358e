import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse, print } from "../../src/index.ts";
import { anyString, configDocument, grammarSoup } from "../support/arbitraries.ts";
import { checkTreeInvariants } from "../support/tree-invariants.ts";

describe("print(parse(s)) === s", () => {
  it("holds for any string", () => {
    fc.assert(
      fc.property(anyString, (s) => {
        expect(print(parse(s))).toBe(s);
      }),
    );
  });

  it("holds for strings of the grammar's own characters, and the tree is consistent", () => {
    fc.assert(
      fc.property(grammarSoup, (s) => {
        const doc = parse(s);
        expect(print(doc)).toBe(s);
        checkTreeInvariants(s, doc);
      }),
    );
  });

  it("holds for generated configuration documents, which parse without diagnostics", () => {
    fc.assert(
      fc.property(configDocument, (g) => {
        const doc = parse(g.text);
        expect(print(doc)).toBe(g.text);
        checkTreeInvariants(g.text, doc);
        expect(doc.diagnostics).toEqual([]);
        expect(doc.bom).toBe(g.bom ? "\uFEFF" : "");
        expect(doc.sections.map((s) => s.name)).toEqual(g.sections.map((s) => s.name));
        g.sections.forEach((gs, i) => {
          const entries = (doc.sections[i]?.body ?? []).filter((l) => l.kind === "entry");
          const expected = gs.lines.filter((l) => l.kind === "entry");
          expect(entries.map((e) => [e.key.text, e.rawValue.text])).toEqual(expected.map((e) => [e.key, e.rawValue]));
        });
      }),
    );
  });
});

describe("parse never throws", () => {
  it("on any string", () => {
    fc.assert(
      fc.property(anyString, (s) => {
        expect(() => parse(s, { fileName: "c6xx_dev0.conf" })).not.toThrow();
      }),
    );
  });

  it("on large and pathological inputs", () => {
    const inputs = [
      "[".repeat(100_000),
      '"'.repeat(100_001),
      "=".repeat(50_000),
      "\r".repeat(10_000),
      "a".repeat(1_000_000),
      "\uFEFF".repeat(1000),
      `${"x = y\n".repeat(20_000)}[`,
    ];
    for (const s of inputs) expect(print(parse(s))).toBe(s);
  });
});

describe("kept as written", () => {
  it.each([
    ["CRLF line ends", "[GENERAL]\r\nConfigVersion = 2\r\n"],
    ["lone CR line ends", "[GENERAL]\rConfigVersion = 2\r"],
    ["mixed line ends", "[A]\nx = 1\r\ny = 2\rz = 3"],
    ["no final newline", "[GENERAL]\nConfigVersion = 2"],
    ["a BOM", "\uFEFF[GENERAL]\nConfigVersion = 2\n"],
    ["tabs and trailing spaces", "[GENERAL]  \n\tKey\t=\tValue \t\n"],
    ["no spaces around =", "[GENERAL]\nKey=Value\n"],
    ["quoted # and =", '[SSL]\nCy0Name = "a#b=c"\n'],
    ["only whitespace", "  \t \n \t"],
    ["a comment table", "# [x] = y */ | a | b |\n"],
  ])("%s", (_name, text) => {
    const doc = parse(text);
    expect(print(doc)).toBe(text);
  });

  it("records the line end of each line", () => {
    const doc = parse("a = 1\r\nb = 2\rc = 3\nd = 4");
    expect(doc.lines.map((l) => l.eol)).toEqual(["\r\n", "\r", "\n", ""]);
  });

  it("separates the BOM from the first line and counts columns after it", () => {
    const doc = parse("\uFEFF[GENERAL]\n");
    expect(doc.bom).toBe("\uFEFF");
    const header = doc.lines[0];
    expect(header?.kind).toBe("section");
    if (header?.kind === "section") {
      expect(header.name.text).toBe("GENERAL");
      expect(header.name.range.start).toEqual({ offset: 2, line: 1, column: 2 });
    }
  });

  it("gives keys, values and comments with their positions", () => {
    const doc = parse('[SSL]\n  Cy0Name =  "UserCY0"  # first\n');
    const entry = doc.lines[1];
    expect(entry?.kind).toBe("entry");
    if (entry?.kind !== "entry") return;
    expect(entry.key).toEqual({
      text: "Cy0Name",
      range: { start: { offset: 8, line: 2, column: 3 }, end: { offset: 15, line: 2, column: 10 } },
    });
    expect(entry.rawValue.text).toBe('"UserCY0"');
    expect(entry.rawValue.range.start.column).toBe(14);
    expect(entry.value).toBe("UserCY0");
    expect(entry.quoted).toBe(true);
    expect(entry.comment?.text).toBe("# first");
    expect(entry.comment?.range.start.column).toBe(25);
  });
});
