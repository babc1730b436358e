import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseCpuinfo, readHost } from "../../src/host/snapshot.ts";
import { buildHost, domainXml, intelCpuinfo, removeHost, vfsOf } from "./fake-host.ts";
import { BRIDGE, healthyHost, PF } from "./layouts.ts";
import { snapshotOf } from "./run.ts";

describe("readHost", () => {
  it("reads a PF's sysfs folder: IDs, class, driver, NUMA node, IOMMU group, SR-IOV, VFs and bridge", async () => {
    const host = await snapshotOf(healthyHost());
    const pf = host.pci.find((f) => f.address === PF);
    expect(pf).toMatchObject({
      vendor: "8086",
      device: "37c8",
      classCode: "0b4000",
      driver: "c6xx",
      numaNode: 0,
      iommuGroup: "2",
      sriovTotalVfs: 16,
      sriovNumVfs: 16,
      upstream: BRIDGE,
      inTreeQatSysfs: false,
      sysfsPath: `/sys/bus/pci/devices/${PF}`,
    });
    // virtfn10 comes after virtfn9: the links are ordered by number, not by name.
    expect(pf?.virtfns.slice(8, 11)).toEqual(["0000:3d:02.0", "0000:3d:02.1", "0000:3d:02.2"]);
    expect(host.pci.find((f) => f.address === "0000:3d:02.7")).toMatchObject({ physfn: PF, driver: "vfio-pci" });
  });

  it("reads the IOMMU units, command line, CPU, vfio-pci's denylist switch, /etc files and guests", async () => {
    const host = await snapshotOf(healthyHost());
    expect(host.iommuUnits).toEqual(["dmar0", "dmar1"]);
    expect(host.cmdline).toMatch(/intel_iommu=on iommu=pt$/);
    expect(host.cpuVendor).toBe("GenuineIntel");
    expect(host.cpuFlags).toContain("vmx");
    expect(host.vfioDisableDenylist).toBe("Y");
    expect(host.configs.map((c) => c.path)).toEqual(["/etc/c6xx_dev0.conf"]);
    expect(host.guestHostdevs.map((h) => [h.guest, h.address, h.path])).toEqual([
      ["vm1", "0000:3d:01.0", "/etc/libvirt/qemu/vm1.xml"],
      ["vm1", "0000:3d:01.1", "/etc/libvirt/qemu/vm1.xml"],
    ]);
  });

  it("takes only QAT file names from /etc and only *.xml from the libvirt folder", async () => {
    const root = await buildHost({
      functions: [],
      etc: {
        "c6xx_dev0.conf": "[GENERAL]\n",
        "c6xxvf_dev0.conf.vm": "[GENERAL]\n",
        "c6xx_dev0.conf.bak": "[GENERAL]\n",
        hosts: "127.0.0.1 localhost\n",
      },
      domains: { "vm1.xml": domainXml("vm1", [PF]), "vm1.xml.orig": domainXml("old", [PF]) },
    });
    try {
      const host = await readHost(root);
      expect(host.configs.map((c) => c.path)).toEqual(["/etc/c6xx_dev0.conf", "/etc/c6xxvf_dev0.conf.vm"]);
      expect(host.guestHostdevs.map((h) => h.guest)).toEqual(["vm1"]);
    } finally {
      await removeHost(root);
    }
  });

  it("leaves out what a minimal or partial copy lacks instead of failing", async () => {
    const root = await buildHost({ functions: vfsOf("0000:3d:00.0", 1, { device: "37c9" }) });
    try {
      // A function folder that lost its ID files, and an entry that is not a PCI address.
      await mkdir(join(root, "sys/devices/pci0000:00/0000:00:1f.0"), { recursive: true });
      await symlink("../../../devices/pci0000:00/0000:00:1f.0", join(root, "sys/bus/pci/devices/0000:00:1f.0"));
      await writeFile(join(root, "sys/bus/pci/devices/README"), "not a device\n");
      const host = await readHost(root);
      expect(host.pci.map((f) => [f.address, f.vendor, f.numaNode])).toEqual([
        ["0000:00:1f.0", "", -1],
        ["0000:3d:01.0", "8086", 0],
      ]);
      expect(host.pci[1]?.physfn).toBeUndefined();
      expect(host).not.toHaveProperty("cmdline");
      expect(host).not.toHaveProperty("cpuFlags");
      expect(host.iommuUnits).toEqual([]);
    } finally {
      await removeHost(root);
    }
  });

  it("fails with the path and reason for an unreadable root or saved text", async () => {
    await expect(readHost("/nonexistent-qatconf-root")).rejects.toThrow(
      "cannot read /nonexistent-qatconf-root: no such file or directory",
    );
    const root = await buildHost({ functions: [] });
    try {
      await expect(readHost(root, { dmesg: join(root, "missing.txt") })).rejects.toThrow(
        /cannot read .*missing\.txt: no such file or directory/,
      );
    } finally {
      await removeHost(root);
    }
  });
});

