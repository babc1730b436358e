/**
 * The table of QAT device families: what the driver knows about each one's PCI functions, rings and
 * services. Every number names the driver source it was read from (`sources`), so that doc pages and
 * messages can cite it and a reader can check it.
 */
import { fileBaseName, parseFileName } from "../config/file-name.ts";
import { BoundedMemo } from "../memo.ts";
import type { DeviceFamily } from "./types.ts";

// Source shorthands, expanded in each family's `sources`.
const FBSD_HW = "freebsd/freebsd-src sys/dev/qat/qat_hw";
const FBSD_IDS = "freebsd/freebsd-src sys/dev/qat/include/common/adf_accel_devices.h (PCI IDs, ADF_*_DEVICE_NAME)";
const OOT17_SVCS =
  "drew442/QAT.L.4.28.0-00004 quickassist/qat/drivers/crypto/qat/qat_common/adf_cfg_device.c (adf_profiles[]: ServicesEnabled per ServicesProfile)";
const OOT20_SVCS =
  "zhiyisun/qat (QAT20.L.1.1.50) quickassist/qat/drivers/crypto/qat/qat_4xxx/adf_4xxx_hw_data.c (adf_4xxx_svcs[], get_ring_to_svc_map)";
const LINUX_GEN4 =
  "torvalds/linux drivers/crypto/intel/qat/qat_common/adf_gen4_hw_data.h (ADF_GEN4_ETR_MAX_BANKS 64, ADF_GEN4_NUM_RINGS_PER_BANK 2, ADF_GEN4_NUM_BANKS_PER_VF 4)";
const LINUX_IDS =
  "torvalds/linux drivers/crypto/intel/qat/qat_common/adf_accel_devices.h (moved to include/linux/pci_ids.h by 0ba76b19fd4c, PCI/P2PDMA: Add Intel QAT, DSA, IAA devices to whitelist)";
const QAT15 = "halmartin/wired-15-42-mx84 quickassist/qatmux/QAT1.5/quickassist/adf/platform/include";
const OOT20_VQAT =
  'zhiyisun/qat (QAT20.L.1.1.50) quickassist/qat/drivers/crypto/qat/qat_vqat/adf_vqat_hw_data.h (ADF_VQAT_DEVICE_NAME "vqat-adi", ADF_VQAT_ETR_MAX_BANKS 1, ADF_VQAT_NUM_RINGS_PER_BANK 2, ADF_VQAT_RX_RINGS_OFFSET 1)';

/** ServicesEnabled values of the QAT 1.6/1.7/1.8 Linux package, DEFAULT profile (OOT-1.7 `adf_profiles[]`). */
const GEN2_SERVICES = ["cy", "dc", "sym", "asym", "cy;dc", "dc;cy", "asym;dc", "dc;asym", "sym;dc", "dc;sym"];
/**
 * C4xxx (QAT 1.8) also runs inline IPsec: the driver that Intel's c4xxx sample files are written for
 * accepts these values too (FreeBSD `adf_cfg_device.c` with `ADF_CFG_SVCS_MAX 25`, DEFAULT profile;
 * Intel's QAT.L.4.x package ships a c4xxx PF file with `ServicesEnabled = cy;inline`). The out-of-tree
 * Linux 4.28 `adf_profiles[]` lacks them; the real files and the driver that takes them win.
 */
const C4XXX_INLINE_SERVICES = [
  "inline",
  "inline;sym",
  "sym;inline",
  "inline;asym",
  "asym;inline",
  "inline;cy",
  "cy;inline",
  "dc;inline",
  "inline;dc",
  "cy;dc;inline",
  "cy;inline;dc",
  "dc;inline;cy",
  "dc;cy;inline",
  "inline;cy;dc",
  "inline;dc;cy",
];
/** ServicesEnabled values of the QAT 2.0 Linux package (`adf_4xxx_svcs[]`): no `cy`, no `cy;dc`. */
const GEN4_SERVICES = ["asym;sym", "sym;asym", "dc", "sym", "asym", "asym;dc", "dc;asym", "sym;dc", "dc;sym"];
/** QAT 1.5 services: crypto accelerators `cy0`, `cy1` and compression `dc` (QAT1.5 `adf_check_cy_service_enabled`). */
const QAT15_SERVICES = ["cy0", "cy1", "cy0;cy1", "cy1;cy0", "dc", "cy0;dc", "cy1;dc", "cy0;cy1;dc"];

