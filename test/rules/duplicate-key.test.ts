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
    // Which value the driver keeps ('1', not '4'): specs/duplicate-key/invalid-first-wins.
    expect(d).toMatchObject({ severity: "warning", range: { start: { line: 15 } } });
    expect(d?.fix).toBeUndefined();
  });

  it("says the last value wins for QAT 1.5", () => {
    const text = "[GENERAL]\nServicesEnabled = cy0\nServicesEnabled = cy1\n";
    const ds = findings(RULE, text, { fileName: "dh89xxcc_qa_dev0.conf" });
    // The last value 'cy1' named as the one used: specs/duplicate-key/invalid-qat15.
    expect(ds).toMatchObject([{ severity: "warning", range: { start: { line: 3 } } }]);
    expect(ds[0]?.fix).toBeUndefined();
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
