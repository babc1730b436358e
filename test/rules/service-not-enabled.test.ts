import { describe, expect, it } from "vitest";
import { findings, GOOD } from "./findings.ts";

const RULE = "service-not-enabled";
const WITH_DC = GOOD.replace("NumberDcInstances = 0\nNumProcesses", "NumberDcInstances = 1\nNumProcesses").concat(
  'Dc0Name = "Dc0"\nDc0IsPolled = 1\nDc0CoreAffinity = 0\n',
);

describe("service-not-enabled", () => {
  it("is silent when ServicesEnabled enables every declared service", () => {
    expect(findings(RULE, GOOD)).toEqual([]);
    expect(findings(RULE, WITH_DC)).toEqual([]);
  });

  it("is an error where the driver refuses: Dc instances with cy", () => {
    const ds = findings(RULE, WITH_DC.replace("cy;dc", "cy"));
    expect(ds).toHaveLength(1);
    expect(ds[0]?.severity).toBe("error");
    expect(ds[0]?.range.start.line).toBe(13);
    expect(ds[0]?.message).toBe(
      '[SSL] asks for 1 compression (Dc) instances, but ServicesEnabled = cy enables no compression: the driver stops with "NumDcInstances > 0, when DC is not enabled"',
    );
  });

  it("is an error for Cy instances with dc", () => {
    const ds = findings(RULE, GOOD.replace("cy;dc", "dc"));
    expect(ds[0]?.message).toContain('"NumCyInstances > 0, when CY is not enabled"');
  });

  it("is a warning where the instances are silently dropped: Dc with asym;sym on QAT 2.0", () => {
    const ds = findings(RULE, WITH_DC.replace("cy;dc", "asym;sym"), { fileName: "4xxx_dev0.conf" });
    expect(ds[0]?.severity).toBe("warning");
    expect(ds[0]?.message).toContain("the driver creates none of them");
  });
});