const GEN2_VF = { banks: 1, ringsPerBank: 16 };

const FAMILIES: readonly DeviceFamily[] = [
  {
    id: "dh89xxcc",
    aliases: [],
    name: "Intel Communications Chipset 89xx Series (DH89xxCC)",
    generation: "1.5",
    pfDeviceIds: ["0434"],
    vfDeviceIds: ["0442"],
    pf: { banks: 16, ringsPerBank: 16 },
    vf: GEN2_VF,
    maxVfs: 16,
    servicesEnabled: QAT15_SERVICES,
    sources: [
      `${QAT15}/adf_platform_dh89xxcc.h (ICP_DH89xxCC_ETR_MAX_BANKS 16, ICP_DH89xxCC_ETR_MAX_RINGS_PER_BANK 16, ICP_DH89xxCC_BANKS_PER_ACCELERATOR 8, ICP_DH89xxCC_MAX_ACCELERATORS 2, ICP_DH89xxCC_MAX_NUM_VF 16)`,
      "QAT1.5 icp_accel_devices.h (ICP_DH89xxCC_PCI_DEVICE_ID 0x434, ICP_DH89xxCC_PCI_IOV_DEVICE_ID 0x442)",
    ],
  },
  {
    id: "c2xxx",
    aliases: [],
    name: "Intel Atom C2000 (C2xxx)",
    generation: "1.5",
    pfDeviceIds: ["1f18"],
    vfDeviceIds: ["1f19"],
    pf: { banks: 8, ringsPerBank: 16 },
    vf: GEN2_VF,
    servicesEnabled: QAT15_SERVICES,
    sources: [
      `${QAT15}/adf_platform_c2xxx.h (ICP_C2XXX_ETR_MAX_BANKS 8, ICP_C2XXX_ETR_MAX_RINGS_PER_BANK 16, ICP_C2XXX_MAX_ACCELERATORS 1)`,
      "QAT1.5 icp_accel_devices.h (ICP_C2XXX_PCI_DEVICE_ID 0x1F18, ICP_C2XXX_PCI_IOV_DEVICE_ID 0x1F19)",
    ],
  },
  {
    id: "dh895xcc",
    aliases: ["dh895x"],
    name: "Intel DH895xCC",
    generation: "1.6",
    pfDeviceIds: ["0435"],
    vfDeviceIds: ["0443"],
    pf: { banks: 32, ringsPerBank: 16 },
    vf: GEN2_VF,
    maxVfs: 32,
    servicesEnabled: GEN2_SERVICES,
    sources: [
      `${FBSD_HW}/dh895xcc/adf_dh895xcc_hw_data.h (ADF_DH895XCC_ETR_MAX_BANKS 32, ADF_DH895XCC_RX_RINGS_OFFSET 8)`,
      `${FBSD_HW}/dh895xccvf/adf_dh895xccvf_hw_data.h (1 bank per VF)`,
      FBSD_IDS,
      OOT17_SVCS,
    ],
  },
  {
    id: "c6xx",
    aliases: ["c62x"],
    name: "Intel C62x chipset",
    generation: "1.7",
    pfDeviceIds: ["37c8"],
    vfDeviceIds: ["37c9"],
    pf: { banks: 16, ringsPerBank: 16 },
    vf: GEN2_VF,
    maxVfs: 16,
    servicesEnabled: GEN2_SERVICES,
    sources: [
      `${FBSD_HW}/c62x/adf_c62x_hw_data.h (ADF_C62X_ETR_MAX_BANKS 16, ADF_C62X_RX_RINGS_OFFSET 8)`,
      "torvalds/linux drivers/crypto/intel/qat/qat_c62xvf/adf_c62xvf_hw_data.h (ADF_C62XIOV_ETR_MAX_BANKS 1, ADF_C62XIOV_RX_RINGS_OFFSET 8)",
      FBSD_IDS,
      OOT17_SVCS,
    ],
  },
  {
    id: "c3xxx",
    aliases: [],
    name: "Intel Atom C3000 (C3xxx)",
    generation: "1.7",
    pfDeviceIds: ["19e2"],
    vfDeviceIds: ["19e3"],
    pf: { banks: 16, ringsPerBank: 16 },
    vf: GEN2_VF,
    maxVfs: 16,
    servicesEnabled: GEN2_SERVICES,
    sources: [
      `${FBSD_HW}/c3xxx/adf_c3xxx_hw_data.h (ADF_C3XXX_ETR_MAX_BANKS 16, ADF_C3XXX_RX_RINGS_OFFSET 8)`,
      `${FBSD_HW}/c3xxxvf/adf_c3xxxvf_hw_data.h (ADF_C3XXXIOV_ETR_MAX_BANKS 1)`,
      FBSD_IDS,
      OOT17_SVCS,
    ],
  },
  {
    id: "200xx",
    aliases: [],
    name: "Intel QAT 200xx",
    generation: "1.7",
    pfDeviceIds: ["18ee"],
    vfDeviceIds: ["18ef"],
    pf: { banks: 16, ringsPerBank: 16 },
    vf: GEN2_VF,
    maxVfs: 16,
    servicesEnabled: GEN2_SERVICES,
    sources: [
      `${FBSD_HW}/200xx/adf_200xx_hw_data.h (ADF_200XX_ETR_MAX_BANKS 16, ADF_200XX_RX_RINGS_OFFSET 8)`,
      FBSD_IDS,
      OOT17_SVCS,
    ],
  },
  {
    // A device of its own (Xeon D-1500, PCI 6f54), not another name of 200xx (PCI 18ee).
    id: "d15xx",
    aliases: [],
    name: "Intel Xeon D-1500 (D15xx)",
    generation: "1.7",
    pfDeviceIds: ["6f54"],
    vfDeviceIds: ["6f55"],
    pf: { banks: 16, ringsPerBank: 16 },
    vf: GEN2_VF,
    maxVfs: 16,
    servicesEnabled: GEN2_SERVICES,
    sources: [
      "QAT.L.4.x quickassist/qat/drivers/crypto/qat/qat_d15xx/adf_d15xx_hw_data.h (ADF_D15XX_ETR_MAX_BANKS 16)",
      FBSD_IDS,
      OOT17_SVCS,
    ],
  },
  {
    id: "c4xxx",
    aliases: [],
    name: "Intel C4xxx",
    generation: "1.8",
    pfDeviceIds: ["18a0"],
    vfDeviceIds: ["18a1"],
    pf: { banks: 128, ringsPerBank: 8 },
    vf: { banks: 1, ringsPerBank: 8 },
    maxVfs: 128,
    servicesEnabled: [...GEN2_SERVICES, ...C4XXX_INLINE_SERVICES],
    sources: [
      `${FBSD_HW}/c4xxx/adf_c4xxx_hw_data.h (ADF_C4XXX_ETR_MAX_BANKS 128, ADF_C4XXX_NUM_RINGS_PER_BANK 8, ADF_C4XXX_RX_RINGS_OFFSET 4)`,
      FBSD_IDS,
      OOT17_SVCS,
      "freebsd/freebsd-src sys/dev/qat/qat_common/adf_cfg_device.c (ADF_CFG_SVCS_MAX 25: the inline values of adf_profiles[])",
    ],
  },
  gen4("4xxx", "Intel QAT 4xxx (4th Gen Xeon Scalable)", "4940", "4941", "qat_4xxx/adf_4xxx_hw_data.c"),
  gen4("401xx", "Intel QAT 401xx", "4942", "4943", "qat_4xxx/adf_4xxx_hw_data.c (same driver as 4xxx)"),
  gen4("402xx", "Intel QAT 402xx", "4944", "4945", "qat_4xxx/adf_4xxx_hw_data.c (same driver as 4xxx, 402xx firmware)"),
  gen4("420xx", "Intel QAT 420xx", "4946", "4947", "qat_420xx/adf_420xx_hw_data.c"),
  {
    // Only the in-tree driver (qat_6xxx, Linux 6.16) drives it: no out-of-tree package has a 6xxx
    // driver, so no _devN.conf configures it and no ServicesEnabled of such a file applies.
    id: "6xxx",
    aliases: [],
    name: "Intel QAT 6xxx",
    generation: "GEN6",
    pfDeviceIds: ["4948"],
    vfDeviceIds: ["4949"],
    pf: { banks: 64, ringsPerBank: 2 },
    vf: { banks: 4, ringsPerBank: 2 },
    maxVfs: 16,
    servicesEnabled: [],
    inTreeOnly: true,
    sources: [
      `${LINUX_IDS} (PCI_DEVICE_ID_INTEL_QAT_6XXX 0x4948, PCI_DEVICE_ID_INTEL_QAT_6XXX_IOV 0x4949, ADF_6XXX_DEVICE_NAME "6xxx")`,
      "torvalds/linux drivers/crypto/intel/qat/qat_6xxx/adf_6xxx_hw_data.h (ADF_GEN6_ETR_MAX_BANKS 64, ADF_GEN6_NUM_RINGS_PER_BANK 2, ADF_GEN6_NUM_BANKS_PER_VF 4, ADF_6XXX_FW qat_6xxx.bin, ADF_6XXX_MMP qat_6xxx_mmp.bin)",
    ],
  },
  {
    // A QAT 2.0 Scalable IOV ADI as a guest sees it (driver qat_vqat, device type "vqat-adi"): one
    // ring pair serving the one service of the ADI, which its PCI subsystem ID names (0 sym, 1 asym,
    // 2 dc); the package installs the matching sample as /etc/vqat-adi_devN.conf.
    id: "vqat-adi",
    aliases: [],
    name: "Intel QAT 2.0 vQAT ADI (Scalable IOV guest device)",
    generation: "2.0",
    pfDeviceIds: ["0da5"],
    vfDeviceIds: [],
    pf: { banks: 1, ringsPerBank: 2 },
    servicesEnabled: ["sym", "asym", "dc"],
    sources: [
      OOT20_VQAT,
      "zhiyisun/qat (QAT20.L.1.1.50) installer copy_vqat_config_file (8086:0da5, subsystem 0x0000 sym, 0x0001 asym, 0x0002 dc -> /etc/vqat-adi_devN.conf)",
      "liangintel/qat_oot quickassist/utilities/adf_ctl/conf_files/vqat-adi_dev0.conf.{sym,asym,dc}",
    ],
  },
];

