import { plural } from "../../text/plural.ts";
import type { Inventory } from "../inventory.ts";
import { label } from "../inventory.ts";
import type { HostCheck, QatFunction } from "../types.ts";

/** The /dev/vfio nodes of qatlib's VFs of one PF that it cannot open, by reason. */
interface Blocked {
  pf: QatFunction;
  missing: string[];
  owner: string[];
  mode: string[];
}

/** qatlib's VFs (on vfio, under an in-tree PF, given to no guest) whose node is missing or closed. */
function blockedNodes(inventory: Inventory): Blocked[] {
  const group = inventory.qatlibGroup;
  const byPf = new Map<string, Blocked>();
  for (const vf of inventory.vfs) {
    const pf = inventory.pfOf(vf);
    if (!pf || inventory.driverStack(pf) !== "in-tree" || inventory.holder(vf) !== "vfio") continue;
    if (inventory.guestsOf(vf.pci.address).length > 0) continue;
    const entry = byPf.get(pf.pci.address) ?? { pf, missing: [], owner: [], mode: [] };
    byPf.set(pf.pci.address, entry);
    const node = inventory.vfioNode(vf.pci);
    const name = `/dev/vfio/${vf.pci.iommuGroup ?? "?"}`;
    if (!node) entry.missing.push(name);
    else if (group && node.gid !== group.gid) entry.owner.push(name);
    else if ((node.mode & 0o060) !== 0o060) entry.mode.push(name);
  }
  return [...byPf.values()];
}

/**
 * Each VF qatlib uses is open to its group: qatmgr and every process open `/dev/vfio/<group>`
 * read-write, and skip a node they cannot open without a word ("No devices found" in the end);
 * qat_init.sh and its udev rule give the nodes to group `qat` with `chmod +060`.
 */
export const vfioAccess: HostCheck = {
  id: "vfio-access",
  defaultSeverity: "error",
  description: "Each VF qatlib uses has /dev/vfio/<group> owned by group qat and group read-write",
  check({ inventory, report }) {
    if (!inventory.qatlibInstalled || inventory.host.vfioNodes === undefined) return;
    const groupName = inventory.qatlibGroupName;
    for (const { pf, missing, owner, mode } of blockedNodes(inventory)) {
      const path = pf.pci.sysfsPath;
      const some = (list: string[]): string => `${plural(list.length, "VF")} of ${label(pf)} (first: ${list[0]})`;
      if (missing.length > 0) {
        report({
          path,
          message: `${some(missing)} ha${missing.length === 1 ? "s" : "ve"} no /dev/vfio node: vfio has no IOMMU group for them, so qatlib cannot open them`,
          hint: "turn the IOMMU on (intel_iommu=on) and systemctl restart qat",
        });
      }
      if (owner.length > 0) {
        report({
          path,
          message: `${some(owner)}: the /dev/vfio node is not in group ${groupName}, so processes of the group cannot open it and qatlib skips the VF silently`,
          hint: `chown :${groupName} /dev/vfio/<N> && chmod g+rw /dev/vfio/<N> for each, or qat_init.sh reload-permissions (qatlib 26.02 and later runs it from its udev rule; with vfio-pci.ids= on the kernel command line older versions skip it)`,
        });
      }
      if (mode.length > 0) {
        report({
          path,
          message: `${some(mode)}: the /dev/vfio node is not group read-write, so processes of group ${groupName} cannot open it and qatlib skips the VF silently`,
          hint: "chmod g+rw /dev/vfio/<N> for each, or qat_init.sh reload-permissions",
        });
      }
    }
  },
};
