import { describe, expect, it } from "vitest";
import {
  addInstances,
  applyEdits,
  enableSriov,
  format,
  removeInstances,
  setValues,
  vfConfig,
} from "../../src/index.ts";

describe("the package root", () => {
  it("exports the editors as pure functions from text to text, edits and refusal", () => {
    const text = "[GENERAL]\nServicesEnabled = cy\nConfigVersion = 2\n";
    const r = setValues(text, [{ section: "GENERAL", key: "ConfigVersion", value: "2 " }]);
    expect(r.refusal).toBeUndefined();
    expect(applyEdits(text, r.edits).text).toBe(r.text);
    for (const editor of [addInstances, removeInstances, setValues, enableSriov, vfConfig, format]) {
      expect(typeof editor).toBe("function");
    }
    expect(vfConfig({ device: "c6xx" }).text).toContain("NumberCyInstances = 2");
  });
});
