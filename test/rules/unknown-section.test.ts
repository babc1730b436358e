import { describe, expect, it } from "vitest";
import { findings, fixed, GOOD } from "./findings.ts";

const RULE = "unknown-section";

describe("unknown-section", () => {
  it("is silent on special sections and user process sections of any name", () => {
    expect(findings(RULE, GOOD)).toEqual([]);
    expect(findings(RULE, `${GOOD}[QATZIP]\nNumProcesses = 1\nNumberCyInstances = 0\nNumberDcInstances = 0\n`)).toEqual(
      [],
    );
    expect(findings(RULE, "[GENERAL ]\nConfigVersion = 2\n[ KERNEL_QAT ]\nNumberCyInstances = 0\n")).toEqual([]);
  });

  it("suggests GENERAL for GENRAL and renames it with the fix", () => {
    const text = GOOD.replace("[GENERAL]", "[GENRAL]");
    const [d, ...rest] = findings(RULE, text);
    expect(rest).toEqual([]);
    // The suggestion is the fix's: specs/unknown-section/invalid-typo.
    expect(d).toMatchObject({ range: { start: { line: 1, column: 2 } } });
    expect(fixed(text, d)).toBe(GOOD);
    const kernal = GOOD.replace("[KERNEL]", "[KERNAL]");
    expect(fixed(kernal, findings(RULE, kernal)[0])).toBe(GOOD);
  });

  it("reports a special name in the wrong case even with NumProcesses", () => {
    const [d] = findings(RULE, "[kernel]\nNumProcesses = 1\n");
    // Wording: specs/unknown-section/invalid-case.
    expect(fixed("[kernel]\nNumProcesses = 1\n", d)).toBe("[KERNEL]\nNumProcesses = 1\n");
  });

  it("leaves a user section alone when NumProcesses says it is one", () => {
    expect(findings(RULE, "[KERNEL1]\nNumProcesses = 1\nNumberCyInstances = 0\nNumberDcInstances = 0\n")).toEqual([]);
  });

  it("reports a section that is neither special nor a user process section", () => {
    const [d] = findings(RULE, `${GOOD}[Tuning]\nFoo = 1\n`);
    // Wording: specs/unknown-section/invalid-neither.
    expect(d).toMatchObject({ severity: "warning", range: { start: { line: 19, column: 2 } } });
    expect(d?.fix).toBeUndefined();
  });
});
