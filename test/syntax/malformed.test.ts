import { describe, expect, it } from "vitest";
import { type EntryLine, parse, print } from "../../src/index.ts";

/** The entries of each section after parsing, as `Section.Key` strings. */
function placedKeys(text: string): string[] {
  return parse(text).sections.flatMap((s) =>
    s.body
      .filter((l): l is EntryLine => l.kind === "entry" && l.hasEquals && l.key.text !== "")
      .map((l) => `${s.name}.${l.key.text}`),
  );
}

describe("malformed lines become diagnostics and parsing goes on", () => {
  it.each([
    {
      kind: "a line without '='",
      text: "[SSL]\nNumberCyInstances 2\nNumberDcInstances = 1\n",
      line: 2,
      column: 1,
      endColumn: 20,
      message: "expected '=' after 'NumberCyInstances 2'",
      severity: "error",
      after: ["SSL.NumberDcInstances"],
    },
    {
      kind: "an unclosed '['",
      text: "[GENERAL]\n[SSL\nNumProcesses = 1\n",
      line: 2,
      column: 1,
      endColumn: 5,
      message: "unclosed '[' in section header",
      severity: "error",
      after: ["SSL.NumProcesses"],
    },
    {
      kind: "an empty section name",
      text: "[GENERAL]\n[]\nConfigVersion = 2\n",
      line: 2,
      column: 1,
      endColumn: 3,
      message: "empty section name",
      severity: "error",
      after: [".ConfigVersion"],
    },
    {
      kind: "an unterminated quote",
      text: '[SSL]\nCy0Name = "SSL0\nCy0IsPolled = 1\n',
      line: 2,
      column: 11,
      endColumn: 16,
      message: "unterminated string",
      severity: "error",
      after: ["SSL.Cy0Name", "SSL.Cy0IsPolled"],
    },
    {
      kind: "a key before any section",
      text: "ConfigVersion = 2\n[GENERAL]\nServicesEnabled = cy\n",
      line: 1,
      column: 1,
      endColumn: 14,
      message: "key 'ConfigVersion' comes before any section",
      severity: "error",
      after: ["GENERAL.ServicesEnabled"],
    },
    {
      kind: "a NUL byte",
      text: "[GENERAL]\nConfig\0Version = 2\nServicesEnabled = cy\n",
      line: 2,
      column: 7,
      endColumn: 8,
      message: "NUL byte in file",
      severity: "error",
      after: ["GENERAL.Config\0Version", "GENERAL.ServicesEnabled"],
    },
    {
      kind: "a missing key",
      text: "[GENERAL]\n = cy\nConfigVersion = 2\n",
      line: 2,
      column: 2,
      endColumn: 3,
      message: "missing key before '='",
      severity: "error",
      after: ["GENERAL.ConfigVersion"],
    },
    {
      kind: "text after a section header",
      text: "[GENERAL] x\nConfigVersion = 2\n",
      line: 1,
      column: 11,
      endColumn: 12,
      message: "text after the section header is ignored by the driver",
      severity: "warning",
      after: ["GENERAL.ConfigVersion"],
    },
    {
      kind: "a quote in a key",
      text: '[GENERAL]\n"Config" = 2\nServicesEnabled = cy\n',
      line: 2,
      column: 1,
      endColumn: 9,
      message: "'\"' is not allowed in a key",
      severity: "error",
      after: ["GENERAL.ServicesEnabled"],
    },
    {
      kind: "'=' in a section name",
      text: "[A=B]\nx = 1\n",
      line: 1,
      column: 3,
      endColumn: 4,
      message: "'=' is not allowed in a section name",
      severity: "error",
      after: ["A=B.x"],
    },
  ])("$kind", ({ text, line, column, endColumn, message, severity, after }) => {
    const doc = parse(text);
    expect(print(doc)).toBe(text);
    expect(doc.diagnostics).toHaveLength(1);
    const [d] = doc.diagnostics;
    expect(d).toMatchObject({ ruleId: "syntax", severity, message });
    expect(d?.range.start).toMatchObject({ line, column });
    expect(d?.range.end).toMatchObject({ line, column: endColumn });
    expect(d?.hint ?? "").not.toBe(message);
    for (const key of after) expect(placedKeys(text)).toContain(key);
  });

  it("reports every bad line of a file, each on its own line", () => {
    const text = '[GENERAL\nfoo\n[SSL]\n= 1\nCy0Name = "x\nNumProcesses = 1\n';
    const doc = parse(text);
    expect(doc.diagnostics.map((d) => d.range.start.line)).toEqual([1, 2, 4, 5]);
    expect(placedKeys(text)).toContain("SSL.NumProcesses");
  });

  it("never reports a syntax error on a well-formed line with blanks inside the key (adf_ctl deletes them)", () => {
    expect(parse("[GENERAL]\nConfig Version = 2\n").diagnostics).toEqual([]);
  });
});
