import { describe, expect, it } from "vitest";
import { Inventory } from "../../src/host/inventory.ts";
import { parseGroups, parseModules } from "../../src/host/snapshot.ts";
import { freeVfs, planVfs } from "../../src/host/vf-plan.ts";
import type { FakeHost } from "./fake-host.ts";
import { GID, inTreeQat1Host, PF4, procModules, qatlib6xxxHost, qatlibGuest, qatlibHost } from "./intree-layouts.ts";
import { BOOT, PF } from "./layouts.ts";
import { doctorOf, findings, problems, snapshotOf } from "./run.ts";

/** A variant of a layout. */
function withChange(host: FakeHost, change: (h: FakeHost) => void): FakeHost {
  const copy = structuredClone(host);
  change(copy);
  return copy;
}

describe("the snapshot's view of the driver stack", () => {
  it("reads /proc/modules with the out-of-tree flag, and /etc/group", () => {
    expect(
      parseModules(
        "usdm_drv 61440 0 - Live 0x0 (O)\nintel_qat 352256 2 usdm_drv, Live 0x0 (OE)\nqat_4xxx 1 0 - Live 0x0\n",
      ),
    ).toEqual([
      { name: "usdm_drv", state: "Live", outOfTree: true },
      { name: "intel_qat", state: "Live", outOfTree: true },
      { name: "qat_4xxx", state: "Live", outOfTree: false },
    ]);
    expect(parseGroups("qat:x:983:alice,bob\nbroken\n")).toEqual([
      { name: "qat", gid: 983, members: ["alice", "bob"] },
    ]);
  });

  it("reads what qatlib needs from the tree", async () => {
    const host = await snapshotOf(qatlibHost());
    expect(host.qatlib).toMatchObject({ enabled: true, sysconfig: { path: "/etc/sysconfig/qat" } });
    expect(host.qatlib?.unit?.path).toBe("/usr/lib/systemd/system/qat.service");
    expect(host.vfioNodes?.[0]).toEqual({ name: "200", gid: GID, mode: 0o660 });
    expect(host.firmware).toContain("qat_4xxx.bin.xz");
    expect(host.pci.find((f) => f.address === PF4)).toMatchObject({ qatState: "up", cfgServices: "sym;asym" });
  });
});

describe("doctor on an in-tree QAT 1.x host with SR-IOV", () => {
  it("says the in-tree driver runs it, asks for no /etc file and reports the one there as stale", async () => {
    const all = await doctorOf(inTreeQat1Host());
    expect(findings(all, "driver-stack", "info")[0]?.message).toContain(
      "c6xx PF 0000:3d:00.0 is driven by the kernel's in-tree module qat_c62x",
    );
    const config = findings(all, "config-file");
    expect(config.map((d) => [d.severity, d.message.split(":")[0]])).toEqual([
      ["info", "c6xx PF 0000"],
      ["warning", "/etc/c6xx_dev0.conf is stale"],
    ]);
    expect(all.some((d) => d.message.includes("has no /etc/c6xx_dev0.conf"))).toBe(false);
    expect(problems(all).map((d) => d.ruleId)).toEqual(["config-file"]);
  });

  it("gives the in-tree command, not adf_ctl, to enable VFs", async () => {
    const host = withChange(inTreeQat1Host(), (h) => {
      h.functions = h.functions.filter((f) => f.address === PF).map((f) => ({ ...f, numVfs: 0 }));
    });
    const [d] = findings(await doctorOf(host), "sriov");
    expect(d?.hint).toContain("echo 16 > /sys/bus/pci/devices/0000:3d:00.0/sriov_numvfs");
    expect(d?.hint).not.toContain("adf_ctl");
  });
});

