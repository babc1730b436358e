import { describe, expect, it } from "vitest";
import { findings, GOOD } from "./findings.ts";

const RULE = "missing-required-key";

describe("missing-required-key", () => {
  it("is silent on a complete file", () => {
    expect(findings(RULE, GOOD)).toEqual([]);
  });

  it("reports a file without [GENERAL], at its start", () => {
    const [d] = findings(RULE, "[KERNEL]\nNumberCyInstances = 0\nNumberDcInstances = 0\n");
    // adf_ctl's "No GENERAL section found": specs/missing-required-key/invalid-no-general.
    expect(d).toMatchObject({ severity: "error", range: { start: { line: 1, column: 1 } } });
    expect(findings(RULE, "")).toHaveLength(1);
  });

  it("reports a missing ServicesEnabled and ConfigVersion at the [GENERAL] header", () => {
    const text = GOOD.replace("ServicesEnabled = cy;dc\nConfigVersion = 2\n", "");
    // One finding per key, naming it: specs/missing-required-key/invalid-general-keys.
    expect(findings(RULE, text).map((d) => [d.range.start.line, d.range.start.column, d.severity])).toEqual([
      [1, 2, "error"],
      [1, 2, "error"],
    ]);
  });

  it("finds the keys in a second [GENERAL], which adf_ctl merges into the first", () => {
    const text = `${GOOD.replace("ConfigVersion = 2\n", "")}[GENERAL]\nConfigVersion = 2\n`;
    expect(findings(RULE, text)).toEqual([]);
  });

  it("requires the count of each enabled service in kernel sections and user sections with processes", () => {
    const text = GOOD.replace("NumberDcInstances = 0\n\n[SSL]", "\n[SSL]");
    const [d] = findings(RULE, text);
    // Wording: specs/missing-required-key/invalid-count.
    expect(d).toMatchObject({ severity: "error", range: { start: { line: 7, column: 2 } } });
    const user = GOOD.replace("NumberDcInstances = 0\nNumProcesses", "NumProcesses");
    expect(findings(RULE, user)).toMatchObject([{ severity: "error", range: { start: { line: 11, column: 2 } } }]);
    // Without processes the driver never reads the section.
    expect(findings(RULE, user.replace("NumProcesses = 1", "NumProcesses = 0"))).toEqual([]);
  });

  it("only warns about the count of a service that is not enabled (Linux defaults it to 0)", () => {
    const text = GOOD.replace("ServicesEnabled = cy;dc", "ServicesEnabled = cy").replace(
      "NumberDcInstances = 0\nNumProcesses",
      "NumProcesses",
    );
    const [d, ...rest] = findings(RULE, text);
    expect(rest).toEqual([]);
    // The driver's log line: specs/missing-required-key/invalid-count-not-enabled.
    expect(d).toMatchObject({ severity: "warning", range: { start: { line: 11, column: 2 } } });
  });

  it("follows QAT 1.5: no ConfigVersion needed (version 1 files), ServicesEnabled only a warning", () => {
    const ds = findings(RULE, "[GENERAL]\n[KERNEL]\nNumberCyInstances = 0\n", { fileName: "dh89xxcc_qa_dev0.conf" });
    // Wording: specs/missing-required-key/invalid-qat15.
    expect(ds.map((d) => [d.severity, d.range.start.line])).toEqual([["warning", 1]]);
  });
});
