import { type Inventory, label } from "../inventory.ts";
import type { HostCheck, QatFunction } from "../types.ts";

/** The inventory: every QAT PF and VF found by PCI ID, and Intel co-processors qatconf does not know. */
export const qatDevices: HostCheck = {
  id: "qat-devices",
  defaultSeverity: "warning",
  description: "QAT PFs and VFs found by PCI ID, with driver, NUMA node, SR-IOV state and IOMMU group",
  check({ inventory, report }) {
    if (inventory.qat.length === 0 && inventory.unknown.length === 0) {
      report({
        path: "/sys/bus/pci/devices",
        message: "no QAT device found: no Intel PCI function has a QAT device ID",
        hint: inventory.isGuest
          ? "attach a QAT VF to this guest on its host: virsh attach-device GUEST FILE --config (qatconf vf-plan writes FILE)"
          : "check that the QAT device is enabled in the BIOS setup and listed by: lspci -nn -d 8086:",
      });
    }
    for (const q of inventory.qat) {
      report({ path: q.pci.sysfsPath, severity: "info", message: describe(q, inventory) });
    }
    for (const fn of inventory.unknown) {
      report({
        path: fn.sysfsPath,
        message: `Intel co-processor 8086:${fn.device} (class ${fn.classCode}) is not a QAT device qatconf knows`,
        hint: "if it is a newer QAT device, its checks are skipped: update qatconf",
      });
    }
  },
};

function describe(q: QatFunction, inventory: Inventory): string {
  const { pci, family } = q;
  const parts = [`${family.name}, QAT ${family.generation}, PCI ID 8086:${pci.device}`];
  if (q.isVf && pci.physfn !== undefined) parts.push(`VF of ${pci.physfn}`);
  parts.push(`driver ${pci.driver ?? "none"}`);
  parts.push(`NUMA node ${pci.numaNode}`);
  if (pci.iommuGroup !== undefined) parts.push(`IOMMU group ${pci.iommuGroup}`);
  const guests = inventory.guestsOf(pci.address).map((g) => g.guest);
  if (guests.length > 0) parts.push(`given to guest ${guests.join(", ")}`);
  if (pci.inTreeQatSysfs) parts.push("in-tree driver");
  return `${label(q)}: ${parts.join("; ")}`;
}
