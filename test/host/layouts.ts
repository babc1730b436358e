/**
 * Host layouts the doctor and vf-plan tests share, each a FakeHost spec: a healthy SR-IOV host and
 * the ways the application note's checklist goes wrong.
 */
import { domainXml, type FakeFunction, type FakeHost, intelCpuinfo, vfsOf } from "./fake-host.ts";

export const PF = "0000:3d:00.0";
export const PF2 = "0000:b1:00.0";
export const BRIDGE = "0000:3a:00.0";
export const BRIDGE2 = "0000:b0:00.0";

/** A c6xx PF file prepared for SR-IOV (no kernel instances), lint-clean. */
export const PF_SRIOV_CONF = `[GENERAL]
ServicesEnabled = cy;dc
ConfigVersion = 2
CyNumConcurrentSymRequests = 512
CyNumConcurrentAsymRequests = 64
DcNumConcurrentRequests = 512
statsGeneral = 1
SRIOV_Enabled = 1

[KERNEL]
NumberCyInstances = 0
NumberDcInstances = 0
`;

/** The same file without SR-IOV. */
export const PF_PLAIN_CONF = PF_SRIOV_CONF.replace("SRIOV_Enabled = 1\n", "");

/** The firmware of the devices these layouts hold, as the distribution's package installs it. */
export const FIRMWARE: Record<string, string> = Object.fromEntries(
  ["qat_c62x.bin", "qat_c62x_mmp.bin", "qat_4xxx.bin.xz", "qat_4xxx_mmp.bin.xz"].map((n) => [
    `lib/firmware/${n}`,
    "fw",
  ]),
);

export const BOOT = "BOOT_IMAGE=/vmlinuz-6.1.0-18-amd64 root=/dev/mapper/vg-root ro quiet";

function bridge(address: string, group: string, numaNode = 0): FakeFunction {
  return { address, device: "2030", classCode: "060400", driver: "pcieport", iommuGroup: group, numaNode };
}

/** A healthy host: one c6xx PF with 16 VFs on vfio-pci, IOMMU and VT-x on, files clean. */
export function healthyHost(): FakeHost {
  return {
    files: { ...FIRMWARE },
    functions: [
      bridge(BRIDGE, "1"),
      { address: PF, device: "37c8", driver: "c6xx", totalVfs: 16, numVfs: 16, upstream: BRIDGE, iommuGroup: "2" },
      ...vfsOf(PF, 16, { device: "37c9", driver: "vfio-pci", firstGroup: 100 }),
    ],
    iommuUnits: ["dmar0", "dmar1"],
    cmdline: `${BOOT} intel_iommu=on iommu=pt`,
    cpuinfo: intelCpuinfo(),
    vfioDisableDenylist: "Y",
    etc: { "c6xx_dev0.conf": PF_SRIOV_CONF },
    domains: { "vm1.xml": domainXml("vm1", ["0000:3d:01.0", "0000:3d:01.1"]) },
  };
}

/** Two c6xx PFs on two NUMA nodes, VFs on vfio-pci: the planner's playground. */
export function twoNodeHost(vfsPerPf = 4): FakeHost {
  return {
    files: { ...FIRMWARE },
    functions: [
      bridge(BRIDGE, "1", 0),
      bridge(BRIDGE2, "3", 1),
      {
        address: PF,
        device: "37c8",
        driver: "c6xx",
        totalVfs: 16,
        numVfs: vfsPerPf,
        upstream: BRIDGE,
        iommuGroup: "2",
        numaNode: 0,
      },
      {
        address: PF2,
        device: "37c8",
        driver: "c6xx",
        totalVfs: 16,
        numVfs: vfsPerPf,
        upstream: BRIDGE2,
        iommuGroup: "4",
        numaNode: 1,
      },
      ...vfsOf(PF, vfsPerPf, { device: "37c9", driver: "vfio-pci", firstGroup: 100, numaNode: 0 }),
      ...vfsOf(PF2, vfsPerPf, { device: "37c9", driver: "vfio-pci", firstGroup: 200, numaNode: 1 }),
    ],
    iommuUnits: ["dmar0", "dmar1"],
    cmdline: `${BOOT} intel_iommu=on iommu=pt`,
    cpuinfo: intelCpuinfo(),
    vfioDisableDenylist: "Y",
    etc: { "c6xx_dev0.conf": PF_SRIOV_CONF, "c6xx_dev1.conf": PF_SRIOV_CONF },
  };
}

