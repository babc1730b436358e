/**
 * The exact shell commands doctor's hints and vf-plan's output give, in one place so that both say
 * the same thing the same way.
 */
import type { DeviceFamily } from "../model/types.ts";
import type { DriverStack } from "./inventory.ts";
import { nodedevName } from "./pci-address.ts";

const PCI_DEVICES = "/sys/bus/pci/devices";

/** Kernel modules of the QAT drivers (in-tree names; the out-of-tree package uses the same). */
const MODULES: Record<string, string> = {
  dh895xcc: "qat_dh895xcc",
  c6xx: "qat_c62x",
  c3xxx: "qat_c3xxx",
  "200xx": "qat_200xx",
  d15xx: "qat_d15xx",
  c4xxx: "qat_c4xxx",
  "4xxx": "qat_4xxx",
  "401xx": "qat_4xxx",
  "402xx": "qat_4xxx",
  "420xx": "qat_420xx",
  "6xxx": "qat_6xxx",
};

/** The module that drives a function of this family: `qat_c62x`, `qat_c62xvf`. */
export function driverModule(family: DeviceFamily, isVf: boolean): string {
  const base = MODULES[family.id] ?? "icp_qa_al";
  return isVf ? `${base}vf` : base;
}

/** Enables `count` VFs on a PF through the PCI core (in-tree driver). */
export function enableVfsCommand(pf: string, count: number): string {
  return `echo ${count} > ${PCI_DEVICES}/${pf}/sriov_numvfs`;
}

/**
 * Sets an in-tree PF's services through sysfs: `cfg_services` is refused while the PF is up, so
 * down, write, up (lost at reboot: qatlib's qat.service writes it at each start).
 */
export function setServicesCommand(pf: string, services: string): string {
  const qat = `${PCI_DEVICES}/${pf}/qat`;
  return `echo down > ${qat}/state && echo ${shellWord(services)} > ${qat}/cfg_services && echo up > ${qat}/state`;
}

/** Hands a function to vfio-pci without libvirt: override, release, reprobe. */
export function bindVfioCommand(address: string, currentDriver?: string): string {
  const unbind = currentDriver === undefined ? "" : ` && echo ${address} > ${PCI_DEVICES}/${address}/driver/unbind`;
  return `echo vfio-pci > ${PCI_DEVICES}/${address}/driver_override${unbind} && echo ${address} > /sys/bus/pci/drivers_probe`;
}

/** Lets libvirt detach a function from its host driver and bind vfio-pci. */
export function nodedevDetachCommand(address: string): string {
  return `virsh nodedev-detach ${nodedevName(address)}`;
}

/** Adds a device to a guest's persistent definition. */
export function attachDeviceCommand(guest: string, file: string): string {
  return `virsh attach-device ${shellWord(guest)} ${shellWord(file)} --config`;
}

/** Max_Payload_Size encodings of the PCIe Device Control register, bits 7:5 (128 << n bytes). */
export function mpsEncoding(bytes: number): number | undefined {
  const n = Math.log2(bytes / 128);
  return Number.isInteger(n) && n >= 0 && n <= 5 ? n : undefined;
}

/** Sets a function's Max_Payload_Size (DevCtl, PCIe capability offset 8, bits 7:5) and nothing else. */
export function setMpsCommand(address: string, bytes: number): string | undefined {
  const n = mpsEncoding(bytes);
  if (n === undefined) return undefined;
  const value = (n << 5).toString(16).padStart(4, "0");
  return `setpci -s ${address} CAP_EXP+8.w=${value}:00e0`;
}

/** Quotes a word for sh when it holds anything but safe characters. */
export function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * How to enable a PF's VFs with the driver that runs it: the in-tree driver through sysfs (any
 * non-zero count enables them all; qatlib's qat.service writes it at each start), the out-of-tree
 * package through `SRIOV_Enabled` and `adf_ctl`; both when doctor cannot tell which driver it is.
 */
export function enableSriovHint(stack: DriverStack | undefined, pf: string, total: number): string {
  const inTree = `${enableVfsCommand(pf, total)} (the in-tree driver enables all ${total} for any non-zero count; qatlib's qat.service does it at each start)`;
  const outOfTree = "SRIOV_Enabled = 1 in the PF's /etc file, then adf_ctl restart";
  if (stack === "in-tree") return inTree;
  if (stack === "out-of-tree") return outOfTree;
  return `in-tree driver: ${inTree}; out-of-tree package: ${outOfTree}`;
}

/** How to (re)load a PF's driver: modprobe for the in-tree driver, qat_service for the package. */
export function loadDriverHint(stack: DriverStack | undefined, module: string): string {
  if (stack === "out-of-tree") return "service qat_service start (the out-of-tree package loads its own modules)";
  if (stack === "in-tree") return `modprobe ${module}`;
  return `modprobe ${module} (out-of-tree package: service qat_service start)`;
}
