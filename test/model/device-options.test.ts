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

  it("models a driver package only when one has the name, and passes the PF's services on", () => {
    expect(deviceSettings({ driver: "4.24" }).driver?.id).toBe("QAT.L.4.24.0-00005");
    expect(deviceSettings({ driver: "no-such-package" })).toEqual({});
    expect(deviceSettings({ pfServicesEnabled: "dc", pfServicesSource: "c6xx_dev0.conf" })).toEqual({
      pfServicesEnabled: "dc",
      pfServicesSource: "c6xx_dev0.conf",
    });
  });
});
