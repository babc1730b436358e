import { describe, expect, it } from "vitest";
import { general, kernelSection, userSection } from "../model/helpers.ts";
import { findings } from "./findings.ts";

const RULE = "sriov-pf-instances";
const SRIOV = general("cy;dc", "SRIOV_Enabled = 1\n");

describe("sriov-pf-instances", () => {
  it("is silent on an SR-IOV host file with no instances, and without SR-IOV", () => {
    expect(findings(RULE, SRIOV + kernelSection(0, 0) + userSection("SSL", 0, 0, 1))).toEqual([]);
    expect(findings(RULE, general("cy;dc", "SRIOV_Enabled = 0\n") + kernelSection(2, 0))).toEqual([]);
  });

  it("warns on each count of a PF file with SRIOV_Enabled = 1", () => {
    const ds = findings(RULE, SRIOV + kernelSection(2, 0) + userSection("SSL", 1, 1, 2));
    // Wording: specs/sriov-pf-instances/invalid.
    expect(ds.map((d) => [d.severity, d.range.start.line])).toEqual([
      ["warning", 6],
      ["warning", 15],
      ["warning", 16],
    ]);
  });

  it("ignores user sections without processes and VF files", () => {
    expect(findings(RULE, SRIOV + userSection("SSL", 1, 0, 0))).toEqual([]);
    expect(findings(RULE, SRIOV + userSection("SSL", 1, 0, 1), { fileName: "c6xxvf_dev0.conf" })).toEqual([]);
  });
});
