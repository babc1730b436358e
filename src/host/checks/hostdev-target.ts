import { enableSriovHint, enableVfsCommand } from "../commands.ts";
import { label } from "../inventory.ts";
import { parsePciAddress } from "../pci-address.ts";
import type { HostCheck } from "../types.ts";

/**
 * A guest's QAT hostdev must name a function that exists (VFs vanish when SR-IOV is not enabled
 * again after a reboot), and a PF given whole must not have VFs or a host driver of its own.
 */
export const hostdevTarget: HostCheck = {
  id: "hostdev-target",
  defaultSeverity: "error",
  description: "Each QAT hostdev of a guest names a function that exists and is free to be given",
  check({ inventory, report }) {
    if (inventory.isGuest) return;
    for (const h of inventory.host.guestHostdevs) {
      const base = { path: h.path, range: h.range };
      const q = inventory.qatAt(h.address);
      if (q === undefined) {
        const pf = inventory.pfs.find(
          (p) => sameBus(p.pci.address, h.address) && inventory.pci(h.address) === undefined,
        );
        if (!pf) continue;
        const total = pf.pci.sriovTotalVfs ?? pf.family.maxVfs ?? 1;
        report({
          ...base,
          message: `guest ${h.guest} is given ${h.address}, which does not exist: it looks like a VF of ${label(pf)}, whose VFs are not enabled (${pf.pci.sriovNumVfs ?? 0} now), so ${h.guest} will not start`,
          hint: enableSriovHint(inventory.driverStack(pf), pf.pci.address, total),
        });
        continue;
      }
      if (q.isVf) continue;
      const vfs = q.pci.sriovNumVfs ?? 0;
      if (vfs > 0) {
        report({
          ...base,
          message: `guest ${h.guest} is given the whole ${label(q)}, which has ${vfs} VFs enabled: the VFs stop working when the guest takes the PF`,
          hint: `give the guest VFs instead (qatconf vf-plan --guests ${h.guest}=1), or disable the VFs first: ${enableVfsCommand(q.pci.address, 0)}`,
        });
      }
    }
  },
};

function sameBus(a: string, b: string): boolean {
  const pa = parsePciAddress(a);
  const pb = parsePciAddress(b);
  return pa !== undefined && pb !== undefined && pa.domain === pb.domain && pa.bus === pb.bus;
}