describe("doctor on a healthy qatlib host", () => {
  it("finds nothing wrong", async () => {
    const all = await doctorOf(qatlibHost());
    expect(problems(all)).toEqual([]);
    expect(findings(all, "intree-device", "info")[0]?.message).toContain("runs sym;asym");
  });

  it("finds nothing wrong with the VFs on qat_vfio_pci, vfio-pci's variant for GEN4", async () => {
    const host = withChange(qatlibHost(), (h) => {
      for (const f of h.functions) if (f.driver === "vfio-pci") f.driver = "qat_vfio_pci";
    });
    expect(problems(await doctorOf(host))).toEqual([]);
  });

  it("gives no VF of qatlib's to vf-plan", async () => {
    const snapshot = await snapshotOf(qatlibHost());
    const { free, excluded } = freeVfs(new Inventory(snapshot));
    expect(free).toEqual([]);
    expect(excluded[0]?.reason).toContain("used by qatlib on this host");
    expect(planVfs(snapshot, [{ guest: "vm1", count: 1 }]).ok).toBe(false);
  });

  it("counts VFs on qat_vfio_pci, or whose /dev/vfio node is qatlib's with the service off, as qatlib's", async () => {
    const onVariant = withChange(qatlibHost(), (h) => {
      for (const f of h.functions) if (f.driver === "vfio-pci") f.driver = "qat_vfio_pci";
    });
    expect(freeVfs(new Inventory(await snapshotOf(onVariant))).free).toEqual([]);
    const serviceOff = withChange(qatlibHost(), (h) => {
      delete h.files?.["etc/systemd/system/multi-user.target.wants/qat.service"];
    });
    expect(freeVfs(new Inventory(await snapshotOf(serviceOff))).free).toEqual([]);
    // Neither the service nor the group: the VFs are the guests' again.
    const notQatlibs = withChange(serviceOff, (h) => {
      h.files = { ...h.files, "etc/group": `qat:x:${GID + 1}:\n` };
    });
    expect(freeVfs(new Inventory(await snapshotOf(notQatlibs))).free).toHaveLength(16);
  });
});

