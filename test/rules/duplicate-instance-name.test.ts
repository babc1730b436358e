import { describe, expect, it } from "vitest";
import { findings, GOOD } from "./findings.ts";

const RULE = "duplicate-instance-name";
const TWO = GOOD.replace(
  "NumberCyInstances = 1\nNumberDcInstances = 0\nNumProcesses",
  "NumberCyInstances = 2\nNumberDcInstances = 0\nNumProcesses",
);

describe("duplicate-instance-name", () => {
  it("is silent when names differ, and across Cy and Dc", () => {
    expect(findings(RULE, `${TWO}Cy1Name = "SSL1"\nCy1IsPolled = 1\nCy1CoreAffinity = 1\n`)).toEqual([]);
    const mixed = TWO.replace("NumberCyInstances = 2", "NumberCyInstances = 1").replace(
      "NumberDcInstances = 0",
      "NumberDcInstances = 1",
    );
    expect(findings(RULE, `${mixed}Dc0Name = "SSL0"\nDc0IsPolled = 1\nDc0CoreAffinity = 0\n`)).toEqual([]);
  });

  it("warns on the second instance with the same Name", () => {
    const ds = findings(RULE, `${TWO}Cy1Name = "SSL0"\nCy1IsPolled = 1\nCy1CoreAffinity = 1\n`);
    expect(ds).toHaveLength(1);
    expect(ds[0]?.severity).toBe("warning");
    // Wording: specs/duplicate-instance-name/invalid.
    expect(ds[0]?.range.start.line).toBe(19);
  });
});
