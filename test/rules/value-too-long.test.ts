import { describe, expect, it } from "vitest";
import { findings, GOOD } from "./findings.ts";

const RULE = "value-too-long";

describe("value-too-long", () => {
  it("is silent on a file within the driver's limits", () => {
    expect(findings(RULE, GOOD)).toEqual([]);
  });

  it("reports a value of 128 bytes and accepts 127, counted as the driver reads it", () => {
    const list = (n: number) => "1".repeat(n);
    expect(findings(RULE, `${GOOD}Cy0Name = "${list(127)}"\n`)).toEqual([]);
    const [d] = findings(RULE, `${GOOD}Cy0Name = "${list(128)}"\n`);
    // The length and the limit: specs/value-too-long/invalid.
    expect(d).toMatchObject({ severity: "error", range: { start: { line: 19, column: 11 } } });
    // Blanks are deleted by the driver, so a spaced-out list is shorter than it looks.
    expect(findings(RULE, `${GOOD}Cy1Name = ${"1 ".repeat(100)}\n`)).toEqual([]);
  });

  it("counts UTF-8 bytes, not characters", () => {
    expect(findings(RULE, `${GOOD}Cy0Name = ${"é".repeat(64)}\n`)).toHaveLength(1);
    expect(findings(RULE, `${GOOD}Cy0Name = ${"é".repeat(63)}\n`)).toEqual([]);
  });

  it("reports long keys and section names", () => {
    const ds = findings(RULE, `[${"S".repeat(130)}]\n${"K".repeat(128)} = 1\n`);
    // The name at each position (the section's after its '[', the key's): specs/value-too-long/invalid-names.
    expect(ds.map((d) => [d.range.start.line, d.range.start.column])).toEqual([
      [1, 2],
      [2, 1],
    ]);
  });
});
