import { label, VFIO_DRIVERS } from "../inventory.ts";
import type { HostCheck, PciFunction } from "../types.ts";

/** Drivers a group peer may have without stopping vfio from using the group. */
const HARMLESS_DRIVERS = new Set([...VFIO_DRIVERS, "pci-stub", "pcieport"]);
/** PCI class 0x0604: PCI-to-PCI bridge, which vfio tolerates in a group. */
const BRIDGE_CLASS = "0604";

/**
 * vfio hands out IOMMU groups, not functions: every member of the group of a VF meant for a guest
 * must be free of host drivers, or the guest does not start.
 */
export const iommuGroup: HostCheck = {
  id: "iommu-group",
  defaultSeverity: "error",
  description: "A QAT function meant for a guest has an IOMMU group that vfio can use",
  check({ inventory, report }) {
    if (inventory.isGuest || !inventory.iommuActive) return;
    for (const q of inventory.qat) {
      const forGuest =
        (q.pci.driver !== undefined && VFIO_DRIVERS.has(q.pci.driver)) || inventory.guestsOf(q.pci.address).length > 0;
      if (!forGuest) continue;
      const path = q.pci.sysfsPath;
      if (q.pci.iommuGroup === undefined) {
        report({
          path,
          severity: "warning",
          message: `${label(q)} is meant for a guest but has no IOMMU group: vfio-pci cannot use it`,
          hint: "check that the IOMMU covers this device: dmesg | grep -i -e dmar -e iommu",
        });
        continue;
      }
      const blocking = inventory.groupPeers(q.pci).filter(blocks);
      if (blocking.length === 0) continue;
      report({
        path,
        message: `${label(q)} shares IOMMU group ${q.pci.iommuGroup} with ${blocking.map((f) => `${f.address} (driver ${f.driver})`).join(", ")}: vfio needs every device of the group away from host drivers, so its guest will not start`,
        hint: "give the guest the whole group, or move the card to a slot behind a bridge with ACS (check the BIOS's ACS setting)",
      });
    }
  },
};

function blocks(fn: PciFunction): boolean {
  if (fn.classCode.startsWith(BRIDGE_CLASS)) return false;
  return fn.driver !== undefined && !HARMLESS_DRIVERS.has(fn.driver);
}
