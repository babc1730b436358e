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
  ])("%s", (name, expected) => {
    expect(parseFileName(name)).toEqual(expected);
  });

  it.each(["qat.conf", "c6xx_dev.conf", "c6xx_dev0.ini", "/etc/c6xx_dev0.conf/", "c6xx_dev0.conf.bak", ""])(
    "%s does not follow the driver's naming",
    (name) => {
      expect(parseFileName(name)).toBeUndefined();
    },
  );
});
