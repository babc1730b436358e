import { describe, expect, it } from "vitest";
import { findings, GOOD } from "./findings.ts";

const RULE = "invalid-value";

describe("invalid-value", () => {
  it("is silent on values the driver accepts, hex included", () => {
    expect(findings(RULE, GOOD)).toEqual([]);
    expect(findings(RULE, GOOD.replace("NumProcesses = 1", "NumProcesses = 0x10"))).toEqual([]);
  });

  it("reports a ConfigVersion other than 2 as an error, with adf_ctl's words", () => {
    const [d] = findings(RULE, GOOD.replace("ConfigVersion = 2", "ConfigVersion = 3"));
    expect(d).toMatchObject({ severity: "error", range: { start: { line: 3, column: 17 } } });
    expect(d?.message).toContain("Only version 2 config file supported");
    const qat15 = "[GENERAL]\nConfigVersion = 1\n";
    expect(findings(RULE, qat15, { fileName: "c2xxx_qa_dev0.conf" })).toEqual([]);
  });

  it("lists the accepted values of flags and enumerations", () => {
    const text = GOOD.replace("statsGeneral = 1", "statsGeneral = yes\nDcIntermediateBufferSizeInKB = 48");
    expect(findings(RULE, text).map((d) => d.message)).toEqual([
      "statsGeneral = 'yes' is not valid: statsGeneral must be 0 or 1",
      "DcIntermediateBufferSizeInKB = '48' is not valid: DcIntermediateBufferSizeInKB must be one of 32, 64",
    ]);
  });

  it("checks LimitDevAccess and counts, with their ranges in the message", () => {
    const text = GOOD.replace("LimitDevAccess = 0", "LimitDevAccess = 2").replace(
      "NumProcesses = 1",
      "NumProcesses = -1",
    );
    expect(findings(RULE, text).map((d) => d.message)).toEqual([
      "NumProcesses = '-1' is not valid: NumProcesses must be a whole number of at least 0",
      "LimitDevAccess = '2' is not valid: LimitDevAccess must be 0 or 1",
    ]);
    const [hb] = findings(RULE, GOOD.replace("statsGeneral = 1", "HeartbeatTimer = 50"));
    expect(hb?.message).toContain("at least 100");
  });

  it("checks IsPolled in kernel sections and leaves user instances to instance-polling", () => {
    const kernel = GOOD.replace("[KERNEL]\nNumberCyInstances = 0", "[KERNEL]\nNumberCyInstances = 1\nCy0IsPolled = 3");
    expect(findings(RULE, kernel)[0]?.message).toContain("from 0 to 2");
    expect(findings(RULE, GOOD.replace("Cy0IsPolled = 1", "Cy0IsPolled = 3"))).toEqual([]);
    expect(findings(RULE, kernel.replace("Cy0IsPolled = 3", "Cy0IsPolled = yes"))).toEqual([]);
  });
});
