import { describe, expect, it } from "vitest";
import { general, kernelSection, userSection } from "../model/helpers.ts";
import { findings } from "./findings.ts";

const RULE = "vf-kernel-instances";
const VF = { fileName: "c6xxvf_dev0.conf.vm" };

describe("vf-kernel-instances", () => {
  it("is silent on a VF file without kernel instances, and on PF files", () => {
    expect(findings(RULE, general("cy;dc") + kernelSection(0, 0) + userSection("SSL", 2, 2, 1), VF)).toEqual([]);
    expect(findings(RULE, general("cy;dc") + kernelSection(2, 0) + userSection("SSL", 2, 2, 1))).toEqual([]);
  });

  it("warns on kernel counts of a VF file that also has user instances, saying how many banks they take", () => {
    const ds = findings(RULE, general("cy;dc") + kernelSection(1, 1) + userSection("SSL", 1, 0, 1), VF);
    expect(ds.map((d) => d.range.start.line)).toEqual([5, 6]);
    // The banks they take (1 of the VF's 1): specs/vf-kernel-instances/invalid.
    expect(ds[0]?.severity).toBe("warning");
  });

  it("counts the banks of a QAT 2.0 VF, where kernel instances take only the banks they sit in", () => {
    const ds = findings(RULE, general("asym;sym") + kernelSection(1, 0) + userSection("SSL", 1, 0, 1), {
      fileName: "4xxxvf_dev0.conf",
    });
    // "they take 2 of the VF's 4 banks": specs/vf-kernel-instances/invalid-4xxxvf.
    expect(ds).toMatchObject([{ severity: "warning", range: { start: { line: 5 } } }]);
  });

  // Intel's package ships kernel-mode guest files (`c6xxvf_dev0.conf.vm.km`, `4xxxvf_dev0.conf.vm.km`):
  // kernel instances in [KERNEL_QAT], a user section creating none. They load; nothing is starved.
  it("is silent on a kernel-only VF file, even with leftover user instance keys", () => {
    const leftover =
      '[SSL]\nNumberCyInstances = 0\nNumberDcInstances = 0\nNumProcesses = 1\nCy0Name = "SSL0"\nCy0IsPolled = 1\n';
    const qat17 = general("cy;dc") + kernelSection(0, 0) + kernelSection(1, 1, 1, "KERNEL_QAT") + leftover;
    expect(findings(RULE, qat17, VF)).toEqual([]);
    const qat20 = general("dc") + kernelSection(0, 0) + kernelSection(0, 2, 0, "KERNEL_QAT") + leftover;
    expect(findings(RULE, qat20, { fileName: "4xxxvf_dev0.conf.vm" })).toEqual([]);
  });

  it("counts only the user instances the driver creates: a section without process copies has none", () => {
    const noCopies = general("cy;dc") + kernelSection(1, 0) + userSection("SSL", 2, 0, 0);
    expect(findings(RULE, noCopies, VF)).toEqual([]);
    const copies = general("cy;dc") + kernelSection(1, 0) + userSection("SSL", 2, 0, 2);
    expect(findings(RULE, copies, VF)).toHaveLength(1);
  });
});
