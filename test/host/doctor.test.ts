import { describe, expect, it } from "vitest";
import { doctor, groupByPath } from "../../src/host/doctor.ts";
import { domainXml, intelCpuinfo } from "./fake-host.ts";
import {
  BOOT,
  healthyHost,
  mixedGenerationsHost,
  noIommuHost,
  PF,
  PF_PLAIN_CONF,
  PF_SRIOV_CONF,
  vfsNotEnabledHost,
  wrongDriverHost,
} from "./layouts.ts";
import { doctorOf, findings, problems, snapshotOf } from "./run.ts";

describe("doctor on a healthy host", () => {
  it("finds nothing wrong and lists the inventory", async () => {
    const all = await doctorOf(healthyHost());
    expect(problems(all)).toEqual([]);
    const inventory = findings(all, "qat-devices", "info");
    expect(inventory).toHaveLength(17);
    expect(inventory[0]?.path).toBe(`/sys/bus/pci/devices/${PF}`);
    expect(inventory[0]?.message).toContain("c6xx PF 0000:3d:00.0: Intel C62x chipset, QAT 1.7, PCI ID 8086:37c8");
    expect(inventory[1]?.message).toMatch(
      /c6xxvf VF 0000:3d:01\.0: .*VF of 0000:3d:00\.0; driver vfio-pci; NUMA node 0; IOMMU group 100; given to guest vm1/,
    );
    expect(findings(all, "iommu")[0]?.message).toBe(
      "IOMMU on (dmar0, dmar1; kernel command line: intel_iommu=on iommu=pt)",
    );
    expect(findings(all, "cpu-virtualization")[0]?.message).toContain("Intel VT-x on (CPU flag vmx)");
    expect(findings(all, "sriov")[0]?.message).toBe("c6xx PF 0000:3d:00.0 has 16 of 16 VFs enabled");
    expect(findings(all, "config-file")[0]?.message).toBe(
      "/etc/c6xx_dev0.conf configures c6xx PF 0000:3d:00.0 and is lint-clean",
    );
  });

  it("groups findings host-wide first, then devices in PCI order, then files", async () => {
    const paths = groupByPath(await doctorOf(healthyHost())).map((g) => g.path);
    expect(paths.slice(0, 2)).toEqual(["/proc/cpuinfo", "/sys/class/iommu"]);
    expect(paths).toContain(`/sys/bus/pci/devices/${PF}`);
    expect(paths.indexOf("/sys/bus/pci/devices/0000:3d:01.0")).toBeLessThan(
      paths.indexOf("/sys/bus/pci/devices/0000:3d:02.7"),
    );
    expect(paths.at(-1)).toBe("/etc/c6xx_dev0.conf");
  });
});

describe("doctor on a host without IOMMU", () => {
  it("is an error that says the command line lacks intel_iommu=on", async () => {
    const [finding, ...rest] = findings(await doctorOf(noIommuHost()), "iommu");
    expect(rest).toEqual([]);
    expect(finding?.severity).toBe("error");
    expect(finding?.message).toContain("the kernel command line lacks intel_iommu=on");
    expect(finding?.message).toContain("vfio-pci cannot give VFs to guests");
    expect(finding?.hint).toContain("add intel_iommu=on iommu=pt to GRUB_CMDLINE_LINUX");
  });

  it("blames the BIOS when dmesg shows no DMAR table", async () => {
    const host = { ...noIommuHost(), cmdline: `${BOOT} intel_iommu=on` };
    const dmesg =
      "[    0.000000] Linux version 6.1.0-18-amd64\n[    0.010000] ACPI: FACP 0x000000006F3F8000 000114 (v06 INTEL)\n";
    const [finding] = findings(await doctorOf(host, { dmesg }), "iommu");
    expect(finding?.message).toMatch(/shows no ACPI DMAR table: Intel VT-d is off in the BIOS/);
    expect(finding?.message).not.toContain("lacks intel_iommu=on");
    expect(finding?.hint).toMatch(/^enable Intel VT-d in the BIOS setup/);
  });

  it("names intel_iommu=off when the command line turns it off", async () => {
    const host = { ...noIommuHost(), cmdline: `${BOOT} intel_iommu=off` };
    const [finding] = findings(await doctorOf(host), "iommu");
    expect(finding?.message).toContain("the kernel command line sets intel_iommu=off");
    expect(finding?.hint).toContain("remove intel_iommu=off");
  });

  it("is only a note when nothing is meant for guests", async () => {
    const host = noIommuHost();
    host.functions = host.functions
      .filter((f) => f.physfn === undefined)
      .map((f) => (f.totalVfs === undefined ? f : { ...f, numVfs: 0 }));
    host.etc = { "c6xx_dev0.conf": PF_PLAIN_CONF };
    host.domains = {};
    const [finding] = findings(await doctorOf(host), "iommu");
    expect(finding?.severity).toBe("info");
    expect(finding?.message).toContain("needed only to give VFs to guests");
  });
});