/** A GEN4 family; its PCI IDs as the kernel defines them (`PCI_DEVICE_ID_INTEL_QAT_<ID>` and `<ID>IOV`). */
function gen4(id: string, name: string, pf: string, vf: string, driver: string): DeviceFamily {
  return {
    id,
    aliases: [],
    name,
    generation: "2.0",
    pfDeviceIds: [pf],
    vfDeviceIds: [vf],
    pf: { banks: 64, ringsPerBank: 2 },
    vf: { banks: 4, ringsPerBank: 2 },
    maxVfs: 16,
    servicesEnabled: GEN4_SERVICES,
    sources: [
      LINUX_GEN4,
      `torvalds/linux drivers/crypto/intel/qat/${driver}`,
      `${LINUX_IDS} (0x${pf}, IOV 0x${vf})`,
      FBSD_IDS,
      OOT20_SVCS,
    ],
  };
}

const BY_NAME = new Map<string, DeviceFamily>();
const BY_PCI = new Map<string, { family: DeviceFamily; isVf: boolean }>();
for (const family of FAMILIES) {
  for (const n of [family.id, ...family.aliases]) BY_NAME.set(n, family);
  for (const id of family.pfDeviceIds) BY_PCI.set(id, { family, isVf: false });
  for (const id of family.vfDeviceIds) BY_PCI.set(id, { family, isVf: true });
}

