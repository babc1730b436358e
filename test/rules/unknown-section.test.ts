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
    expect(d).toMatchObject({ hint: "did you mean 'GENERAL'?", range: { start: { line: 1, column: 2 } } });
    expect(fixed(text, d)).toBe(GOOD);
    expect(findings(RULE, GOOD.replace("[KERNEL]", "[KERNAL]"))[0]?.hint).toBe("did you mean 'KERNEL'?");
  });

  it("reports a special name in the wrong case even with NumProcesses", () => {
    const [d] = findings(RULE, "[kernel]\nNumProcesses = 1\n");
    expect(d?.hint).toBe("did you mean 'KERNEL'?");
  });

  it("leaves a user section alone when NumProcesses says it is one", () => {
    expect(findings(RULE, "[KERNEL1]\nNumProcesses = 1\nNumberCyInstances = 0\nNumberDcInstances = 0\n")).toEqual([]);
  });

  it("reports a section that is neither special nor a user process section", () => {
    const [d] = findings(RULE, `${GOOD}[Tuning]\nFoo = 1\n`);
    expect(d?.message).toContain("[Tuning] is neither a section the driver knows nor a user process section");
    expect(d?.fix).toBeUndefined();
  });
});
