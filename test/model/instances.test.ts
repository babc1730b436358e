import { describe, expect, it } from "vitest";
import { parseCoreAffinity } from "../../src/model/core-affinity.ts";
import { configOf, general, kernelSection, userSection } from "./helpers.ts";

describe("deviceConfig", () => {
  it("reads services, SR-IOV and the VF layout", () => {
    const c = configOf(general("cy;dc", "SRIOV_Enabled = 1\nServicesProfile = DEFAULT\n"), "c6xxvf");
    expect(c.servicesEnabled).toBe("cy;dc");
    expect(c.ringMap).toEqual(["cy", "cy", "na", "dc"]);
    expect(c.sriovEnabled).toBe(true);
    expect(c.servicesProfile).toBe("DEFAULT");
    expect(c.layout).toEqual({ banks: 1, ringsPerBank: 16 });
    expect(c.servicesEnabledEntry?.range.start.line).toBe(2);
  });

  it("falls back to the driver's default map when ServicesEnabled is absent, and has no map for unknown values", () => {
    expect(configOf("[KERNEL]\nNumberCyInstances = 0\n", "c6xx").servicesEnabled).toBe("cy;dc");
    expect(configOf("[KERNEL]\nNumberCyInstances = 0\n", "4xxx").servicesEnabled).toBe("asym;sym");
    expect(configOf(general("cy;dc"), "4xxx").ringMap).toBeUndefined();
  });

  it("lists kernel instances first, then user copies per process, with the driver's process names", () => {
    const text = general("cy;dc") + userSection("SSL", 1, 1, 2) + kernelSection(1, 0);
    const c = configOf(text, "c6xx", "c6xx_dev3.conf");
    expect(c.instances.map((i) => `${i.processName} ${i.label} ${i.service}`)).toEqual([
      "KERNEL Cy0 cy",
      "SSL_INT_0 Cy0 cy",
      "SSL_INT_0 Dc0 dc",
      "SSL_INT_1 Cy0 cy",
      "SSL_INT_1 Dc0 dc",
    ]);
    const limited = configOf(
      general("cy") + userSection("SSL", 1, 0, 1).replace("LimitDevAccess = 0", "LimitDevAccess = 1"),
      "c6xx",
      "c6xx_dev3.conf",
    );
    expect(limited.instances[0]?.processName).toBe("SSL_DEV3_INT_0");
  });

  it("creates each Cy instance twice on QAT 2.0 asym;sym: sym first, then asym", () => {
    const c = configOf(general("asym;sym") + userSection("SHIM", 2, 0, 1), "4xxx");
    expect(c.instances.map((i) => `${i.label} ${i.service}`)).toEqual(["Cy0 sym", "Cy1 sym", "Cy0 asym", "Cy1 asym"]);
  });

  it("creates Dc before asym instances with asym;dc (the driver's CRYPTO, COMP, SYM, ASYM order)", () => {
    const c = configOf(general("asym;dc") + userSection("A", 1, 1, 1), "c6xx");
    expect(c.instances.map((i) => i.service)).toEqual(["dc", "asym"]);
  });

  it("counts a missing NumProcesses as 0 processes, and merges sections of the same name", () => {
    const c = configOf(
      `${general("cy")}[SSL]\nNumberCyInstances = 1\nCy0Name = "A"\n[SSL]\nNumProcesses = 2\nCy0Name = "B"\nCy0IsPolled = 1\n`,
      "c6xx",
    );
    expect(c.sections.map((s) => [s.name, s.processes, s.views.length])).toEqual([["SSL", 2, 2]]);
    expect(c.instances.map((i) => `${i.name} ${i.poll}`)).toEqual(["A 1", "A 1"]);
    expect(configOf(`${general("cy")}[SSL]\nNumberCyInstances = 1\n`, "c6xx").instances).toEqual([]);
  });

  it("keeps declarations past the count, uncounted, with the range of their Name", () => {
    const c = configOf(
      `${general("cy")}[SSL]\nNumberCyInstances = 1\nNumProcesses = 1\nCy2IsPolled = 1\nCy2Name = "X"\n`,
      "c6xx",
    );
    const decl = c.sections[0]?.instances.map((d) => [d.label, d.counted, d.range.start.line]);
    expect(decl).toEqual([
      ["Cy0", true, 5],
      ["Cy2", false, 8],
    ]);
  });

  it("binds copy p of a user section to CoreAffinity entry p % count", () => {
    const c = configOf(general("cy") + userSection("SSL", 1, 0, 3, 1, "4,9"), "c6xx");
    expect(c.instances.map((i) => i.core)).toEqual([4, 9, 4]);
  });

  it("ignores keys with a leading zero, which the driver never builds", () => {
    const c = configOf(`${general("cy")}[SSL]\nNumberCyInstances = 0\nNumProcesses = 1\nCy01Name = "X"\n`, "c6xx");
    expect(c.sections[0]?.instances).toEqual([]);
  });
});

describe("parseCoreAffinity", () => {
  it("reads CPU numbers and ranges as the driver does", () => {
    expect(parseCoreAffinity("0")).toEqual({ ok: true, cores: [0] });
    expect(parseCoreAffinity("0-2,8,+9")).toEqual({ ok: true, cores: [0, 1, 2, 8, 9] });
    expect(parseCoreAffinity("0-255")).toMatchObject({ ok: true });
  });

  it("refuses what the driver refuses", () => {
    for (const bad of ["", "[0-1]", "2-1", "0,", "a", "1-2-3", "0x1", "-1", "0-256"]) {
      expect(parseCoreAffinity(bad).ok, bad).toBe(false);
    }
    expect(parseCoreAffinity("0-4294967295")).toEqual({
      ok: false,
      error: "it lists more than 256 CPUs (ADF_CFG_MAX_CORE_NUM)",
    });
  });
});
