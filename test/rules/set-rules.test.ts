/** The set rules: files of one folder linted together. */
import { describe, expect, it } from "vitest";
import { lintSet } from "../../src/lint/set.ts";
import { parse } from "../../src/syntax/parse.ts";
import { general, kernelSection, userSection } from "../model/helpers.ts";

/** The set findings of files given as name -> text, as `rule file:line` strings. */
function setFindings(files: Record<string, string>, rules?: Record<string, "off" | "error">): string[] {
  const inputs = Object.entries(files).map(([fileName, text]) => ({
    document: parse(text, { fileName }),
    options: { fileName, ...(rules ? { rules } : {}) },
  }));
  return lintSet(inputs).flatMap((ds, i) =>
    ds.map((d) => `${d.ruleId} ${inputs[i]?.options.fileName}:${d.range.start.line} ${d.severity}`),
  );
}

const PF = general("cy;dc") + kernelSection(0, 0);

describe("vf-files-without-sriov", () => {
  it("warns on each PF file when VF files are kept for guests and none of them enables SR-IOV", () => {
    expect(setFindings({ "/etc/c6xx_dev0.conf": PF, "/etc/c6xxvf_dev0.conf.vm": PF })).toEqual([
      "vf-files-without-sriov /etc/c6xx_dev0.conf:1 warning",
    ]);
    const sriov = PF.replace("ConfigVersion = 2", "ConfigVersion = 2\nSRIOV_Enabled = 1");
    expect(setFindings({ "/etc/c6xx_dev0.conf": sriov, "/etc/c6xxvf_dev0.conf.vm": PF })).toEqual([]);
  });

  it("treats each folder as one host's", () => {
    expect(setFindings({ "/repo/a/c6xx_dev0.conf": PF, "/repo/b/c6xxvf_dev0.conf.vm": PF })).toEqual([]);
  });
});

describe("device-numbering", () => {
  it("reports the files after a gap, per device type", () => {
    expect(setFindings({ "/etc/c6xx_dev0.conf": PF, "/etc/c6xx_dev2.conf": PF, "/etc/c3xxx_dev0.conf": PF })).toEqual([
      "device-numbering /etc/c6xx_dev2.conf:1 warning",
    ]);
    expect(setFindings({ "/etc/c6xx_dev0.conf": PF, "/etc/c6xx_dev1.conf": PF })).toEqual([]);
  });

  it("counts 401xx files as the 4xxx files they are named as, and leaves VF files out", () => {
    const gen4 = general("asym;sym") + kernelSection(0, 0);
    expect(
      setFindings({ "/etc/4xxx_dev0.conf": gen4, "/etc/4xxx_dev1.conf": gen4, "/etc/c6xxvf_dev3.conf.vm": PF }),
    ).toEqual([]);
  });
});

describe("section-across-devices", () => {
  it("warns at the end of the device file that lacks a section the others offer to every device", () => {
    const withSsl = PF + userSection("SSL", 1, 0, 4);
    const found = setFindings({ "/etc/c6xx_dev0.conf": withSsl, "/etc/c6xx_dev1.conf": PF });
    expect(found).toEqual([`section-across-devices /etc/c6xx_dev1.conf:${PF.split("\n").length - 1} warning`]);
  });

  it("is silent for a section limited to one device, and when rules turn it off", () => {
    const limited =
      PF + userSection("SSL", 1, 0, 4).replace("NumProcesses = 4", "NumProcesses = 4\nLimitDevAccess = 1");
    expect(setFindings({ "/etc/c6xx_dev0.conf": limited, "/etc/c6xx_dev1.conf": PF })).toEqual([]);
    const withSsl = PF + userSection("SSL", 1, 0, 4);
    expect(
      setFindings({ "/etc/c6xx_dev0.conf": withSsl, "/etc/c6xx_dev1.conf": PF }, { "section-across-devices": "off" }),
    ).toEqual([]);
  });

  it("honours a suppression comment in the file that would change", () => {
    const withSsl = PF + userSection("SSL", 1, 0, 4);
    const suppressed = `# qatconf-disable-file section-across-devices\n${PF}`;
    expect(setFindings({ "/etc/c6xx_dev0.conf": withSsl, "/etc/c6xx_dev1.conf": suppressed })).toEqual([]);
  });
});
