import { driverModule, loadDriverHint } from "../commands.ts";
import { hostDriverNames, label, VFIO } from "../inventory.ts";
import type { HostCheck } from "../types.ts";

/** Each PF is held by its QAT driver (or deliberately by vfio-pci, passed through whole). */
export const pfDriver: HostCheck = {
  id: "pf-driver",
  defaultSeverity: "error",
  description: "A QAT PF is bound to its QAT driver, or to vfio-pci when it is passed through whole",
  check({ inventory, report }) {
    for (const pf of inventory.pfs) {
      const expected = hostDriverNames(pf.family, false)[0];
      const module = driverModule(pf.family, false);
      const holder = inventory.holder(pf);
      const path = pf.pci.sysfsPath;
      if (holder === "none") {
        report({
          path,
          message: `${label(pf)} has no driver: its services and its VFs are unavailable`,
          hint: loadDriverHint(inventory.driverStack(pf), module),
        });
      } else if (holder === "vfio") {
        report({
          path,
          severity: "info",
          message: `${label(pf)} is bound to ${VFIO}: it is passed through whole to a guest, and the host cannot enable its VFs`,
        });
      } else if (holder === "other") {
        report({
          path,
          severity: "warning",
          message: `${label(pf)} is bound to ${pf.pci.driver}, not to the QAT driver ${expected}`,
          hint: `echo ${pf.pci.address} > /sys/bus/pci/devices/${pf.pci.address}/driver/unbind && modprobe ${module}`,
        });
      }
    }
  },
};