/** The healthy host with the IOMMU off: no units, no groups, no intel_iommu=on. */
export function noIommuHost(): FakeHost {
  const host = healthyHost();
  return {
    files: { ...FIRMWARE },
    ...host,
    functions: host.functions.map(({ iommuGroup: _, ...f }) => f),
    iommuUnits: [],
    cmdline: BOOT,
  };
}

/** SR-IOV asked for in the file but no VF enabled; a guest still names a VF. */
export function vfsNotEnabledHost(): FakeHost {
  return {
    files: { ...FIRMWARE },
    functions: [
      bridge(BRIDGE, "1"),
      { address: PF, device: "37c8", driver: "c6xx", totalVfs: 16, numVfs: 0, upstream: BRIDGE, iommuGroup: "2" },
    ],
    iommuUnits: ["dmar0"],
    cmdline: `${BOOT} intel_iommu=on`,
    cpuinfo: intelCpuinfo(),
    vfioDisableDenylist: "Y",
    etc: { "c6xx_dev0.conf": PF_SRIOV_CONF },
    domains: { "vm1.xml": domainXml("vm1", ["0000:3d:01.0"]) },
  };
}

/**
 * VFs bound to the wrong drivers: 01.0 to the host's c6xxvf (and given to vm1), 01.1 to nothing,
 * 01.2 to an unrelated driver; 01.3 on vfio-pci.
 */
export function wrongDriverHost(): FakeHost {
  const vfs = vfsOf(PF, 4, { device: "37c9", firstGroup: 100 });
  const drivers = ["c6xxvf", undefined, "ixgbevf", "vfio-pci"];
  return {
    files: { ...FIRMWARE },
    functions: [
      bridge(BRIDGE, "1"),
      { address: PF, device: "37c8", driver: "c6xx", totalVfs: 16, numVfs: 4, upstream: BRIDGE, iommuGroup: "2" },
      ...vfs.map((vf, i) => {
        const driver = drivers[i];
        return driver === undefined ? vf : { ...vf, driver };
      }),
    ],
    iommuUnits: ["dmar0"],
    cmdline: `${BOOT} intel_iommu=on iommu=pt`,
    cpuinfo: intelCpuinfo(),
    vfioDisableDenylist: "N",
    etc: { "c6xx_dev0.conf": PF_SRIOV_CONF },
    domains: { "vm1.xml": domainXml("vm1", ["0000:3d:01.0"]) },
  };
}

/** A c6xx PF (out-of-tree driver) and a 4xxx PF (in-tree driver, qat/ folder) with VFs. */
export function mixedGenerationsHost(): FakeHost {
  const pf4 = "0000:6b:00.0";
  return {
    files: { ...FIRMWARE },
    functions: [
      { address: PF, device: "37c8", driver: "c6xx", totalVfs: 16, numVfs: 2, iommuGroup: "2" },
      ...vfsOf(PF, 2, { device: "37c9", driver: "vfio-pci", firstGroup: 100 }),
      {
        address: pf4,
        device: "4940",
        driver: "4xxx",
        totalVfs: 16,
        numVfs: 2,
        iommuGroup: "3",
        numaNode: 1,
        inTree: true,
      },
      ...vfsOf(pf4, 2, { device: "4941", driver: "vfio-pci", firstGroup: 200, numaNode: 1 }),
    ],
    iommuUnits: ["dmar0"],
    cmdline: `${BOOT} intel_iommu=on iommu=pt`,
    cpuinfo: intelCpuinfo(),
    vfioDisableDenylist: "Y",
    etc: { "c6xx_dev0.conf": PF_SRIOV_CONF },
  };
}