/** Every known device family, oldest generation first. */
export function allFamilies(): readonly DeviceFamily[] {
  return FAMILIES;
}

/**
 * The family with this id or alias (`c6xx`, `c62x`, `4xxx`), case-insensitive. A trailing `vf`
 * (`c6xxvf`) names the same family: whether a file is a VF file is a separate question.
 */
export function findFamily(idOrAlias: string): DeviceFamily | undefined {
  const n = idOrAlias.trim().toLowerCase();
  return BY_NAME.get(n) ?? (n.endsWith("vf") ? BY_NAME.get(n.slice(0, -2)) : undefined);
}

// By file name, which is all it reads: a repository names thousands of files with a few dozen
// names, and the lint run asks for each file more than once.
const FAMILY_BY_NAME = new BoundedMemo<string, { family: DeviceFamily; isVf: boolean } | undefined>(1024);

/** The family and PF/VF role a configuration file's name declares (`c6xxvf_dev0.conf.vm`). */
export function familyForFileName(path: string): { family: DeviceFamily; isVf: boolean } | undefined {
  return FAMILY_BY_NAME.get(fileBaseName(path), (base) => {
    const info = parseFileName(base, (name) => BY_NAME.has(name));
    const family = info && findFamily(info.family);
    return family ? { family, isVf: info.isVf } : undefined;
  });
}

