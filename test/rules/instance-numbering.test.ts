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
    expect(ds[0]?.range.start.line).toBe(19);
    expect(ds[0]?.message).toBe("the Cy1 keys of [SSL] are ignored: NumberCyInstances = 1 creates Cy0 only");
    expect(ds[0]?.hint).toBe("raise NumberCyInstances to 2 if Cy1 is wanted, or delete its keys");
  });

  it("points at the gap when the numbering skips an instance", () => {
    const text = GOOD.replace(
      "NumberCyInstances = 1\nNumberDcInstances = 0\nNumProcesses",
      "NumberCyInstances = 2\nNumberDcInstances = 0\nNumProcesses",
    ).concat('Cy2Name = "SSL2"\nCy2IsPolled = 1\nCy2CoreAffinity = 2\n');
    const ds = findings(RULE, text);
    expect(ds[0]?.message).toBe("the Cy2 keys of [SSL] are ignored: NumberCyInstances = 2 creates Cy0 to Cy1");
    expect(ds[0]?.hint).toBe("Cy1 has no keys: renumber Cy2 as Cy1, or raise NumberCyInstances to 3");
  });

  it("reads a section without a count as creating none, and works without a device", () => {
    const ds = findings(RULE, '[GENERAL]\nServicesEnabled = dc\n[ZIP]\nNumProcesses = 1\nDc0Name = "Z"\n', {});
    expect(ds[0]?.message).toBe(
      "the Dc0 keys of [ZIP] are ignored: [ZIP] has no NumberDcInstances, so it creates none",
    );
  });
});
