/**
 * Hosts that run the kernel's in-tree QAT driver, with and without qatlib, and the ways qatlib's
 * setup goes wrong: FakeHost specs for the doctor and vf-plan tests.
 */
import { type FakeFunction, type FakeHost, intelCpuinfo, vfsOf } from "./fake-host.ts";
import { BOOT, FIRMWARE, PF, PF_SRIOV_CONF } from "./layouts.ts";

/** A 4xxx PF on its own bus. */
export const PF4 = "0000:6b:00.0";

/** The group id the test's files get: /etc/group's `qat` takes it so that the nodes belong to it. */
export const GID = process.getgid?.() ?? 0;

/** `/proc/modules` lines of these modules (`(O)` after an out-of-tree one). */
export function procModules(modules: Array<[name: string, outOfTree?: boolean]>): string {
  return modules.map(([name, oot]) => `${name} 401408 1 - Live 0x0000000000000000${oot ? " (O)" : ""}\n`).join("");
}

const QAT_SERVICE = `[Unit]
Description=QAT service
[Service]
Type=forking
Group=qat
Environment="POLICY=0"
EnvironmentFile=-/etc/sysconfig/qat
ExecStartPre=/bin/sh -c "test $(getent group qat)"
ExecStartPre=/usr/sbin/qat_init.sh
ExecStart=/usr/sbin/qatmgr --policy=\${POLICY}
[Install]
WantedBy=multi-user.target
`;

/** The /dev/vfio nodes of VFs, owned by the test's group, with this mode. */
function vfioNodes(
  vfs: readonly FakeFunction[],
  mode = 0o660,
): { files: Record<string, string>; modes: Record<string, number> } {
  const files: Record<string, string> = {};
  const modes: Record<string, number> = {};
  for (const vf of vfs) {
    files[`dev/vfio/${vf.iommuGroup}`] = "";
    modes[`dev/vfio/${vf.iommuGroup}`] = mode;
  }
  return { files, modes };
}

/** A healthy qatlib host: a 4xxx PF on the in-tree driver, 16 VFs on vfio-pci for qatlib. */
export function qatlibHost(): FakeHost {
  const vfs = vfsOf(PF4, 16, { device: "4941", driver: "vfio-pci", firstGroup: 200 });
  const nodes = vfioNodes(vfs);
  return {
    functions: [
      {
        address: PF4,
        device: "4940",
        driver: "4xxx",
        totalVfs: 16,
        numVfs: 16,
        iommuGroup: "3",
        qatState: "up",
        cfgServices: "sym;asym",
      },
      ...vfs,
    ],
    iommuUnits: ["dmar0"],
    cmdline: `${BOOT} intel_iommu=on iommu=pt`,
    cpuinfo: intelCpuinfo(),
    etc: { "sysconfig/qat": "# qatlib\nServicesEnabled=sym;asym\nPOLICY=2\n" },
    files: {
      ...FIRMWARE,
      ...nodes.files,
      "proc/modules": procModules([["qat_4xxx"], ["intel_qat"]]),
      "etc/group": `root:x:0:\nqat:x:${GID}:alice\n`,
      "usr/lib/systemd/system/qat.service": QAT_SERVICE,
      "etc/systemd/system/multi-user.target.wants/qat.service": QAT_SERVICE,
      "etc/security/limits.d/qat.conf": "@qat - memlock 500000\n",
    },
    modes: nodes.modes,
  };
}

/** An in-tree QAT 1.x host with SR-IOV: c6xx PF on qat_c62x, VFs on vfio-pci, a stale /etc file. */
export function inTreeQat1Host(): FakeHost {
  return {
    functions: [
      { address: PF, device: "37c8", driver: "c6xx", totalVfs: 16, numVfs: 16, iommuGroup: "2" },
      ...vfsOf(PF, 16, { device: "37c9", driver: "vfio-pci", firstGroup: 100 }),
    ],
    iommuUnits: ["dmar0"],
    cmdline: `${BOOT} intel_iommu=on iommu=pt`,
    cpuinfo: intelCpuinfo(),
    vfioDisableDenylist: "Y",
    etc: { "c6xx_dev0.conf": PF_SRIOV_CONF },
    files: { ...FIRMWARE, "proc/modules": procModules([["qat_c62x"], ["intel_qat"]]) },
  };
}

/** A healthy qatlib host on a GEN6 (6xxx) PF running three services, which only GEN6 combines. */
export function qatlib6xxxHost(): FakeHost {
  const host = qatlibHost();
  host.functions = host.functions.map((f) =>
    f.address === PF4 ? { ...f, device: "4948", driver: "6xxx", cfgServices: "sym;asym;dc" } : { ...f, device: "4949" },
  );
  host.etc = { "sysconfig/qat": "ServicesEnabled=sym;asym;dc\nPOLICY=1\n" };
  host.files = {
    ...Object.fromEntries(Object.entries(host.files ?? {}).filter(([k]) => !k.startsWith("lib/firmware"))),
    "lib/firmware/qat_6xxx.bin.zst": "fw",
    "lib/firmware/qat_6xxx_mmp.bin.zst": "fw",
    "proc/modules": procModules([["qat_6xxx"], ["intel_qat"]]),
  };
  return host;
}

/** A qatlib guest: two 4xxx VFs of one host PF on one bus, on vfio-pci, and no PF. */
export function qatlibGuest(): FakeHost {
  return {
    functions: [
      { address: "0000:06:00.0", device: "4941", driver: "vfio-pci", iommuGroup: "10" },
      { address: "0000:06:00.1", device: "4941", driver: "vfio-pci", iommuGroup: "11" },
    ],
    iommuUnits: ["dmar0"],
    cmdline: `${BOOT} intel_iommu=on`,
    cpuinfo: intelCpuinfo(false).replace(/flags\t\t: /g, "flags\t\t: hypervisor "),
    etc: { "sysconfig/qat": "POLICY=2\n" },
    files: {
      "proc/modules": procModules([["vfio_pci"]]),
      "etc/group": `root:x:0:\nqat:x:${GID}:alice\n`,
    },
  };
}
