import { describe, expect, it } from "vitest";
import { general, kernelSection } from "../model/helpers.ts";
import { findings } from "./findings.ts";

const RULE = "vf-service-unsupported";
const VF = { fileName: "c6xxvf_dev0.conf.vm" };

describe("vf-service-unsupported", () => {
  it("is an error when the VF asks for a service its PF does not run, naming the PF value and where it came from", () => {
    const [d] = findings(RULE, general("cy;dc") + kernelSection(0, 0), { ...VF, pfServicesEnabled: "cy" });
    // The service asked for, the PF value and its source, the driver's words:
    // specs/vf-service-unsupported/invalid-pf-services-option and invalid-pf-file.
    expect(d).toMatchObject({ severity: "error", range: { start: { line: 2, column: 19 } } });
  });

  it("counts cy as asym and sym, and is silent when the PF runs every service asked for", () => {
    expect(findings(RULE, general("sym"), { ...VF, pfServicesEnabled: "cy" })).toEqual([]);
    // Naming sym: specs/vf-service-unsupported/invalid-pf-services-option.
    expect(findings(RULE, general("cy"), { ...VF, pfServicesEnabled: "asym;dc" })).toHaveLength(1);
    expect(findings(RULE, general("cy;dc") + kernelSection(0, 0), VF)).toEqual([]);
  });

  it("is silent on PF files and on QAT 2.0 VFs, which read their own services", () => {
    expect(findings(RULE, general("cy;dc"), { fileName: "c6xx_dev0.conf", pfServicesEnabled: "cy" })).toEqual([]);
    expect(findings(RULE, general("dc"), { fileName: "4xxxvf_dev0.conf.vm", pfServicesEnabled: "cy" })).toEqual([]);
  });

  it("agrees with the allocator, which stops the device there", async () => {
    const { lint } = await import("../../src/lint/lint.ts");
    const r = lint(general("cy;dc") + kernelSection(0, 0), { ...VF, pfServicesEnabled: "cy" });
    expect(r.diagnostics.filter((d) => d.severity === "error").map((d) => d.ruleId)).toEqual([RULE]);
  });
});
