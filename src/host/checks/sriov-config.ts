import { label } from "../inventory.ts";
import type { HostCheck } from "../types.ts";

/**
 * `SRIOV_Enabled` in a PF's file says whether the out-of-tree driver enables VFs when `adf_ctl up`
 * starts the device. It must agree with what the host has now, or the next restart changes it.
 */
export const sriovConfig: HostCheck = {
  id: "sriov-config",
  defaultSeverity: "warning",
  description: "SRIOV_Enabled in a PF's configuration file matches whether the PF has VFs",
  check({ inventory, report }) {
    for (const pf of inventory.pfs) {
      const file = inventory.expectedConfig(pf)?.file;
      if (!file || pf.family.vf === undefined || pf.pci.inTreeQatSysfs) continue;
      const setting = inventory.sriovEnabled(file);
      const enabled = pf.pci.sriovNumVfs ?? 0;
      const range = setting?.entry.range;
      if (setting?.value === 1 && enabled === 0) {
        report({
          path: file.path,
          ...(range ? { range } : {}),
          message: `SRIOV_Enabled = 1 but ${label(pf)} has no VFs: the device was not restarted since, SR-IOV or VT-d is off, or the driver was built without SR-IOV support`,
          hint: "adf_ctl restart, then check: dmesg | grep -i -e dmar -e iommu -e qat (the out-of-tree package must be configured with --enable-icp-sriov=host)",
        });
      } else if (setting?.value !== 1 && enabled > 0) {
        report({
          path: file.path,
          ...(range ? { range } : {}),
          message: `${label(pf)} has ${enabled} VFs but this file does not set SRIOV_Enabled = 1: the out-of-tree driver starts the device without VFs at the next adf_ctl restart, taking them from their guests`,
          hint: "set SRIOV_Enabled = 1 in [GENERAL] (and 0 kernel instances: the PF serves no instances while SR-IOV is on)",
        });
      }
    }
  },
};
