import { describe, expect, it } from "vitest";
import { general, kernelSection } from "../model/helpers.ts";
import { findings } from "./findings.ts";

const RULE = "vf-service-unsupported";
const VF = { fileName: "c6xxvf_dev0.conf.vm" };

describe("vf-service-unsupported", () => {
  it("is an error when the VF asks for a service its PF does not run, naming the PF value and where it came from", () => {
    const [d] = findings(RULE, general("cy;dc") + kernelSection(0, 0), { ...VF, pfServicesEnabled: "cy" });
    expect(d?.severity).toBe("error");
    expect(d?.range.start.line).toBe(2);
    expect(d?.message).toContain("asks for dc");
    expect(d?.message).toContain("ServicesEnabled = cy (from --pf-services or .qatconf.json)");
    expect(d?.message).toContain('"Unsupported device configuration"');
  });

  it("counts cy as asym and sym, and is silent when the PF runs every service asked for", () => {
    expect(findings(RULE, general("sym"), { ...VF, pfServicesEnabled: "cy" })).toEqual([]);
    expect(findings(RULE, general("cy"), { ...VF, pfServicesEnabled: "asym;dc" })[0]?.message).toContain(
      "asks for sym,",
    );
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
