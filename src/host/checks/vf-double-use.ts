import { label } from "../inventory.ts";
import type { GuestHostdev, HostCheck } from "../types.ts";

/**
 * A VF the host uses (held by the host's QAT VF driver) must not be in a guest's definition, and a
 * VF goes to one guest only: with `managed='yes'` libvirt takes the VF from whoever holds it when
 * the guest starts.
 */
export const vfDoubleUse: HostCheck = {
  id: "vf-double-use",
  defaultSeverity: "error",
  description: "No QAT VF is claimed both by the host and by a guest, or by two guests",
  check({ inventory, report }) {
    for (const q of inventory.qat) {
      const uses = inventory.guestsOf(q.pci.address);
      if (uses.length === 0) continue;
      const path = q.pci.sysfsPath;
      if (inventory.holder(q) === "host") {
        const config = inventory.expectedConfig(q);
        report({
          path,
          message: `${label(q)} is used by the host (driver ${q.pci.driver}${config ? `, ${config.path}` : ""}) and given to guest ${where(uses)}: starting the guest takes it from the host's processes`,
          hint: `give the guest a free VF instead (qatconf vf-plan --guests ${uses[0]?.guest}=1), or stop using it on the host`,
        });
      }
      const guests = [...new Set(uses.map((u) => u.guest))];
      if (guests.length > 1) {
        report({
          path,
          severity: "warning",
          message: `${label(q)} is given to ${guests.length} guests (${where(uses)}): only the first one started gets it`,
          hint: "give each guest its own VFs: qatconf vf-plan",
        });
      }
    }
  },
};

function where(uses: GuestHostdev[]): string {
  return uses.map((u) => `${u.guest} (${u.path}:${u.range.start.line})`).join(", ");
}
