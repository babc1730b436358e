import { describe, expect, it } from "vitest";
import { findings, GOOD } from "./findings.ts";

const RULE = "instance-numbering";

describe("instance-numbering", () => {
  it("is silent when every instance key is within the count", () => {
    expect(findings(RULE, GOOD)).toEqual([]);
  });

  it("warns on keys past the count, as Intel's c4xxx samples have", () => {
    const text = `${GOOD}Cy1Name = "SSL1"\nCy1IsPolled = 1\nCy1CoreAffinity = 1\n`;
    const ds = findings(RULE, text);
    expect(ds).toHaveLength(1);
    expect(ds[0]?.severity).toBe("warning");
    // Wording and hint (raise to 2): specs/instance-numbering/invalid-past-count.
    expect(ds[0]?.range.start.line).toBe(19);
  });

  it("points at the gap when the numbering skips an instance", () => {
    const text = GOOD.replace(
      "NumberCyInstances = 1\nNumberDcInstances = 0\nNumProcesses",
      "NumberCyInstances = 2\nNumberDcInstances = 0\nNumProcesses",
    ).concat('Cy2Name = "SSL2"\nCy2IsPolled = 1\nCy2CoreAffinity = 2\n');
    const ds = findings(RULE, text);
    // On Cy2, the hint naming the gap at Cy1: specs/instance-numbering/invalid-gap.
    expect(ds).toMatchObject([{ severity: "warning", range: { start: { line: 19, column: 1 } } }]);
  });

  it("reads a section without a count as creating none, and works without a device", () => {
    const ds = findings(RULE, '[GENERAL]\nServicesEnabled = dc\n[ZIP]\nNumProcesses = 1\nDc0Name = "Z"\n', {});
    // Wording: specs/instance-numbering/invalid-no-count.
    expect(ds).toMatchObject([{ severity: "warning", range: { start: { line: 5, column: 1 } } }]);
  });
});
