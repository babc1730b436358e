import { describe, expect, it } from "vitest";
import { deviceName, familyByPciId, familyForFileName, findFamily } from "../../src/model/devices.ts";

describe("device families: the names the driver package installs", () => {
  it.each([
    ["c6xx_dev1.conf", "c6xx", false],
    ["c3xxxvf_dev0.conf.vm", "c3xxx", true],
    ["4xxxvf_dev0.conf", "4xxx", true],
    ["d15xxvf_dev0.conf.vm", "d15xx", true],
    ["c4xxxvf_dev0.conf.vm", "c4xxx", true],
    ["c6xxpf_dev0.conf", "c6xx", false],
    ["/etc/vqat-adi_dev0.conf", "vqat-adi", false],
  ])("%s is a %s %s file", (name, id, isVf) => {
    const found = familyForFileName(name);
    expect(found?.family.id).toBe(id);
    expect(found?.isVf).toBe(isVf);
  });

  it("knows the vQAT ADI as adf_vqat_hw_data.h describes it: one bank of one ring pair, its own device name", () => {
    const adi = findFamily("vqat-adi");
    expect(adi?.pf).toEqual({ banks: 1, ringsPerBank: 2 });
    expect(adi?.vf).toBeUndefined();
    expect(adi?.servicesEnabled).toEqual(["sym", "asym", "dc"]);
    expect(familyByPciId("8086:0da5")).toEqual({ family: adi, isVf: false });
    if (adi) expect(deviceName(adi, false)).toBe("vqat-adi");
  });

  it("names 401xx and 402xx functions as the 4xxx driver does, every other family by its own id", () => {
    const name = (id: string, isVf: boolean): string | undefined => {
      const family = findFamily(id);
      return family && deviceName(family, isVf);
    };
    expect(name("401xx", true)).toBe("4xxxvf");
    expect(name("402xx", false)).toBe("4xxx");
    expect(name("420xx", false)).toBe("420xx");
    expect(name("c6xx", true)).toBe("c6xxvf");
  });
});
