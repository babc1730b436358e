import { describe, expect, it } from "vitest";
import { findings, GOOD } from "./findings.ts";

const RULE = "num-processes-missing";

describe("num-processes-missing", () => {
  it("is silent with NumProcesses, even 0, and on sections without instances", () => {
    expect(findings(RULE, GOOD)).toEqual([]);
    expect(findings(RULE, GOOD.replace("NumProcesses = 1", "NumProcesses = 0"))).toEqual([]);
    expect(findings(RULE, `${GOOD}[SIOV]\nNumberAdis = 0\n`)).toEqual([]);
  });

  it("warns on the header of a user section with instances and no NumProcesses", () => {
    const ds = findings(RULE, GOOD.replace("NumProcesses = 1\n", ""));
    expect(ds).toHaveLength(1);
    expect(ds[0]?.severity).toBe("warning");
    // Wording: specs/num-processes-missing/invalid.
    expect(ds[0]?.range.start.line).toBe(11);
  });
});
