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
    expect(ds[0]?.severity).toBe("warning");
    expect(ds[0]?.message).toBe(
      `Cy0 ("SSL0") in [SSL]: the driver cannot read Cy0CoreAffinity = [0-15] ('[0-15]' is not a CPU number or an N-M range) and stops with "Get core number failed"`,
    );
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
    expect(ds[0]?.message).toBe('Cy0 ("SSL0") in [SSL] is bound to CPU 4-7, but the host has 4 CPUs (0-3)');
    expect(findings(RULE, text, { fileName: "c6xx_dev0.conf", cpus: 8 })).toEqual([]);
  });
});
