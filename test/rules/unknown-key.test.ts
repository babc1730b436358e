import { describe, expect, it } from "vitest";
import { findings, fixed, GOOD } from "./findings.ts";

const RULE = "unknown-key";

describe("unknown-key", () => {
  it("is silent on known keys in their sections", () => {
    expect(findings(RULE, GOOD)).toEqual([]);
  });

  it("reports a key only another generation's driver reads, and is silent on its own generation", () => {
    const withKey = GOOD.replace("ConfigVersion = 2", "ConfigVersion = 2\nPmIdleSupport = 1");
    const [d] = findings(RULE, withKey);
    expect(d).toMatchObject({ severity: "warning", range: { start: { line: 4, column: 1 } } });
    expect(d?.message).toBe("'PmIdleSupport' is read only by QAT 2.0 drivers: the c6xx (QAT 1.7) driver ignores it");
    expect(findings(RULE, withKey, { fileName: "4xxx_dev0.conf" })).toEqual([]);
    // Without a device the generation is unknown: nothing to compare against.
    expect(findings(RULE, withKey, {})).toEqual([]);
  });

  it("suggests NumberCyInstances for NumberCyInstance and renames it with the fix", () => {
    const text = GOOD.replace("[SSL]\nNumberCyInstances", "[SSL]\nNumberCyInstance");
    const [d, ...rest] = findings(RULE, text);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({
      severity: "warning",
      hint: "did you mean 'NumberCyInstances'?",
      range: { start: { line: 12, column: 1 } },
    });
    expect(d?.message).toContain("unknown key 'NumberCyInstance' in [SSL]");
    expect(fixed(text, d)).toBe(GOOD);
  });

  it("treats keys as case-sensitive: numprocesses is unknown and means NumProcesses", () => {
    const text = GOOD.replace("NumProcesses", "numprocesses");
    const [d] = findings(RULE, text);
    expect(d?.hint).toBe("did you mean 'NumProcesses'?");
    expect(fixed(text, d)).toBe(GOOD);
  });

  it("keeps the instance number when it suggests an instance key", () => {
    const [d] = findings(RULE, GOOD.replace("Cy0IsPolled", "Cy0IsPoled"));
    expect(d?.hint).toBe("did you mean 'Cy0IsPolled'?");
    const [e] = findings(RULE, GOOD.replace("Cy0Name", "cy0Name"));
    expect(e?.hint).toBe("did you mean 'Cy0Name'?");
  });

  it("suggests the one known key a truncated key starts (QAT 1.5 samples' Cy0Accelerator)", () => {
    const [d] = findings(RULE, `${GOOD}Cy0Accelerator = 0,1\n`);
    expect(d?.hint).toBe("did you mean 'Cy0AcceleratorNumber'?");
  });

  it("offers no fix when the key is far from every known key", () => {
    const [d] = findings(RULE, `${GOOD}Frobnicate = 1\n`);
    expect(d?.fix).toBeUndefined();
    expect(d?.hint).toContain("check the spelling");
  });

  it("reports a known key in a section where the driver does not read it", () => {
    const [d] = findings(RULE, GOOD.replace("[KERNEL]\n", "[KERNEL]\nNumProcesses = 1\n"));
    expect(d?.message).toBe(
      "'NumProcesses' has no effect in [KERNEL]: the driver reads it only in user process sections",
    );
    expect(d?.fix).toBeUndefined();
  });

  it("judges the keys of a misspelt [GENRAL] as [GENERAL] keys, not as misplaced ones", () => {
    expect(findings(RULE, GOOD.replace("[GENERAL]", "[GENRAL]"))).toEqual([]);
  });
});
