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
    expect(ds).toHaveLength(1);
    expect(ds[0]?.message).toContain("in process SSL_INT_1");
    expect(ds[0]?.hint).toContain("has 1 bank of 2 rings");
  });

  it("names the instance, the process and the VF's budget, on the instance's Name line", () => {
    const text = general("cy;dc") + userSection("SSL", 3, 0, 1);
    const ds = findings(RULE, text, { fileName: "c6xxvf_dev0.conf" });
    expect(ds).toHaveLength(1);
    const d = ds[0];
    expect(d?.severity).toBe("error");
    expect(d?.message).toBe(
      'Cy2 ("SSLCY2") in [SSL] gets no crypto (asym + sym) rings in process SSL_INT_0: the driver stops with "Don\'t have enough rings for instance SSLCY2 in process SSL_INT_0"',
    );
    expect(d?.hint).toContain(
      "A c6xx VF has 1 bank of 16 rings: with its PF's ServicesEnabled = cy;dc (assumed, as in Intel's SR-IOV host PF file; give --pf-services or lint the PF file with it) that is 2 crypto (asym + sym) slots, and the file asks for 3.",
    );
    expect(text.split("\n")[(d?.range.start.line ?? 0) - 1]).toBe('Cy2Name = "SSLCY2"');
  });

  it("reports a PF that runs out once per instance, counting the processes it fails in", () => {
    const text = general("cy") + userSection("SSL", 1, 0, 80);
    const ds = findings(RULE, text);
    expect(ds).toHaveLength(1);
    expect(ds[0]?.message).toContain("in 16 of 80 processes (first: SSL_INT_64)");
  });

  it("explains a shortfall that comes from the sharing rules, not from the count", () => {
    const text = general("cy") + userSection("SSL", 1, 0, 2, 2);
    const ds = findings(RULE, text, { fileName: "c6xxvf_dev0.conf" });
    expect(ds[0]?.hint).toContain("epoll banks serve one process each");
  });

  it("checks QAT 2.0 banks: one more process than Intel's 4 Cy x 8 fails", () => {
    expect(findings(RULE, general("asym;sym") + userSection("SHIM", 4, 0, 8), { fileName: "4xxx_dev0.conf" })).toEqual(
      [],
    );
    const ds = findings(RULE, general("asym;sym") + userSection("SHIM", 4, 0, 9), { fileName: "4xxx_dev0.conf" });
    expect(ds.map((d) => d.message.split(":")[0])).toEqual([
      'Cy0 ("SHIMCY0") in [SHIM] gets no sym rings in process SHIM_INT_8',
      'Cy1 ("SHIMCY1") in [SHIM] gets no sym rings in process SHIM_INT_8',
      'Cy2 ("SHIMCY2") in [SHIM] gets no sym rings in process SHIM_INT_8',
      'Cy3 ("SHIMCY3") in [SHIM] gets no sym rings in process SHIM_INT_8',
    ]);
  });

  it("leaves kernel instances that starve a VF's user processes to the user instances' findings", () => {
    const text = general("cy;dc") + kernelSection(1, 0) + userSection("SSL", 1, 0, 1);
    const ds = findings(RULE, text, { fileName: "c6xxvf_dev0.conf" });
    expect(ds.map((d) => d.message.split(" gets")[0])).toEqual(['Cy0 ("SSLCY0") in [SSL]']);
  });

  it("says nothing without a device, or for QAT 1.5", () => {
    const text = general("cy") + userSection("SSL", 64, 0, 64);
    expect(findings(RULE, text, {})).toEqual([]);
    expect(
      findings(RULE, general("cy0;cy1") + userSection("SSL", 64, 0, 64), { fileName: "dh89xxcc_dev0.conf" }),
    ).toEqual([]);
  });
});
