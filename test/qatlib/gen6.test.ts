import { describe, expect, it } from "vitest";
import { view } from "../../src/config/view.ts";
import { lint } from "../../src/lint/lint.ts";
import { vfConfig } from "../../src/linted-edits.ts";
import { allocate } from "../../src/model/allocator.ts";
import { findFamily } from "../../src/model/devices.ts";
import { deviceConfig } from "../../src/model/instances.ts";
import { parse } from "../../src/syntax/parse.ts";

const PF_FILE = "[GENERAL]\nServicesEnabled = sym;asym;dc\n\n[KERNEL]\nNumberCyInstances = 0\nNumberDcInstances = 0\n";

describe("a 6xxx _devN.conf, which no driver reads", () => {
  it("gets one unknown-device warning saying the in-tree driver runs the device, and no ring modelling", () => {
    const { diagnostics } = lint(PF_FILE, { fileName: "/etc/6xxx_dev0.conf" });
    const device = diagnostics.filter((d) => d.ruleId === "unknown-device");
    expect(device).toHaveLength(1);
    expect(device[0]?.severity).toBe("warning");
    expect(device[0]?.message).toMatch(
      /^no out-of-tree package drives the Intel QAT 6xxx: only the kernel's in-tree driver does, and it reads no <device>_devN.conf/,
    );
    expect(device[0]?.hint).toContain("/etc/sysconfig/qat");
    // No driver rule runs: the out-of-tree ones would refuse sym;asym;dc and ask for ConfigVersion.
    expect(diagnostics.map((d) => d.ruleId)).toEqual(["unknown-device"]);
    // Syntax still does.
    expect(lint("[GENERAL\n", { fileName: "6xxx_dev0.conf" }).diagnostics.map((d) => d.ruleId)).toContain("syntax");
  });

  it("says the same for --device 6xxx and for a 6xxx VF file", () => {
    for (const options of [{ device: "6xxx" }, { fileName: "6xxxvf_dev0.conf" }]) {
      const found = lint(PF_FILE, options).diagnostics.filter((d) => d.ruleId === "unknown-device");
      expect(found[0]?.message, JSON.stringify(options)).toContain("only the kernel's in-tree driver does");
    }
  });

  it("keeps the unknown-device message for names qatconf does not know", () => {
    const [d] = lint(PF_FILE, { fileName: "7xxx_dev0.conf" }).diagnostics.filter((x) => x.ruleId === "unknown-device");
    expect(d?.message).toContain("the device family cannot be told from the name");
  });

  it("vf-config refuses a 6xxx VF file and points to vf-plan for qatlib guests", () => {
    const result = vfConfig({ device: "6xxx" });
    expect(result.refusal?.message).toBe(
      "no out-of-tree package drives the Intel QAT 6xxx, so no guest driver reads a 6xxxvf_dev0.conf",
    );
    expect(result.refusal?.hint).toContain("vf-plan --guest-stack qatlib");
  });

  it("is not modelled by the allocator, which says why (set prints it as its note)", () => {
    const family = findFamily("6xxx");
    if (!family) throw new Error("no 6xxx family");
    const result = allocate(deviceConfig(view(parse(PF_FILE)), family, false, {}));
    expect(result.modelled).toBe(false);
    expect(result.note).toContain("no out-of-tree package drives the Intel QAT 6xxx");
  });
});
