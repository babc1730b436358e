import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../../src/diagnostics.ts";
import { MAX_FINDINGS_PER_FILE } from "../../src/reporters/limit.ts";
import { stylish } from "../../src/reporters/stylish.ts";
import type { RuleMeta } from "../../src/reporters/types.ts";
import { at, DIAGNOSTICS, OPTIONS, RESULTS, SOURCE } from "./fixture.ts";

const ESC = "\u001b";

describe("the stylish reporter", () => {
  it("renders each finding with its location, code frame, hint and a summary", () => {
    expect(stylish(RESULTS, OPTIONS)).toBe(
      [
        "conf/c6xx_dev0.conf:3:2  error  unknown key 'NumberCyInstacnes'  misspelt-key",
        "  3 |     NumberCyInstacnes = 2",
        "    |     ^^^^^^^^^^^^^^^^^",
        "  hint: did you mean 'NumberCyInstances'?",
        "",
        // A control character in a message is shown, never sent to the terminal.
        "conf/c6xx_dev0.conf:2:19  warning  100% sure: a, b\u240asecond line  syntax",
        "  2 | ServicesEnabled = cy;dc",
        "    |                   ^^^^^",
        "",
        "conf/c6xx_dev0.conf:3:1  info  indented entry  style-note",
        "  3 |     NumberCyInstacnes = 2",
        "    | ^",
        "",
        "1 error, 1 warning, 1 info (1 fixable with --fix)",
        "",
      ].join("\n"),
    );
  });

  it("counts the fixes --fix applies apart from those it applies only with --unsafe-fixes", () => {
    const summary = (applicability: "safe" | "unsafe") =>
      stylish(RESULTS, {
        ...OPTIONS,
        rules: OPTIONS.rules.map((r) => (r.id === "misspelt-key" ? { ...r, fixApplicability: applicability } : r)),
      })
        .trimEnd()
        .split("\n")
        .at(-1);
    expect(summary("unsafe")).toBe("1 error, 1 warning, 1 info (1 fixable with --fix --unsafe-fixes)");
    const guessed = { ...(DIAGNOSTICS[0] as Diagnostic), ruleId: "guessed-key" };
    const both = stylish([...RESULTS, { filePath: "b_dev0.conf", source: SOURCE, diagnostics: [guessed] }], {
      ...OPTIONS,
      rules: [...OPTIONS.rules, { ...(OPTIONS.rules[1] as RuleMeta), id: "guessed-key", fixApplicability: "unsafe" }],
    });
    expect(both.trimEnd().split("\n").at(-1)).toBe(
      "2 errors, 1 warning, 1 info (1 fixable with --fix, 1 with --fix --unsafe-fixes)",
    );
  });

  it("prints nothing when there is nothing to report", () => {
    expect(stylish([{ filePath: "a_dev0.conf", source: "", diagnostics: [] }], OPTIONS)).toBe("");
  });

  it("colours only when asked to", () => {
    expect(stylish(RESULTS, OPTIONS)).not.toContain(ESC);
    const coloured = stylish(RESULTS, { ...OPTIONS, color: true });
    expect(coloured).toContain(`${ESC}[31merror${ESC}[39m`);
    expect(coloured).toContain(`${ESC}[33mwarning${ESC}[39m`);
    // The same text once the escape sequences are taken out.
    expect(coloured.replace(new RegExp(`${ESC}\\[\\d+m`, "g"), "")).toBe(stylish(RESULTS, OPTIONS));
  });

  it("never copies terminal escape sequences from the file into the report", () => {
    const source = "[A]\nKey = \u001b]0;owned\u0007 \u202eevil\n";
    const d = { ruleId: "syntax", severity: "error" as const, message: "bad", range: at(2, 7, 2, 10, source) };
    const out = stylish([{ filePath: "x\u001b[2J_dev0.conf", source, diagnostics: [d] }], OPTIONS);
    expect(out).not.toContain(ESC);
    expect(out).not.toContain("\u202e");
    expect(out).toContain("  2 | Key = \u241b]0;owned\u2407 \ufffdevil");
  });

  it("underlines by display column: tabs expanded, astral characters one column, BOM not counted", () => {
    const source = "\ufeff[A]\n\t😀Key=\n";
    // Columns count UTF-16 units: 😀 spans columns 2-3, "Key" 4-6.
    const d = { ruleId: "syntax", severity: "error" as const, message: "m", range: at(2, 4, 2, 7, source) };
    const out = stylish([{ filePath: "f", source, diagnostics: [d] }], OPTIONS);
    expect(out).toContain("  2 |     😀Key=\n    |      ^^^\n");
  });

  it("clamps ranges beyond the line and leaves out the frame for a line that does not exist", () => {
    const source = "[A]\nab\n";
    const beyond = { ruleId: "syntax", severity: "error" as const, message: "m", range: at(2, 9, 2, 12, source) };
    expect(stylish([{ filePath: "f", source, diagnostics: [beyond] }], OPTIONS)).toContain("  2 | ab\n    |   ^\n");
    const missing = { ...beyond, range: at(7, 1, 7, 2, source) };
    const out = stylish([{ filePath: "f", source, diagnostics: [missing] }], OPTIONS);
    expect(out).toBe("f:7:1  error  m  syntax\n\n1 error, 0 warnings\n");
  });

  it("splits lines where the parser does: CRLF and a lone CR", () => {
    const source = "[A]\r\nx = 1\ry = 2\r\n";
    const d = { ruleId: "syntax", severity: "error" as const, message: "m", range: at(3, 1, 3, 2, source) };
    expect(stylish([{ filePath: "f", source, diagnostics: [d] }], OPTIONS)).toContain("  3 | y = 2\n    | ^\n");
  });
});

describe("the stylish reporter on damaged input: output bounded by the files, not by the damage", () => {
  it("shows the first 100 findings of a file and counts the rest in one line; the summary counts all", () => {
    const source = "x\n".repeat(150);
    const diagnostics = Array.from({ length: 150 }, (_, i) => ({
      ruleId: "syntax",
      severity: "error" as const,
      message: "not an entry",
      range: at(i + 1, 1, i + 1, 2, source),
    }));
    const out = stylish([{ filePath: "broken_dev0.conf", source, diagnostics }], OPTIONS);
    expect(out.match(/not an entry/g)).toHaveLength(MAX_FINDINGS_PER_FILE);
    expect(out).toContain("broken_dev0.conf:100:1  error");
    expect(out).not.toContain("broken_dev0.conf:101:1");
    expect(out).toContain(
      "\n... 50 more findings in broken_dev0.conf not shown (--format json lists every one)\n\n150 errors, 0 warnings\n",
    );
  });

  it("cuts a long line's frame around the column and a long message, under the same caret", () => {
    const key = "K".repeat(1_000_000);
    const source = `[A]\n${key}x = 1\n`;
    const message = `unknown key '${key}x'`;
    const d = {
      ruleId: "unknown-key",
      severity: "warning" as const,
      message,
      range: at(2, 1_000_001, 2, 1_000_002, source),
    };
    const out = stylish([{ filePath: "f", source, diagnostics: [d] }], OPTIONS);
    expect(out.length).toBeLessThan(2000);
    const [head, frame, caret] = out.split("\n");
    expect(head).toMatch(/^f:2:1000001 {2}warning {2}unknown key 'K+… {2}unknown-key$/);
    expect(frame).toMatch(/^ {2}2 \| …K+x = 1$/);
    expect((frame as string).indexOf("x")).toBe((caret as string).indexOf("^"));
  });
});
