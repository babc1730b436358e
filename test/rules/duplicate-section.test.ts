import { describe, expect, it } from "vitest";
import { findings, GOOD } from "./findings.ts";

const RULE = "duplicate-section";

describe("duplicate-section", () => {
  it("is silent when every section appears once", () => {
    expect(findings(RULE, GOOD)).toEqual([]);
  });

  it("reports the second [GENERAL] and says the driver merges them, first value winning", () => {
    const text = `${GOOD}[GENERAL]\nServicesEnabled = dc\n`;
    const [d, ...rest] = findings(RULE, text);
    expect(rest).toEqual([]);
    // "first at line 1", and which value wins: specs/duplicate-section/invalid.
    expect(d).toMatchObject({ severity: "warning", range: { start: { line: 19, column: 2 } } });
  });

  it("compares names as the driver reads them (blanks deleted, case kept)", () => {
    expect(findings(RULE, "[SSL]\n[ SSL ]\n")).toHaveLength(1);
    expect(findings(RULE, "[SSL]\n[ssl]\n")).toEqual([]);
  });

  it("tells QAT 1.5 users that their adf_ctl reads the later section", () => {
    const ds = findings(RULE, "[GENERAL]\n[GENERAL]\n", { fileName: "dh89xxcc_qa_dev0.conf" });
    // Wording: specs/duplicate-section/invalid-qat15.
    expect(ds).toMatchObject([{ severity: "warning", range: { start: { line: 2, column: 2 } } }]);
  });
});
