import { describe, expect, it } from "vitest";
import { escapeData, escapeProperty, github } from "../../src/reporters/github.ts";
import { MAX_MESSAGE_LENGTH } from "../../src/reporters/limit.ts";
import { at, OPTIONS, RESULTS } from "./fixture.ts";

describe("the github reporter", () => {
  it("writes one workflow command per finding: error, warning, notice", () => {
    expect(github(RESULTS, OPTIONS).split("\n")).toEqual([
      "::error file=conf/c6xx_dev0.conf,line=3,col=2,endLine=3,endColumn=19,title=misspelt-key::unknown key 'NumberCyInstacnes'%0Ahint: did you mean 'NumberCyInstances'?",
      "::warning file=conf/c6xx_dev0.conf,line=2,col=19,endLine=3,endColumn=1,title=syntax::100%25 sure: a, b%0Asecond line",
      "::notice file=conf/c6xx_dev0.conf,line=3,col=1,endLine=3,endColumn=1,title=style-note::indented entry",
      "",
    ]);
  });

  it("escapes %, CR and LF in messages, and also : and , in properties (as @actions/core)", () => {
    expect(escapeData("50% a\r\nb: c, d")).toBe("50%25 a%0D%0Ab: c, d");
    expect(escapeProperty("50% a\r\nb: c, d")).toBe("50%25 a%0D%0Ab%3A c%2C d");
    // Escaping % first: an already escaped-looking sequence stays literal.
    expect(escapeData("%0A")).toBe("%250A");
  });

  it("gives paths relative to the workspace, and keeps paths outside it as they are", () => {
    const one = RESULTS.slice(0, 1).map((r) => ({ ...r, diagnostics: r.diagnostics.slice(2) }));
    const inside = github([{ ...(one[0] as (typeof one)[0]), filePath: "/work/project/etc/a,b:c_dev0.conf" }], OPTIONS);
    expect(inside).toMatch(/^::notice file=etc\/a%2Cb%3Ac_dev0\.conf,line=3,/);
    const outside = github([{ ...(one[0] as (typeof one)[0]), filePath: "/etc/c6xx_dev0.conf" }], OPTIONS);
    expect(outside).toMatch(/^::notice file=\/etc\/c6xx_dev0\.conf,line=3,/);
  });

  it("prints nothing when there is nothing to report", () => {
    expect(github([{ filePath: "a", source: "", diagnostics: [] }], OPTIONS)).toBe("");
  });
});

describe("the github reporter on a badly broken file", () => {
  it("annotates the first 100 findings of a file and counts the rest in one notice", () => {
    const source = "x\n".repeat(130);
    const diagnostics = Array.from({ length: 130 }, (_, i) => ({
      ruleId: "syntax",
      severity: "error" as const,
      message: "m".repeat(i === 0 ? 10_000 : 1),
      range: at(i + 1, 1, i + 1, 2, source),
    }));
    const lines = github([{ filePath: "/work/project/b_dev0.conf", source, diagnostics }], OPTIONS)
      .trimEnd()
      .split("\n");
    expect(lines).toHaveLength(101);
    expect((lines[0] as string).length).toBeLessThan(MAX_MESSAGE_LENGTH + 200);
    expect(lines[100]).toBe(
      "::notice file=b_dev0.conf::... 30 more findings in b_dev0.conf not shown (--format json lists every one)",
    );
  });
});