/**
 * The family of a PCI device ID (vendor 8086), as `lspci -n` or sysfs print it: `37c8`, `0x37c9`,
 * `8086:4940`. Answers whether the ID is a VF.
 */
export function familyByPciId(deviceId: string): { family: DeviceFamily; isVf: boolean } | undefined {
  let id = deviceId.trim().toLowerCase();
  if (id.startsWith("8086:")) id = id.slice(5);
  if (id.startsWith("0x")) id = id.slice(2);
  if (!/^[0-9a-f]{1,4}$/.test(id)) return undefined;
  return BY_PCI.get(id.padStart(4, "0"));
}

/** Families the 4xxx driver drives under its own name. */
const DRIVEN_AS_4XXX: ReadonlySet<string> = new Set(["401xx", "402xx"]);

/**
 * The device type name the driver gives a function (`ADF_*_DEVICE_NAME`): the prefix of its
 * configuration file names (`<name>_devN.conf`) and the name of its PCI driver. 401xx and 402xx
 * are driven by the 4xxx driver under its name, so their files are `4xxx_devN.conf`.
 */
export function deviceName(family: DeviceFamily, isVf: boolean): string {
  const base = DRIVEN_AS_4XXX.has(family.id) ? "4xxx" : family.id;
  return isVf ? `${base}vf` : base;
}

/** Whether the family is QAT 1.x (1.5 to 1.8): the generations with in-tree VF drivers and no qatlib. */
export function isQat1(family: DeviceFamily): boolean {
  return family.generation.startsWith("1.");
}

/**
 * Families qatlib drives: the PFs qatlib's qat_init.sh configures (`sysfs_config`: 0x4940, 0x4942,
 * 0x4944, 0x4946, 0x4948; `enable_sriov`: PFs on the drivers 4xxx, 420xx, 6xxx) and their VFs
 * (intel/qatlib@e5fb666 quickassist/utilities/service/qat_init.sh.in). QAT 1.x is not supported
 * (qatlib README "Supported Devices").
 */
const QATLIB_FAMILIES: ReadonlySet<string> = new Set(["4xxx", "401xx", "402xx", "420xx", "6xxx"]);

/** Whether qatlib drives this family's functions. */
export function qatlibDrives(family: DeviceFamily): boolean {
  return QATLIB_FAMILIES.has(family.id);
}

/** Ids and aliases of every family, for `--device` help and "did you mean" messages. */
export function familyNames(): string[] {
  return [...BY_NAME.keys()];
}