describe("doctor on qatlib's mistakes", () => {
  const expectProblem = async (host: FakeHost, check: string, text: string): Promise<void> => {
    const found = problems(await doctorOf(host)).filter((d) => d.ruleId === check);
    expect(found.map((d) => d.message).join("\n")).toContain(text);
  };

  it("the qat group missing", () =>
    expectProblem(
      withChange(qatlibHost(), (h) => {
        h.files = { ...h.files, "etc/group": "root:x:0:\n" };
      }),
      "qatlib-service",
      "the group 'qat' does not exist",
    ));

  it("qat.service not enabled: settings lost at reboot", () =>
    expectProblem(
      withChange(qatlibHost(), (h) => {
        delete h.files?.["etc/systemd/system/multi-user.target.wants/qat.service"];
      }),
      "qatlib-service",
      "qat.service is not enabled",
    ));

  it("a /dev/vfio node of another group, or not group-writable", async () => {
    await expectProblem(
      withChange(qatlibHost(), (h) => {
        h.files = { ...h.files, "etc/group": `qat:x:${GID + 1}:\n` };
      }),
      "vfio-access",
      "16 VFs of 4xxx PF 0000:6b:00.0 (first: /dev/vfio/200): the /dev/vfio node is not in group qat",
    );
    await expectProblem(
      withChange(qatlibHost(), (h) => {
        h.modes = Object.fromEntries(Object.keys(h.modes ?? {}).map((k) => [k, 0o600]));
      }),
      "vfio-access",
      "not group read-write",
    );
  });

  it("memlock below 16 MB per VF of a process", async () => {
    const host = withChange(qatlibHost(), (h) => {
      delete h.files?.["etc/security/limits.d/qat.conf"];
    });
    await expectProblem(
      host,
      "memlock",
      "a process gets 2 VFs (POLICY=2) and needs at least 32768 KB locked, but nothing sets it",
    );
  });

  it("a ServicesEnabled qat_init.sh ignores, surfaced under its rule id", () =>
    expectProblem(
      withChange(qatlibHost(), (h) => {
        h.etc = { "sysconfig/qat": "ServicesEnabled=asym;sym\n" };
      }),
      "qatlib-services-ignored",
      "qat_init.sh ignores this ServicesEnabled",
    ));

  it("a commented #ServicesEnabled that qat_init.sh's awk still applies, surfaced with what it does to the PF", async () => {
    const host = withChange(qatlibHost(), (h) => {
      h.etc = { "sysconfig/qat": "#ServicesEnabled=dc\nPOLICY=2\n" };
    });
    const all = problems(await doctorOf(host));
    expect(all.find((d) => d.ruleId === "qatlib-commented-services")?.severity).toBe("warning");
    expect(all.find((d) => d.ruleId === "qatlib-service")?.message).toContain("not the ServicesEnabled=dc");
  });

  it("POLICY=1 with the default services: each process gets crypto or compression, never both", async () => {
    const host = withChange(qatlibHost(), (h) => {
      h.etc = { "sysconfig/qat": "POLICY=1\n" };
    });
    const [d] = problems(await doctorOf(host)).filter((x) => x.ruleId === "qatlib-policy-services");
    expect(d?.severity).toBe("warning");
    expect(d?.path).toBe("/etc/sysconfig/qat");
  });

  it("VFs on an in-tree PF with the IOMMU off", async () => {
    const host = withChange(qatlibHost(), (h) => {
      h.iommuUnits = [];
      h.cmdline = BOOT;
      for (const f of h.functions) delete f.iommuGroup;
    });
    const found = problems(await doctorOf(host)).filter((d) => d.ruleId === "intree-device");
    expect(found.map((d) => d.message).join("\n")).toContain("has 16 VFs but the IOMMU is off");
  });

  it("the file's services not in force on a PF", () =>
    expectProblem(
      withChange(qatlibHost(), (h) => {
        h.etc = { "sysconfig/qat": "ServicesEnabled=dc\nPOLICY=2\n" };
      }),
      "qatlib-service",
      "runs 'sym;asym', not the ServicesEnabled=dc",
    ));

  it("a PF left down, and a PF without VFs", async () => {
    const host = withChange(qatlibHost(), (h) => {
      h.functions = h.functions.filter((f) => f.address === PF4).map((f) => ({ ...f, qatState: "down", numVfs: 0 }));
    });
    const found = problems(await doctorOf(host)).filter((d) => d.ruleId === "intree-device");
    expect(found.map((d) => d.message.split(":")[0])).toEqual(["4xxx PF 0000", "4xxx PF 0000"]);
    expect(found[0]?.message).toContain("is down");
    expect(found[1]?.message).toContain("qatlib has nothing to use");
  });

  it("a POLICY asking more VFs than qatlib has", () =>
    expectProblem(
      withChange(qatlibHost(), (h) => {
        h.etc = { "sysconfig/qat": "ServicesEnabled=sym;asym\nPOLICY=32\n" };
      }),
      "qatlib-service",
      "POLICY=32 asks 32 VFs per process, but qatlib has 16",
    ));

  it("a VF with no driver: the hint binds vfio for qatlib, as no in-tree 4xxxvf driver exists", async () => {
    const host = withChange(qatlibHost(), (h) => {
      const vf = h.functions.find((f) => f.address === "0000:6b:01.0");
      if (vf) delete vf.driver;
    });
    const [d] = problems(await doctorOf(host)).filter((x) => x.ruleId === "vf-driver");
    expect(d?.hint).toContain("systemctl restart qat");
    expect(d?.hint).not.toContain("modprobe qat_4xxxvf");
  });

  it("firmware missing", () =>
    expectProblem(
      withChange(qatlibHost(), (h) => {
        h.files = Object.fromEntries(Object.entries(h.files ?? {}).filter(([k]) => !k.startsWith("lib/firmware")));
      }),
      "firmware",
      "needs qat_4xxx.bin and qat_4xxx_mmp.bin",
    ));

  it("a driver built into the kernel: qat_init.sh waits for its module in vain and qat.service fails", async () => {
    const host = withChange(qatlibHost(), (h) => {
      h.files = { ...h.files, "proc/modules": procModules([["vfio_pci"]]) };
    });
    const [d] = problems(await doctorOf(host)).filter((x) => x.ruleId === "qatlib-service");
    expect(d?.message).toContain("none of them is in /proc/modules, so it aborts");
    expect(d?.hint).toContain("built into the kernel");
  });

  it("qatlib on a QAT 1.x host", () =>
    expectProblem(
      withChange(inTreeQat1Host(), (h) => {
        h.etc = { ...h.etc, "sysconfig/qat": "POLICY=0\n" };
      }),
      "qatlib-service",
      "it does not support QAT 1.x",
    ));
});

