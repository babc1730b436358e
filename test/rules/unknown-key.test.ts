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
    // Which generation reads it: specs/unknown-key/invalid-other-generation.
    expect(d).toMatchObject({ severity: "warning", range: { start: { line: 4, column: 1 } } });
    expect(d?.fix).toBeUndefined();
    expect(findings(RULE, withKey, { fileName: "4xxx_dev0.conf" })).toEqual([]);
    // Without a device the generation is unknown: nothing to compare against.
    expect(findings(RULE, withKey, {})).toEqual([]);
  });

  it("suggests NumberCyInstances for NumberCyInstance and renames it with the fix", () => {
    const text = GOOD.replace("[SSL]\nNumberCyInstances", "[SSL]\nNumberCyInstance");
    const [d, ...rest] = findings(RULE, text);
    expect(rest).toEqual([]);
    // The suggestion is the fix's: specs/unknown-key/invalid-typo.
    expect(d).toMatchObject({ severity: "warning", range: { start: { line: 12, column: 1 } } });
    expect(fixed(text, d)).toBe(GOOD);
  });

  it("treats keys as case-sensitive: numprocesses is unknown and means NumProcesses", () => {
    const text = GOOD.replace("NumProcesses", "numprocesses");
    const [d] = findings(RULE, text);
    expect(fixed(text, d)).toBe(GOOD);
  });

  it("keeps the instance number when it suggests an instance key", () => {
    const poled = GOOD.replace("Cy0IsPolled", "Cy0IsPoled");
    expect(fixed(poled, findings(RULE, poled)[0])).toBe(GOOD);
    const lower = GOOD.replace("Cy0Name", "cy0Name");
    expect(fixed(lower, findings(RULE, lower)[0])).toBe(GOOD);
  });

  it("suggests the one known key a truncated key starts (QAT 1.5 samples' Cy0Accelerator)", () => {
    const text = `${GOOD}Cy0Accelerator = 0,1\n`;
    expect(fixed(text, findings(RULE, text)[0])).toBe(`${GOOD}Cy0AcceleratorNumber = 0,1\n`);
  });

  it("offers no fix when the key is far from every known key", () => {
    const [d] = findings(RULE, `${GOOD}Frobnicate = 1\n`);
    // The hint says to check the spelling: specs/unknown-key/invalid-unrecognisable.
    expect(d).toMatchObject({ severity: "warning", range: { start: { line: 19, column: 1 } } });
    expect(d?.fix).toBeUndefined();
  });

  it("reports a known key in a section where the driver does not read it", () => {
    const [d] = findings(RULE, GOOD.replace("[KERNEL]\n", "[KERNEL]\nNumProcesses = 1\n"));
    // Where the driver reads it instead: specs/unknown-key/invalid-misplaced.
    expect(d).toMatchObject({ severity: "warning", range: { start: { line: 8, column: 1 } } });
    expect(d?.fix).toBeUndefined();
  });

  it("judges the keys of a misspelt [GENRAL] as [GENERAL] keys, not as misplaced ones", () => {
    expect(findings(RULE, GOOD.replace("[GENERAL]", "[GENRAL]"))).toEqual([]);
  });
});
