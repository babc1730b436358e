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

  it("has the kernel's PCI IDs for GEN4 and GEN6 (include/linux/pci_ids.h, adf_accel_devices.h)", () => {
    const ids = (id: string) => {
      const f = findFamily(id);
      return f && [f.pfDeviceIds, f.vfDeviceIds, f.generation];
    };
    expect(ids("4xxx")).toEqual([["4940"], ["4941"], "2.0"]);
    expect(ids("401xx")).toEqual([["4942"], ["4943"], "2.0"]);
    expect(ids("402xx")).toEqual([["4944"], ["4945"], "2.0"]);
    expect(ids("420xx")).toEqual([["4946"], ["4947"], "2.0"]);
    expect(ids("6xxx")).toEqual([["4948"], ["4949"], "GEN6"]);
    expect(familyByPciId("0x4949")?.isVf).toBe(true);
  });

  it("marks the 6xxx as driven by the in-tree driver only, with no out-of-tree ServicesEnabled", () => {
    const gen6 = familyForFileName("/etc/6xxx_dev0.conf")?.family;
    expect(gen6?.inTreeOnly).toBe(true);
    expect(gen6?.servicesEnabled).toEqual([]);
    expect(findFamily("4xxx")?.inTreeOnly).toBeUndefined();
  });
});
