import { describe, expect, it } from "vitest";
import { deviceSettings, resolveDevice } from "../../src/model/device-options.ts";

describe("device options", () => {
  it("reads the device from --device before the file name, and VF from either", () => {
    expect(resolveDevice({ fileName: "/etc/c6xx_dev0.conf" })).toMatchObject({ family: { id: "c6xx" }, isVf: false });
    expect(resolveDevice({ fileName: "c6xxvf_dev0.conf.vm" })).toMatchObject({ family: { id: "c6xx" }, isVf: true });
    expect(resolveDevice({ fileName: "c6xx_dev0.conf", device: "4xxx" })).toMatchObject({ family: { id: "4xxx" } });
    expect(resolveDevice({ device: "c6xxvf" })).toMatchObject({ family: { id: "c6xx" }, isVf: true });
    expect(resolveDevice({ fileName: "qat.conf" })).toEqual({ isVf: false });
  });

  it("models no device for a family no out-of-tree package drives, and names it apart", () => {
    // Every entry point (lint, set rules, the language server, explain, the editors) asks this one
    // function, so none of them builds a ring model for a 6xxx file that no driver reads.
    for (const options of [{ fileName: "6xxx_dev0.conf" }, { fileName: "c6xx_dev0.conf", device: "6xxx" }]) {
      const resolved = resolveDevice(options);
      expect(resolved.family).toBeUndefined();
      expect(resolved.inTreeOnly?.id).toBe("6xxx");
    }
    expect(resolveDevice({ fileName: "6xxxvf_dev0.conf.vm" })).toMatchObject({
      isVf: true,
      inTreeOnly: { id: "6xxx" },
    });
  });

  it("models a driver package only when one has the name, and passes the PF's services on", () => {
    expect(deviceSettings({ driver: "4.24" }).driver?.id).toBe("QAT.L.4.24.0-00005");
    expect(deviceSettings({ driver: "no-such-package" })).toEqual({});
    expect(deviceSettings({ pfServicesEnabled: "dc", pfServicesSource: "c6xx_dev0.conf" })).toEqual({
      pfServicesEnabled: "dc",
      pfServicesSource: "c6xx_dev0.conf",
    });
  });
});
