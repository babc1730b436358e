import { describe, expect, it } from "vitest";
import { general, kernelSection, userSection } from "../model/helpers.ts";
import { findings } from "./findings.ts";

const RULE = "vf-kernel-instances";
const VF = { fileName: "c6xxvf_dev0.conf.vm" };

describe("vf-kernel-instances", () => {
  it("is silent on a VF file without kernel instances, and on PF files", () => {
    expect(findings(RULE, general("cy;dc") + kernelSection(0, 0) + userSection("SSL", 2, 2, 1), VF)).toEqual([]);
    expect(findings(RULE, general("cy;dc") + kernelSection(2, 0))).toEqual([]);
  });

  it("warns on kernel counts of a VF file, saying how many banks they take", () => {
    const ds = findings(RULE, general("cy;dc") + kernelSection(1, 1), VF);
    expect(ds.map((d) => d.range.start.line)).toEqual([5, 6]);
    expect(ds[0]?.severity).toBe("warning");
    expect(ds[0]?.message).toBe(
      "[KERNEL] declares kernel instances (NumberCyInstances = 1) in a VF file: they take 1 of the VF's 1 bank, and user poll-mode instances only use banks after the kernel's",
    );
  });

  it("counts the banks of a QAT 2.0 VF", () => {
    const ds = findings(RULE, general("asym;sym") + kernelSection(1, 0), { fileName: "4xxxvf_dev0.conf" });
    expect(ds[0]?.message).toContain("they take 2 of the VF's 4 banks");
  });
});
