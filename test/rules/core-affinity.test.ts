import { describe, expect, it } from "vitest";
import { findings, fixed, GOOD } from "./findings.ts";

const RULE = "core-affinity";

describe("core-affinity", () => {
  it("is silent on CPU numbers and ranges", () => {
    expect(findings(RULE, GOOD)).toEqual([]);
    expect(findings(RULE, GOOD.replace("Cy0CoreAffinity = 0", "Cy0CoreAffinity = 0-3, 8"))).toEqual([]);
  });

  it("warns on a list the driver cannot read, and fixes bracketed ranges", () => {
    const text = GOOD.replace("Cy0CoreAffinity = 0", "Cy0CoreAffinity = [0-15]");
    const ds = findings(RULE, text);
    // Wording: specs/core-affinity/invalid-brackets.
    expect(ds).toMatchObject([{ severity: "warning", range: { start: { line: 18, column: 19 } } }]);
    expect(fixed(text, ds[0])).toBe(GOOD.replace("Cy0CoreAffinity = 0", "Cy0CoreAffinity = 0-15"));
  });

  it("gives no fix where the meaning is not certain", () => {
    for (const value of ["3-1", "0,,1", "a", "0-300"]) {
      const ds = findings(RULE, GOOD.replace("Cy0CoreAffinity = 0", `Cy0CoreAffinity = ${value}`));
      expect(ds, value).toHaveLength(1);
      expect(ds[0]?.fix, value).toBeUndefined();
    }
  });

  it("with --cpus, warns on the CPUs instances are bound to that the host lacks", () => {
    const text = GOOD.replace("NumProcesses = 1", "NumProcesses = 8").replace(
      "Cy0CoreAffinity = 0",
      "Cy0CoreAffinity = 0-31",
    );
    const ds = findings(RULE, text, { fileName: "c6xx_dev0.conf", cpus: 4 });
    // Which CPUs are missing (4-7 of 0-3): specs/core-affinity/invalid-cpus.
    expect(ds).toMatchObject([{ severity: "warning", range: { start: { line: 18, column: 19 } } }]);
    expect(ds[0]?.fix).toBeUndefined();
    expect(findings(RULE, text, { fileName: "c6xx_dev0.conf", cpus: 8 })).toEqual([]);
  });
});
