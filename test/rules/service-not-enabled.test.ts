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
    // The driver's words: specs/service-not-enabled/invalid-dc.
    expect(ds[0]?.range.start.line).toBe(13);
  });

  it("is an error for Cy instances with dc", () => {
    const ds = findings(RULE, GOOD.replace("cy;dc", "dc"));
    // The driver's words: specs/service-not-enabled/invalid-cy.
    expect(ds).toMatchObject([{ severity: "error", range: { start: { line: 12 } } }]);
  });

  it("is a warning where the instances are silently dropped: Dc with asym;sym on QAT 2.0", () => {
    const ds = findings(RULE, WITH_DC.replace("cy;dc", "asym;sym"), { fileName: "4xxx_dev0.conf" });
    // Wording: specs/service-not-enabled/invalid-4xxx.
    expect(ds).toMatchObject([{ severity: "warning", range: { start: { line: 13 } } }]);
  });
});