describe("doctor on a host whose VFs are not enabled", () => {
  it("reports the PF without VFs, the file that asks for them, and the guest that needs one", async () => {
    const all = await doctorOf(vfsNotEnabledHost());
    expect(findings(all, "sriov")[0]).toMatchObject({
      severity: "info",
      message: "c6xx PF 0000:3d:00.0 can expose 16 VFs; none is enabled",
    });
    expect(findings(all, "sriov")[0]?.hint).toContain(`echo 16 > /sys/bus/pci/devices/${PF}/sriov_numvfs`);
    const [config] = findings(all, "sriov-config");
    expect(config).toMatchObject({ path: "/etc/c6xx_dev0.conf", severity: "warning" });
    expect(config?.range.start.line).toBe(8);
    expect(config?.message).toContain("SRIOV_Enabled = 1 but c6xx PF 0000:3d:00.0 has no VFs");
    const [hostdev] = findings(all, "hostdev-target");
    expect(hostdev).toMatchObject({ path: "/etc/libvirt/qemu/vm1.xml", severity: "error" });
    expect(hostdev?.range.start.line).toBe(14);
    expect(hostdev?.message).toContain("guest vm1 is given 0000:3d:01.0, which does not exist");
  });

  it("warns when VFs exist but the file does not enable SR-IOV", async () => {
    const host = healthyHost();
    host.etc = { "c6xx_dev0.conf": PF_PLAIN_CONF };
    const [finding] = findings(await doctorOf(host), "sriov-config");
    expect(finding?.message).toContain("has 16 VFs but this file does not set SRIOV_Enabled = 1");
    expect(finding?.range.start.line).toBe(1);
  });
});

describe("doctor on a host whose VFs are bound to the wrong drivers", () => {
  it("reports each VF's binding problem", async () => {
    const all = await doctorOf(wrongDriverHost());
    const byVf = findings(all, "vf-driver").map((d) => [d.path.slice(-7), d.severity, d.message]);
    expect(byVf).toEqual([
      ["3d:01.1", "warning", "c6xxvf VF 0000:3d:01.1 has no driver: neither the host nor a guest can use it"],
      [
        "3d:01.2",
        "warning",
        "c6xxvf VF 0000:3d:01.2 is bound to ixgbevf: neither vfio-pci (for a guest) nor the QAT VF driver c6xxvf (for the host)",
      ],
    ]);
    expect(findings(all, "vf-driver")[0]?.hint).toContain(
      "echo vfio-pci > /sys/bus/pci/devices/0000:3d:01.1/driver_override && echo 0000:3d:01.1 > /sys/bus/pci/drivers_probe",
    );
  });

  it("reports the VF the host uses that a guest also claims", async () => {
    const [finding] = findings(await doctorOf(wrongDriverHost()), "vf-double-use");
    expect(finding?.severity).toBe("error");
    expect(finding?.path).toBe("/sys/bus/pci/devices/0000:3d:01.0");
    expect(finding?.message).toContain(
      "is used by the host (driver c6xxvf, /etc/c6xxvf_dev0.conf) and given to guest vm1",
    );
    expect(finding?.message).toContain("/etc/libvirt/qemu/vm1.xml:14");
  });

  it("asks for the host VF's configuration file", async () => {
    const [finding] = findings(await doctorOf(wrongDriverHost()), "config-file", "warning");
    expect(finding?.message).toBe(
      "c6xxvf VF 0000:3d:01.0 has no /etc/c6xxvf_dev0.conf: adf_ctl reads that file to start it (the in-tree kernel driver reads none)",
    );
  });

  it("reports vfio-pci's denylist for the c6xx VFs meant for guests", async () => {
    const [finding] = findings(await doctorOf(wrongDriverHost()), "vfio-denylist");
    expect(finding?.severity).toBe("error");
    // 01.0 is named by vm1 and 01.1 waits unbound: vfio-pci will refuse both.
    expect(finding?.message).toMatch(
      /^2 QAT functions meant for guests \(0000:3d:01\.0, 0000:3d:01\.1\) are on vfio-pci's device denylist, and vfio-pci is loaded with disable_denylist=N/,
    );
    expect(finding?.hint).toContain("options vfio-pci disable_denylist=1");
  });

  it("stays quiet about the denylist once disable_denylist=1 is on the command line", async () => {
    const host = { ...wrongDriverHost(), cmdline: `${BOOT} intel_iommu=on vfio_pci.disable_denylist=1` };
    delete host.vfioDisableDenylist;
    expect(findings(await doctorOf(host), "vfio-denylist")).toEqual([]);
  });
});

