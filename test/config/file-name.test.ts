import { describe, expect, it } from "vitest";
import { parseFileName } from "../../src/index.ts";

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
    "c6xx_dev0.conf.bak",
    "",
    "-adi_dev0.conf",
    "4xxx_template.conf",
  ])("%s does not follow the driver's naming", (name) => {
    expect(parseFileName(name)).toBeUndefined();
  });
});