describe("doctor on a GEN6 (6xxx) qatlib host", () => {
  it("knows the device, its module and firmware, and accepts three services", async () => {
    const all = await doctorOf(qatlib6xxxHost());
    expect(problems(all)).toEqual([]);
    expect(findings(all, "qat-devices", "info")[0]?.message).toBe(
      "6xxx PF 0000:6b:00.0: Intel QAT 6xxx, QAT GEN6, PCI ID 8086:4948; driver 6xxx; NUMA node 0; IOMMU group 3; in-tree driver",
    );
    expect(findings(all, "driver-stack", "info")[0]?.message).toContain("kernel's in-tree module qat_6xxx");
    expect(findings(all, "intree-device", "info")[0]?.message).toContain("runs sym;asym;dc");
  });

  it("reports a /etc/6xxx_dev0.conf as stale, not linted", async () => {
    const host = withChange(qatlib6xxxHost(), (h) => {
      h.etc = { ...h.etc, "6xxx_dev0.conf": "[GENERAL]\nServicesEnabled = sym;asym;dc\n" };
    });
    const found = problems(await doctorOf(host));
    expect(found.map((d) => [d.ruleId, d.message.split(":")[0]])).toEqual([
      ["config-file", "/etc/6xxx_dev0.conf is stale"],
    ]);
  });

  it("reports the 6xxx firmware missing, and three services on a GEN4 PF", async () => {
    const noFirmware = withChange(qatlib6xxxHost(), (h) => {
      h.files = Object.fromEntries(Object.entries(h.files ?? {}).filter(([k]) => !k.startsWith("lib/firmware")));
    });
    const [fw] = problems(await doctorOf(noFirmware)).filter((d) => d.ruleId === "firmware");
    expect(fw?.message).toContain("6xxx PF 0000:6b:00.0 needs qat_6xxx.bin and qat_6xxx_mmp.bin");
    const gen4 = withChange(qatlibHost(), (h) => {
      for (const f of h.functions) if (f.address === PF4) f.cfgServices = "sym;asym;dc";
    });
    const found = problems(await doctorOf(gen4)).filter((d) => d.ruleId === "intree-device");
    expect(found.map((d) => d.message).join("\n")).toContain("GEN4 combines at most two services");
    expect(found.find((d) => d.message.includes("GEN4 combines"))?.hint).toContain(
      "in /etc/sysconfig/qat, then systemctl restart qat; by hand: echo down > /sys/bus/pci/devices/0000:6b:00.0/qat/state && echo 'sym;asym' > /sys/bus/pci/devices/0000:6b:00.0/qat/cfg_services && echo up",
    );
    // The same value in the file of a GEN4 host is an error: doctor lints it for the host's device.
    const inFile = withChange(qatlibHost(), (h) => {
      h.etc = { "sysconfig/qat": "ServicesEnabled=sym;asym;dc\nPOLICY=1\n" };
    });
    const [refused] = problems(await doctorOf(inFile)).filter((d) => d.ruleId === "qatlib-services-unsupported");
    expect(refused?.severity).toBe("error");
    expect(refused?.message).toContain("on a 4xxx PF");
  });

  it("gives its VFs to a qatlib guest only", async () => {
    const host = withChange(qatlib6xxxHost(), (h) => {
      delete h.files?.["etc/systemd/system/multi-user.target.wants/qat.service"];
      delete h.etc?.["sysconfig/qat"];
      h.files = { ...h.files, "etc/group": "root:x:0:\n" };
      delete h.files["usr/lib/systemd/system/qat.service"];
    });
    const snapshot = await snapshotOf(host);
    const plan = planVfs(snapshot, [{ guest: "vm1", count: 2 }], { guestStack: "qatlib" });
    expect(plan.ok).toBe(true);
    const outOfTree = planVfs(snapshot, [{ guest: "vm1", count: 2 }]);
    expect(outOfTree.ok).toBe(false);
    expect(outOfTree.excluded[0]?.reason).toBe(
      "no out-of-tree package drives 6xxx VFs (a guest runs qatlib on them: --guest-stack qatlib)",
    );
  });
});

