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
    // adf_ctl's words: specs/invalid-value/invalid-config-version.
    expect(d).toMatchObject({ severity: "error", range: { start: { line: 3, column: 17 } } });
    const qat15 = "[GENERAL]\nConfigVersion = 1\n";
    expect(findings(RULE, qat15, { fileName: "c2xxx_qa_dev0.conf" })).toEqual([]);
  });

  // The accepted values and ranges each message lists: specs/invalid-value/invalid-flags, invalid-kernel-polling.
  const at = (text: string) => findings(RULE, text).map((d) => [d.range.start.line, d.range.start.column, d.severity]);

  it("reports flags and enumerations at their values", () => {
    const text = GOOD.replace("statsGeneral = 1", "statsGeneral = yes\nDcIntermediateBufferSizeInKB = 48");
    expect(at(text)).toEqual([
      [5, 16, "warning"],
      [6, 32, "warning"],
    ]);
  });

  it("checks LimitDevAccess and counts", () => {
    const text = GOOD.replace("LimitDevAccess = 0", "LimitDevAccess = 2").replace(
      "NumProcesses = 1",
      "NumProcesses = -1",
    );
    expect(at(text)).toEqual([
      [14, 16, "warning"],
      [15, 18, "warning"],
    ]);
    expect(at(GOOD.replace("statsGeneral = 1", "HeartbeatTimer = 50"))).toEqual([[5, 18, "warning"]]);
  });

  it("checks IsPolled in kernel sections and leaves user instances to instance-polling", () => {
    const kernel = GOOD.replace("[KERNEL]\nNumberCyInstances = 0", "[KERNEL]\nNumberCyInstances = 1\nCy0IsPolled = 3");
    expect(at(kernel)).toEqual([[9, 15, "warning"]]);
    expect(findings(RULE, GOOD.replace("Cy0IsPolled = 1", "Cy0IsPolled = 3"))).toEqual([]);
    expect(findings(RULE, kernel.replace("Cy0IsPolled = 3", "Cy0IsPolled = yes"))).toEqual([]);
  });
});