describe("readHost under --root: confined to the saved tree", () => {
  it("never follows an absolute or .. link out of the root, and reads the tree's own file for an absolute one", async () => {
    const outside = await mkdtemp(join(tmpdir(), "qatconf-outside-"));
    const secret = join(outside, "shadow");
    await writeFile(secret, "[GENERAL]\nroot:$6$secret-hash:19000:0:99999:7:::\n");
    const root = await buildHost({ functions: [], cmdline: "intel_iommu=on" });
    try {
      const depth = root.split("/").length;
      await symlink(secret, join(root, "etc/c6xx_dev0.conf"));
      await symlink(`${"../".repeat(depth + 2)}${secret.slice(1)}`, join(root, "etc/c6xx_dev1.conf"));
      // An absolute link inside a saved tree means the tree's own file, as under chroot.
      await mkdir(join(root, "opt"), { recursive: true });
      await writeFile(join(root, "opt/c6xx_dev2.conf"), "[GENERAL]\nServicesEnabled = cy\n");
      await symlink("/opt/c6xx_dev2.conf", join(root, "etc/c6xx_dev2.conf"));
      await symlink(secret, join(root, "proc/cpuinfo"));
      const host = await readHost(root);
      expect(host.configs).toEqual([{ path: "/etc/c6xx_dev2.conf", text: "[GENERAL]\nServicesEnabled = cy\n" }]);
      expect(JSON.stringify(host)).not.toContain("secret-hash");
    } finally {
      await removeHost(root);
      await rm(outside, { recursive: true, force: true });
    }
  });

  it("reads under the root with the strict reader: a FIFO or /dev/zero link is left out, not waited on", async () => {
    const root = await buildHost({ functions: [] });
    try {
      execFileSync("mkfifo", [join(root, "etc/c6xx_dev0.conf")]);
      await mkdir(join(root, "proc"), { recursive: true });
      execFileSync("mkfifo", [join(root, "proc/cmdline")]);
      await symlink("/dev/zero", join(root, "etc/c6xx_dev1.conf"));
      const host = await readHost(root);
      expect(host.configs).toEqual([]);
      expect(host.cmdline).toBeUndefined();
    } finally {
      await removeHost(root);
    }
  });
});

describe("parseCpuinfo", () => {
  it("reads the first CPU's flags and vendor", () => {
    expect(parseCpuinfo(intelCpuinfo(false))).toMatchObject({ cpuVendor: "GenuineIntel" });
    expect(parseCpuinfo(intelCpuinfo(false)).cpuFlags).not.toContain("vmx");
    expect(parseCpuinfo("vendor_id\t: AuthenticAMD\nflags\t\t: fpu svm sse\n")).toEqual({
      cpuVendor: "AuthenticAMD",
      cpuFlags: ["fpu", "svm", "sse"],
    });
  });
});
