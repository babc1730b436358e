import { describe, expect, it } from "vitest";
import { findings, fixed, GOOD } from "./findings.ts";

const RULE = "duplicate-key";

describe("duplicate-key", () => {
  it("is silent when every key is set once", () => {
    expect(findings(RULE, GOOD)).toEqual([]);
  });

  it("says which value the driver keeps: the first, for QAT 1.7 and later", () => {
    const text = GOOD.replace("NumProcesses = 1\n", "NumProcesses = 1\nNumProcesses = 4\n");
    const [d, ...rest] = findings(RULE, text);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ severity: "warning", range: { start: { line: 15 } } });
    expect(d?.message).toContain("uses the first value '1' and ignores '4'");
    expect(d?.fix).toBeUndefined();
  });

  it("says the last value wins for QAT 1.5", () => {
    const text = "[GENERAL]\nServicesEnabled = cy0\nServicesEnabled = cy1\n";
    const [d] = findings(RULE, text, { fileName: "dh89xxcc_qa_dev0.conf" });
    expect(d?.message).toContain("uses the last value 'cy1'");
  });

  it("removes a later line that repeats the same value (as the driver reads it)", () => {
    const text = GOOD.replace("statsGeneral = 1\n", 'statsGeneral = 1\nstatsGeneral = "1"  # again\n');
    const [d] = findings(RULE, text);
    expect(d?.severity).toBe("info");
    expect(fixed(text, d)).toBe(GOOD);
  });

  it("counts a key repeated across two sections of the same name, which adf_ctl merges", () => {
    const text = `${GOOD}[GENERAL]\nConfigVersion = 2\n`;
    expect(findings(RULE, text).map((d) => d.range.start.line)).toEqual([20]);
  });

  it("treats keys as the driver does: case-sensitive, blanks deleted", () => {
    expect(findings(RULE, "[A]\nKey = 1\nkey = 1\n")).toEqual([]);
    expect(findings(RULE, "[A]\nKey = 1\nK ey = 2\n")).toHaveLength(1);
  });
});
