import { describe, expect, it } from "vitest";
import { json } from "../../src/reporters/json.ts";
import { OPTIONS, RESULTS } from "./fixture.ts";

describe("the json reporter", () => {
  it("prints every file, clean ones included, with flat 1-based positions", () => {
    expect(JSON.parse(json(RESULTS, OPTIONS))).toEqual([
      {
        filePath: "conf/c6xx_dev0.conf",
        diagnostics: [
          {
            ruleId: "misspelt-key",
            severity: "error",
            message: "unknown key 'NumberCyInstacnes'",
            line: 3,
            column: 2,
            endLine: 3,
            endColumn: 19,
            hint: "did you mean 'NumberCyInstances'?",
            fix: {
              description: "rename to NumberCyInstances",
              edits: [{ start: 35, end: 52, newText: "NumberCyInstances" }],
              applicability: "safe",
            },
          },
          {
            ruleId: "syntax",
            severity: "warning",
            message: "100% sure: a, b\nsecond line",
            line: 2,
            column: 19,
            endLine: 3,
            endColumn: 1,
          },
          {
            ruleId: "style-note",
            severity: "info",
            message: "indented entry",
            line: 3,
            column: 1,
            endLine: 3,
            endColumn: 1,
          },
        ],
      },
      { filePath: "conf/clean_dev1.conf", diagnostics: [] },
    ]);
  });

  it("is an empty array for no files, and ends with a newline", () => {
    expect(json([], OPTIONS)).toBe("[]\n");
  });
});
