import { describe, expect, it } from "vitest";
import { isDriverFileName } from "../../src/config/file-name.ts";
import { parseFileName } from "../../src/index.ts";
import { findFamily } from "../../src/model/devices.ts";

describe("parseFileName", () => {
  it.each([
    ["/etc/c6xx_dev0.conf", { family: "c6xx", isVf: false, index: 0, forGuest: false, variant: "" }],
    ["c6xxvf_dev1.conf.vm", { family: "c6xx", isVf: true, index: 1, forGuest: true, variant: "" }],
    ["4xxx_dev3.conf", { family: "4xxx", isVf: false, index: 3, forGuest: false, variant: "" }],
    ["4xxxvf_dev12.conf", { family: "4xxx", isVf: true, index: 12, forGuest: false, variant: "" }],
    ["dh895xcc_dev0.conf", { family: "dh895xcc", isVf: false, index: 0, forGuest: false, variant: "" }],
    ["C:\\qat\\200xx_dev1.conf", { family: "200xx", isVf: false, index: 1, forGuest: false, variant: "" }],
    [
      "c2xxx_qa_dev0_single_ae.conf",
      { family: "c2xxx", isVf: false, index: 0, forGuest: false, variant: "_single_ae" },
    ],
    ["dh89xxcc_qa_dev1.conf", { family: "dh89xxcc", isVf: false, index: 1, forGuest: false, variant: "" }],
    // A QAT 2.0 Scalable IOV ADI in a guest: the device type has a dash.
    ["/etc/vqat-adi_dev1.conf", { family: "vqat-adi", isVf: false, index: 1, forGuest: false, variant: "" }],
    // Intel's package names the SR-IOV host's PF file so; its installer copies it to c6xx_dev0.conf.
    ["c6xxpf_dev0.conf", { family: "c6xx", isVf: false, index: 0, forGuest: false, variant: "" }],
    ["dh895xccPF_dev2.conf", { family: "dh895xcc", isVf: false, index: 2, forGuest: false, variant: "" }],
  ])("%s", (name, expected) => {
    expect(parseFileName(name)).toEqual(expected);
  });

  it.each([
    "qat.conf",
    "c6xx_dev.conf",
    "c6xx_dev0.ini",
    "/etc/c6xx_dev0.conf/",
    "",
    "-adi_dev0.conf",
    "4xxx_template.conf",
    "c6xx_dev0.conf.j2",
    "c6xx_dev0.conf.sample",
    "c6xx_dev0.confbak",
  ])("%s does not follow the driver's naming", (name) => {
    expect(parseFileName(name)).toBeUndefined();
  });

  // Repositories name files after the host or role first, and keep copies with a backup suffix.
  it.each([
    ["web01_c6xx_dev0.conf", { family: "c6xx", isVf: false, index: 0, forGuest: false, variant: "", prefix: "web01_" }],
    ["web01-c6xx_dev0.conf", { family: "c6xx", isVf: false, index: 0, forGuest: false, variant: "", prefix: "web01-" }],
    [
      "db.example.com_4xxxvf_dev3.conf.vm",
      { family: "4xxx", isVf: true, index: 3, forGuest: true, variant: "", prefix: "db.example.com_" },
    ],
    [
      "edge-vqat-adi_dev1.conf",
      { family: "vqat-adi", isVf: false, index: 1, forGuest: false, variant: "", prefix: "edge-" },
    ],
    [
      "role_c2xxx_qa_dev0_single_ae.conf",
      { family: "c2xxx", isVf: false, index: 0, forGuest: false, variant: "_single_ae", prefix: "role_" },
    ],
    ["c6xx_dev0.conf.orig", { family: "c6xx", isVf: false, index: 0, forGuest: false, variant: "", backup: ".orig" }],
    ["c6xxvf_dev0.conf.vm.bak", { family: "c6xx", isVf: true, index: 0, forGuest: true, variant: "", backup: ".bak" }],
    ["c6xx_dev0.conf~", { family: "c6xx", isVf: false, index: 0, forGuest: false, variant: "", backup: "~" }],
    [
      "c6xx_dev0.conf.rpmsave",
      { family: "c6xx", isVf: false, index: 0, forGuest: false, variant: "", backup: ".rpmsave" },
    ],
    [
      "c6xx_dev0.conf.dpkg-old",
      { family: "c6xx", isVf: false, index: 0, forGuest: false, variant: "", backup: ".dpkg-old" },
    ],
    ["c6xx_dev0.conf.bak.2", { family: "c6xx", isVf: false, index: 0, forGuest: false, variant: "", backup: ".bak.2" }],
    [
      "c6xx_dev0.conf.orig-20260101",
      { family: "c6xx", isVf: false, index: 0, forGuest: false, variant: "", backup: ".orig-20260101" },
    ],
  ])("%s: the device family with a prefix or a backup suffix", (name, expected) => {
    expect(parseFileName(name, (n) => findFamily(n) !== undefined)).toEqual(expected);
  });

  it("without a list of families, the family is what follows the prefix's last '_' or '.'", () => {
    expect(parseFileName("web01_c6xx_dev0.conf")?.family).toBe("c6xx");
    expect(parseFileName("web01-c6xx_dev0.conf")?.family).toBe("web01-c6xx");
    expect(parseFileName("web01-c6xx_dev0.conf", (n) => n === "c6xx")?.family).toBe("c6xx");
    expect(parseFileName("web01_dev0.conf", () => false)?.family).toBe("web01");
  });

  it("tells the driver's own names from a repository's and a backup's", () => {
    expect(isDriverFileName(parseFileName("c6xxvf_dev0.conf.vm"))).toBe(true);
    expect(isDriverFileName(parseFileName("web01_c6xx_dev0.conf"))).toBe(false);
    expect(isDriverFileName(parseFileName("c6xx_dev0.conf.orig"))).toBe(false);
    expect(isDriverFileName(parseFileName("qat.conf"))).toBe(false);
  });
});
