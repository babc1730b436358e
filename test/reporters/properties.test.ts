import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../../src/diagnostics.ts";
import { lint } from "../../src/lint/lint.ts";
import { codeFrame, MAX_FRAME_WIDTH, SourceLines } from "../../src/reporters/code-frame.ts";
import { REPORTER_NAMES, REPORTERS } from "../../src/reporters/index.ts";
import type { JsonFileReport } from "../../src/reporters/json.ts";
import { anyString, grammarSoup } from "../support/arbitraries.ts";
import { OPTIONS } from "./fixture.ts";
import { parseValidSarif } from "./sarif-schema.ts";

const position = fc.record({
  offset: fc.nat({ max: 400 }),
  line: fc.integer({ min: 1, max: 40 }),
  column: fc.integer({ min: 1, max: 300 }),
});

/** Diagnostics as any rule might write them: any text, positions past the end, ids the registry lacks. */
const diagnostic: fc.Arbitrary<Diagnostic> = fc.record(
  {
    ruleId: fc.oneof(fc.constantFrom("syntax", "unknown-rule", "misspelt-key"), fc.string({ maxLength: 12 })),
    severity: fc.constantFrom("error", "warning", "info"),
    message: anyString,
    hint: anyString,
    range: fc.record({ start: position, end: position }),
    fix: fc.record({
      description: fc.string({ maxLength: 10 }),
      edits: fc.array(fc.record({ start: fc.nat(), end: fc.nat(), newText: fc.string({ maxLength: 5 }) }), {
        maxLength: 2,
      }),
    }),
  },
  { requiredKeys: ["ruleId", "severity", "message", "range"] },
);

const fileReport = fc.record({
  filePath: fc.oneof(fc.constantFrom("c6xx_dev0.conf", "/etc/4xxx_dev1.conf", "../x.conf", "<stdin>"), anyString),
  source: anyString,
  diagnostics: fc.array(diagnostic, { maxLength: 4 }),
});

describe("every reporter", () => {
  it("renders any diagnostics on any text without throwing, coloured or not", () => {
    fc.assert(
      fc.property(fc.array(fileReport, { maxLength: 3 }), fc.boolean(), (results, color) => {
        for (const name of REPORTER_NAMES) {
          expect(typeof REPORTERS[name](results, { ...OPTIONS, color })).toBe("string");
        }
        parseValidSarif(REPORTERS.sarif(results, OPTIONS));
      }),
    );
  });

  it("json round-trips the linter's findings through JSON.parse with 1-based positions", () => {
    fc.assert(
      fc.property(fc.oneof(anyString, grammarSoup), (text) => {
        const { diagnostics } = lint(text, { fileName: "c6xx_dev0.conf" });
        const parsed = JSON.parse(REPORTERS.json([{ filePath: "c6xx_dev0.conf", source: text, diagnostics }], OPTIONS));
        const [file] = parsed as JsonFileReport[];
        expect(file?.diagnostics).toHaveLength(diagnostics.length);
        file?.diagnostics.forEach((j, i) => {
          const d = diagnostics[i] as Diagnostic;
          expect([j.ruleId, j.message, j.severity, j.hint]).toEqual([d.ruleId, d.message, d.severity, d.hint]);
          expect([j.line, j.column, j.endLine, j.endColumn]).toEqual([
            d.range.start.line,
            d.range.start.column,
            d.range.end.line,
            d.range.end.column,
          ]);
          expect(Math.min(j.line, j.column, j.endLine, j.endColumn)).toBeGreaterThanOrEqual(1);
        });
      }),
    );
  });
});

describe("code frames of any line, however long", () => {
  it("stay within MAX_FRAME_WIDTH plus two ellipses, with the caret under the range's first character", () => {
    const line = fc.string({ unit: fc.constantFrom("a", "b", "=", " ", "é"), maxLength: 3000 });
    fc.assert(
      fc.property(line, fc.nat(), (text, n) => {
        const column = text.length === 0 ? 1 : (n % text.length) + 1;
        const frame = codeFrame(new SourceLines(`[A]\n${text}\n`), {
          start: { offset: 0, line: 2, column },
          end: { offset: 0, line: 2, column: column + 1 },
        });
        expect(frame).toBeDefined();
        const f = frame as NonNullable<typeof frame>;
        expect(f.text.length).toBeLessThanOrEqual(MAX_FRAME_WIDTH + 2);
        if (text.length > 0) expect(f.text[f.pad.length]).toBe(text[column - 1]);
      }),
    );
  });
});
