import { describe, expect, it } from "vitest";
import { vfFileName } from "../../src/edit/vf-config.ts";
import { lint } from "../../src/lint/lint.ts";
import { vfConfig } from "../../src/linted-edits.ts";
import { allFamilies, findFamily } from "../../src/model/devices.ts";

const lines = (text: string, prefix: RegExp): string[] => text.split("\n").filter((l) => prefix.test(l));

describe("vfConfig", () => {
  it("fills a c6xx VF with cy;dc: 2 Cy and 2 Dc instances (one bank of 16 rings)", () => {
    const r = vfConfig({ device: "c6xx" });
    expect(r.refusal).toBeUndefined();
    expect(lines(r.text, /^Number|^Services/)).toEqual([
      "ServicesEnabled = cy;dc",
      "NumberCyInstances = 0",
      "NumberDcInstances = 0",
      "NumberCyInstances = 2",
      "NumberDcInstances = 2",
    ]);
    expect(lines(r.text, /^(Cy|Dc)\dName/)).toEqual([
      'Cy0Name = "UserCY0"',
      'Cy1Name = "UserCY1"',
      'Dc0Name = "UserDC0"',
      'Dc1Name = "UserDC1"',
    ]);
    expect(r.edits).toEqual([{ start: 0, end: 0, newText: r.text }]);
  });

  it("follows the PF's services, whose ring map the VF gets: cy gives 4 Cy, dc 8 Dc; processes share the VF", () => {
    const cy = vfConfig({ device: "c6xx", pfServices: "cy" }).text;
    expect(lines(cy, /^ServicesEnabled|^NumberCy/)).toEqual([
      "ServicesEnabled = cy",
      "NumberCyInstances = 0",
      "NumberCyInstances = 4",
    ]);
    expect(lines(vfConfig({ device: "c6xx", pfServices: "dc" }).text, /^NumberDc/).at(-1)).toBe(
      "NumberDcInstances = 8",
    );
    // With the PF's cy;dc (assumed when not given), a crypto instance of the VF takes a CRYPTO slot
    // of the cy;dc map: 2 fit, not 4, and no Dc instance for a VF that names no dc.
    expect(lines(vfConfig({ device: "c6xx", services: "cy" }).text, /^Number(Cy|Dc)/).slice(2)).toEqual([
      "NumberCyInstances = 2",
      "NumberDcInstances = 0",
    ]);
    const shared = vfConfig({ device: "c6xx", processes: 2 }).text;
    expect(lines(shared, /^Number(Cy|Dc)|^NumProcesses/).slice(2)).toEqual([
      "NumberCyInstances = 1",
      "NumberDcInstances = 1",
      "NumProcesses = 2",
    ]);
  });

  it("gives a QAT 2.0 VF (4 banks of one ring pair) 2 Cy instances with asym;sym", () => {
    const r = vfConfig({ device: "4xxx" });
    expect(r.refusal).toBeUndefined();
    expect(lines(r.text, /^NumberCy/).at(-1)).toBe("NumberCyInstances = 2");
    expect(r.text).not.toContain("DcIntermediateBufferSizeInKB");
  });

  it("writes a file that lints clean as the guest's VF file, for every family with modelled VFs", () => {
    for (const family of allFamilies()) {
      if (!family.vf || family.generation === "1.5" || family.inTreeOnly) continue;
      const r = vfConfig({ device: family.id });
      expect(r.refusal, family.id).toBeUndefined();
      const found = lint(r.text, { fileName: `${family.id}vf_dev0.conf` }).diagnostics;
      expect(
        found.filter((d) => d.severity !== "info"),
        family.id,
      ).toEqual([]);
    }
  });

  it("refuses more than the VF holds, naming the bank and its budget", () => {
    const r = vfConfig({ device: "c6xx", cy: 3 });
    expect(r.refusal?.kind).toBe("budget");
    expect(r.refusal?.message).toContain("the c6xx VF has 1 bank of 16 rings");
    expect(r.refusal?.message).toContain("bank 0 holds 2 of them, all taken");
    expect(r.text).toBe("");
  });

  it("refuses unknown devices with a suggestion, services the device does not take, and unmodelled VFs", () => {
    expect(vfConfig({ device: "c6x" }).refusal?.message).toContain("did you mean");
    expect(vfConfig({ device: "4xxx", services: "cy;dc" }).refusal?.message).toContain(
      "is not one the 4xxx driver accepts",
    );
    expect(vfConfig({ device: "dh89xxcc", services: "cy0" }).refusal?.message).toContain("give --cy and --dc");
  });
});

describe("vfFileName", () => {
  it("is the name the driver reads: 401xx and 402xx VFs are driven, and named, as 4xxx", () => {
    const name = (id: string) => vfFileName(findFamily(id) ?? expect.unreachable(`no family ${id}`));
    expect(name("c6xx")).toBe("c6xxvf_dev0.conf");
    expect(name("401xx")).toBe("4xxxvf_dev0.conf");
    expect(name("402xx")).toBe("4xxxvf_dev0.conf");
    expect(name("420xx")).toBe("420xxvf_dev0.conf");
  });
});
