import { describe, expect, it } from "vitest";
import { general, kernelSection, userSection } from "../model/helpers.ts";
import { findings, GOOD } from "./findings.ts";

const RULE = "ring-budget";

describe("ring-budget", () => {
  it("is silent on a file that fits", () => {
    expect(findings(RULE, GOOD)).toEqual([]);
    expect(findings(RULE, general("cy;dc") + userSection("SSL", 2, 2, 1), { fileName: "c6xxvf_dev0.conf" })).toEqual(
      [],
    );
  });

  it("reads a vqat-adi file as the guest's ADI: one ring pair", () => {
    const adi = { fileName: "/etc/vqat-adi_dev0.conf" };
    expect(findings(RULE, general("asym") + kernelSection(0, 0) + userSection("SSL", 1, 0, 1), adi)).toEqual([]);
    const ds = findings(RULE, general("asym") + userSection("SSL", 1, 0, 2), adi);
    // The second process (SSL_INT_1) and the ADI's 1 bank of 2 rings: specs/ring-budget/invalid-adi.
    expect(ds).toMatchObject([{ severity: "error", range: { start: { line: 9 } } }]);
  });

  it("names the instance, the process and the VF's budget, on the instance's Name line", () => {
    const text = general("cy;dc") + userSection("SSL", 3, 0, 1);
    const ds = findings(RULE, text, { fileName: "c6xxvf_dev0.conf" });
    expect(ds).toHaveLength(1);
    const d = ds[0];
    // The driver's words, the VF's budget and the PF value assumed: specs/ring-budget/invalid-vf.
    expect(d?.severity).toBe("error");
    expect(text.split("\n")[(d?.range.start.line ?? 0) - 1]).toBe('Cy2Name = "SSLCY2"');
  });

  it("reports a PF that runs out once per instance, counting the processes it fails in", () => {
    const text = general("cy") + userSection("SSL", 1, 0, 80);
    const ds = findings(RULE, text);
    // "in 16 of 80 processes (first: SSL_INT_64)": specs/ring-budget/invalid-pf-processes.
    expect(ds).toMatchObject([{ severity: "error", range: { start: { line: 9 } } }]);
  });

  it("explains a shortfall that comes from the sharing rules, not from the count", () => {
    const text = general("cy") + userSection("SSL", 1, 0, 2, 2);
    const ds = findings(RULE, text, { fileName: "c6xxvf_dev0.conf" });
    // The hint on the sharing rules: specs/ring-budget/invalid-epoll.
    expect(ds).toMatchObject([{ severity: "error", range: { start: { line: 9 } } }]);
  });

  it("checks QAT 2.0 banks: one more process than Intel's 4 Cy x 8 fails", () => {
    expect(findings(RULE, general("asym;sym") + userSection("SHIM", 4, 0, 8), { fileName: "4xxx_dev0.conf" })).toEqual(
      [],
    );
    const ds = findings(RULE, general("asym;sym") + userSection("SHIM", 4, 0, 9), { fileName: "4xxx_dev0.conf" });
    // Each Cy on its Name line, in process SHIM_INT_8: specs/ring-budget/invalid-4xxx.
    expect(ds.map((d) => d.range.start.line)).toEqual([9, 12, 15, 18]);
  });

  it("leaves kernel instances that starve a VF's user processes to the user instances' findings", () => {
    const text = general("cy;dc") + kernelSection(1, 0) + userSection("SSL", 1, 0, 1);
    const ds = findings(RULE, text, { fileName: "c6xxvf_dev0.conf" });
    const line = (n: number) => text.split("\n")[n - 1];
    expect(ds.map((d) => line(d.range.start.line))).toEqual(['Cy0Name = "SSLCY0"']);
    expect(ds[0]?.range.start.line).toBeGreaterThan(text.split("\n").indexOf("[SSL]") + 1);
  });

  it("says nothing without a device, or for QAT 1.5", () => {
    const text = general("cy") + userSection("SSL", 64, 0, 64);
    expect(findings(RULE, text, {})).toEqual([]);
    expect(
      findings(RULE, general("cy0;cy1") + userSection("SSL", 64, 0, 64), { fileName: "dh89xxcc_dev0.conf" }),
    ).toEqual([]);
  });
});