describe("doctor on a host with two generations", () => {
  it("knows both families, their drivers and which one reads /etc", async () => {
    const all = await doctorOf(mixedGenerationsHost());
    const inventory = findings(all, "qat-devices").map((d) => d.message.split(":")[0]);
    expect(inventory).toEqual([
      "c6xx PF 0000",
      "c6xxvf VF 0000",
      "c6xxvf VF 0000",
      "4xxx PF 0000",
      "4xxxvf VF 0000",
      "4xxxvf VF 0000",
    ]);
    expect(findings(all, "qat-devices")[3]?.message).toContain(
      "Intel QAT 4xxx (4th Gen Xeon Scalable), QAT 2.0, PCI ID 8086:4940",
    );
    expect(findings(all, "config-file").map((d) => d.message)).toEqual([
      "c6xx PF 0000:6b:00.0 is driven by the in-tree kernel driver, which reads no /etc file (its services: /sys/bus/pci/devices/0000:6b:00.0/qat/cfg_services)".replace(
        "c6xx",
        "4xxx",
      ),
      "/etc/c6xx_dev0.conf configures c6xx PF 0000:3d:00.0 and is lint-clean",
    ]);
    expect(problems(all)).toEqual([]);
  });

  it("expects 4xxx_devN.conf for a 401xx PF run by the out-of-tree driver", async () => {
    const host = mixedGenerationsHost();
    host.functions = host.functions.map((f) => (f.device === "4940" ? { ...f, device: "4942", inTree: false } : f));
    const missing = findings(await doctorOf(host), "config-file", "warning");
    expect(missing.map((d) => d.message)).toEqual([
      "4xxx PF 0000:6b:00.0 has no /etc/4xxx_dev0.conf: adf_ctl reads that file to start it (the in-tree kernel driver reads none)",
    ]);
  });
});

describe("doctor's options", () => {
  it("turns checks off and overrides their severity, but not surfaced lint errors", async () => {
    const spec = noIommuHost();
    spec.etc = { "c6xx_dev0.conf": `${PF_SRIOV_CONF}NumberCyInstances 2\n` };
    const host = await snapshotOf(spec);
    const all = doctor(host, { checks: { iommu: "warning", "config-file": "info", mps: "off" } });
    expect(findings(all, "iommu").map((d) => d.severity)).toEqual(["warning"]);
    expect(findings(all, "mps")).toEqual([]);
    expect(findings(all, "syntax").map((d) => d.severity)).toEqual(["error"]);
  });
});