describe("doctor in a qatlib guest", () => {
  it("takes VFs on vfio-pci as qatlib's, and gives qatlib's command for one with no driver", async () => {
    expect(findings(await doctorOf(qatlibGuest()), "vf-driver")).toEqual([]);
    const unbound = withChange(qatlibGuest(), (h) => {
      delete h.functions[1]?.driver;
    });
    const [d] = findings(await doctorOf(unbound), "vf-driver");
    expect(d?.message).toBe(
      "4xxxvf VF 0000:06:00.1 is not bound to vfio-pci (for qatlib) or the out-of-tree VF driver 4xxxvf in this guest (driver: none)",
    );
    expect(d?.hint).toContain("qatlib: systemctl enable --now qat");
  });

  it("finds the VFs of one host PF on one guest bus fine", async () => {
    expect(problems(await doctorOf(qatlibGuest()))).toEqual([]);
  });

  it("warns when each VF sits on a bus of its own with POLICY=0, and when two VF types share a bus", async () => {
    const ownBuses = withChange(qatlibGuest(), (h) => {
      h.etc = { "sysconfig/qat": "POLICY=0\n" };
      const second = h.functions[1];
      if (second) second.address = "0000:07:00.0";
    });
    const [lone] = findings(await doctorOf(ownBuses), "qatlib-guest-layout");
    expect(lone?.message).toContain("qatlib sees 2 PFs of one VF each");
    expect(lone?.message).toContain("the first process takes all 2 and the next finds no device");
    // qatmgr reads POLICY with strtoll: "+0" and "00" are 0 too, and no POLICY line is its default 0.
    for (const policy of ["POLICY=+0\n", "POLICY=00\n", ""]) {
      const spelt = withChange(ownBuses, (h) => {
        h.etc = { "sysconfig/qat": policy };
      });
      expect(findings(await doctorOf(spelt), "qatlib-guest-layout"), policy).toHaveLength(1);
    }
    // POLICY=2 gives each process two VFs wherever they sit.
    const policy2 = withChange(ownBuses, (h) => {
      h.etc = { "sysconfig/qat": "POLICY=2\n" };
    });
    expect(findings(await doctorOf(policy2), "qatlib-guest-layout")).toEqual([]);
    const mixed = withChange(qatlibGuest(), (h) => {
      const second = h.functions[1];
      if (second) second.device = "4947";
    });
    const [shared] = findings(await doctorOf(mixed), "qatlib-guest-layout");
    expect(shared?.message).toBe(
      "VFs of 4xxx and 420xx share guest bus 0000:06: they come from different host PFs, but qatlib takes every VF of one bus for one PF's, with one PF's services",
    );
    expect(shared?.hint).toContain("qatconf vf-plan --guest-stack qatlib");
  });

  it("names no out-of-tree VF driver for a 6xxx VF, which no package has", async () => {
    const host = withChange(qatlibGuest(), (h) => {
      for (const f of h.functions) f.device = "4949";
      delete h.functions[0]?.driver;
    });
    const [d] = findings(await doctorOf(host), "vf-driver");
    expect(d?.message).toBe(
      "6xxxvf VF 0000:06:00.0 is not bound to vfio-pci (for qatlib) in this guest (driver: none)",
    );
    expect(d?.hint).not.toContain("modprobe");
  });
});

describe("doctor on a host with both drivers installed", () => {
  it("says they fight, with the blacklist fix", async () => {
    const host = withChange(qatlibHost(), (h) => {
      h.files = {
        ...h.files,
        "proc/modules": procModules([
          ["usdm_drv", true],
          ["qat_4xxx", true],
          ["intel_qat", true],
        ]),
        "etc/init.d/qat_service": "#!/bin/sh\n",
      };
    });
    const all = await doctorOf(host);
    expect(findings(all, "driver-stack", "info")[0]?.message).toContain(
      "Intel's out-of-tree package (qat_4xxx, flagged O",
    );
    const [fight] = findings(all, "driver-stack", "error");
    expect(fight?.message).toContain("both QAT drivers are on this host");
    expect(fight?.hint).toContain("blacklist intel_qat");
  });
});
