import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ConfigDocument, EntryLine } from "../../src/index.ts";
import { print } from "../../src/syntax/parse.ts";
import { parseSysconfig, systemdValue } from "../../src/syntax/parse-sysconfig.ts";
import { anyString } from "../support/arbitraries.ts";
import { checkTreeInvariants } from "../support/tree-invariants.ts";

/** Strings made of the characters that matter to an environment file, so that every path is taken. */
const envSoup = fc
  .array(
    fc.constantFrom(
      "POLICY",
      "ServicesEnabled",
      "=",
      "#",
      ";",
      '"',
      "'",
      "\\",
      " ",
      "\t",
      "\n",
      "\r\n",
      "\r",
      "\uFEFF",
      "\0",
      "sym;asym",
      "dc",
      "2",
      "é",
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(""));

function checkTree(text: string, doc: ConfigDocument): void {
  checkTreeInvariants(text, doc);
  expect(doc.sections).toEqual([]);
  expect(doc.preamble).toEqual(doc.lines);
}

describe("the /etc/sysconfig/qat grammar", () => {
  it("prints back any string byte for byte and never throws", () => {
    fc.assert(
      fc.property(anyString, (s) => {
        expect(print(parseSysconfig(s))).toBe(s);
      }),
    );
  });

  it("keeps a consistent tree for strings of its own characters", () => {
    fc.assert(
      fc.property(envSoup, (s) => {
        const doc = parseSysconfig(s);
        expect(print(doc)).toBe(s);
        checkTree(s, doc);
      }),
      { numRuns: 500 },
    );
  });

  it("reads the shipped sample as comments and blanks, without findings", () => {
    const sample = "# /etc/sysconfig/qat\n#\n# 'POLICY' indicates how many VFs\n#POLICY=\n\n#ServicesEnabled=\n";
    const doc = parseSysconfig(sample);
    expect(doc.kind).toBe("qatlib");
    expect(doc.diagnostics).toEqual([]);
    expect(doc.lines.map((l) => l.kind)).toEqual(["comment", "comment", "comment", "comment", "blank", "comment"]);
  });

  it("takes '#' as a comment only at the start of a line, as systemd does", () => {
    const doc = parseSysconfig("  # indented comment\nPOLICY=2 # two\n; also a comment\n");
    expect(doc.lines.map((l) => l.kind)).toEqual(["comment", "entry", "comment"]);
    const entry = doc.lines[1] as EntryLine;
    expect(entry.key.text).toBe("POLICY");
    expect(entry.rawValue.text).toBe("2 # two");
    expect(entry.value).toBe("2 # two");
  });

  it("reports lines systemd ignores or misreads, with their place", () => {
    const doc = parseSysconfig('POLICY 2\n=1\n1X=2\nA="open\nB=x\\\n');
    expect(doc.diagnostics.map((d) => [d.range.start.line, d.range.start.column, d.message.split(":")[0]])).toEqual([
      [1, 1, "expected '=' after 'POLICY 2'"],
      [2, 1, "missing name before '='"],
      [3, 1, "'1X' is not a variable name systemd accepts"],
      [4, 3, "unterminated quote"],
      [5, 4, "a '\\' at the end of a line joins the next line for systemd, but not for qat_init.sh"],
    ]);
  });

  it("gives values as systemd does: blanks around dropped, quotes removed", () => {
    expect(systemdValue("  2  ")).toBe("2");
    expect(systemdValue('"sym;dc"')).toBe("sym;dc");
    expect(systemdValue("'a b'")).toBe("a b");
    expect(systemdValue('"a\\"b"')).toBe('a"b');
    expect(systemdValue("a\\ b")).toBe("a b");
    expect(systemdValue("a b\r")).toBe("a b");
    // Quotes count only at the start of the value; after a quoted part, blanks are skipped.
    expect(systemdValue('a"b"')).toBe('a"b"');
    expect(systemdValue('"a" b')).toBe("ab");
  });
});
