import { enableSriovHint } from "../commands.ts";
import { label } from "../inventory.ts";
import type { HostCheck } from "../types.ts";

/** Each PF of a family with VFs shows the SR-IOV capability, and how many of its VFs are enabled. */
export const sriov: HostCheck = {
  id: "sriov",
  defaultSeverity: "warning",
  description: "A QAT PF has the SR-IOV capability (sriov_totalvfs) and its VFs enabled (sriov_numvfs)",
  check({ inventory, report }) {
    for (const pf of inventory.pfs) {
      if (pf.family.vf === undefined) continue;
      const { sriovTotalVfs: total, sriovNumVfs: enabled = 0, sysfsPath: path, address } = pf.pci;
      if (total === undefined || total === 0) {
        report({
          path,
          message: `${label(pf)} shows no SR-IOV capability (no sriov_totalvfs): SR-IOV is off in the BIOS`,
          hint: "enable SR-IOV (and Intel VT-d) in the BIOS setup, then reboot",
        });
      } else if (enabled === 0) {
        report({
          path,
          severity: "info",
          message: `${label(pf)} can expose ${total} VFs; none is enabled`,
          hint: enableSriovHint(inventory.driverStack(pf), address, total),
        });
      } else {
        report({ path, severity: "info", message: `${label(pf)} has ${enabled} of ${total} VFs enabled` });
      }
    }
  },
};
