import { describe, expect, it } from "vitest";
import * as qatconf from "../../src/index.ts";

describe("the package root", () => {
  it("exports the editors as pure functions from text to text, edits and refusal", () => {
    const text = "[GENERAL]\nServicesEnabled = cy\nConfigVersion = 2\n";
    const r = qatconf.setValues(text, [{ section: "GENERAL", key: "ConfigVersion", value: "2 " }]);
    expect(r.refusal).toBeUndefined();
    expect(qatconf.applyEdits(text, r.edits).text).toBe(r.text);
    for (const name of ["addInstances", "removeInstances", "setValues", "enableSriov", "vfConfig", "format"] as const) {
      expect(typeof qatconf[name], name).toBe("function");
    }
    expect(qatconf.vfConfig({ device: "c6xx" }).text).toContain("NumberCyInstances = 2");
  });
});