describe("doctor's other checks", () => {
  it("is an error when VT-x is off and VFs are meant for guests", async () => {
    const [finding] = findings(
      await doctorOf({ ...healthyHost(), cpuinfo: intelCpuinfo(false) }),
      "cpu-virtualization",
    );
    expect(finding).toMatchObject({ severity: "error", path: "/proc/cpuinfo" });
    expect(finding?.message).toContain("no vmx flag: Intel VT-x is off in the BIOS");
  });

  it("surfaces lint errors of configuration files under the linter's rule ids", async () => {
    const host = healthyHost();
    host.etc = { "c6xx_dev0.conf": `${PF_SRIOV_CONF}NumberCyInstances 2\n` };
    const all = await doctorOf(host);
    const [syntax] = findings(all, "syntax");
    expect(syntax).toMatchObject({ path: "/etc/c6xx_dev0.conf", severity: "error" });
    expect(syntax?.range.start.line).toBe(13);
    expect(findings(all, "config-file")[0]?.message).toMatch(
      /configures c6xx PF 0000:3d:00\.0 and has \d+ lint errors?$/,
    );
  });

  it("lints the VF files kept for guests", async () => {
    const host = healthyHost();
    host.etc = { ...host.etc, "c6xxvf_dev0.conf.vm": "[GENERAL]\nServicesEnabled = cy;dc\nConfigVersion = 2\n" };
    const notes = findings(await doctorOf(host), "config-file").map((d) => d.message);
    expect(notes).toContain(
      "/etc/c6xxvf_dev0.conf.vm is a VF file kept for guests (not read on this host) and is lint-clean",
    );
  });

  it("flags an IOMMU group shared with a device a host driver holds", async () => {
    const host = healthyHost();
    host.functions = host.functions.map((f) => (f.address === "0000:3d:01.1" ? { ...f, iommuGroup: "7" } : f));
    host.functions.push({
      address: "0000:3e:00.0",
      device: "1521",
      classCode: "020000",
      driver: "igb",
      iommuGroup: "7",
    });
    const [finding] = findings(await doctorOf(host), "iommu-group");
    expect(finding?.severity).toBe("error");
    expect(finding?.message).toContain("shares IOMMU group 7 with 0000:3e:00.0 (driver igb)");
  });

  it("warns about a VF given to two guests", async () => {
    const host = healthyHost();
    host.domains = { ...host.domains, "vm2.xml": domainXml("vm2", ["0000:3d:01.1"]) };
    const [finding] = findings(await doctorOf(host), "vf-double-use");
    expect(finding?.severity).toBe("warning");
    expect(finding?.message).toMatch(/is given to 2 guests \(vm1 .*vm2/);
  });

  it("is an error to give a guest the whole PF while its VFs are enabled", async () => {
    const host = healthyHost();
    host.domains = { "vm3.xml": domainXml("vm3", [PF]) };
    const [finding] = findings(await doctorOf(host), "hostdev-target");
    expect(finding?.message).toContain("guest vm3 is given the whole c6xx PF 0000:3d:00.0, which has 16 VFs enabled");
  });

  it("reports a PF without a driver as an error", async () => {
    const host = healthyHost();
    host.functions = host.functions.map(({ driver, ...f }) =>
      f.address === PF ? f : { ...f, ...(driver ? { driver } : {}) },
    );
    const [finding] = findings(await doctorOf(host), "pf-driver");
    expect(finding).toMatchObject({ severity: "error" });
    expect(finding?.hint).toContain("modprobe qat_c62x");
  });

  it("says when no QAT device is found", async () => {
    const [finding] = findings(await doctorOf({ functions: [], cpuinfo: intelCpuinfo() }), "qat-devices");
    expect(finding).toMatchObject({ severity: "warning", path: "/sys/bus/pci/devices" });
    expect(finding?.message).toContain("no QAT device found");
  });

  it("inside a guest, checks the VF driver and skips the host's checks", async () => {
    const guest = {
      functions: [
        { address: "0000:00:07.0", device: "37c9", driver: "c6xxvf" },
        { address: "0000:00:08.0", device: "37c9" },
      ],
      cpuinfo: intelCpuinfo(false).replace("flags\t\t: ", "flags\t\t: hypervisor "),
      etc: { "c6xxvf_dev0.conf": "[GENERAL]\nServicesEnabled = cy;dc\nConfigVersion = 2\n" },
    };
    const all = await doctorOf(guest);
    expect(findings(all, "iommu")).toEqual([]);
    expect(findings(all, "cpu-virtualization")).toEqual([]);
    const [vf] = findings(all, "vf-driver");
    expect(vf).toMatchObject({ severity: "error", path: "/sys/bus/pci/devices/0000:00:08.0" });
    expect(vf?.hint).toContain("modprobe qat_c62xvf");
    expect(findings(all, "config-file").map((d) => d.message)).toContain(
      "/etc/c6xxvf_dev0.conf configures c6xxvf VF 0000:00:07.0 and is lint-clean",
    );
  });
});
