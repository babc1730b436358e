import { qatlibDrives } from "../../model/devices.ts";
import { label } from "../inventory.ts";
import type { HostCheck, QatFunction } from "../types.ts";

/**
 * In a guest, qatlib tells host PFs apart by the VFs' guest domain and bus (vfio_mgr_lib.c `PF(bdf)`):
 * two VF types on one bus are two host PFs it takes for one, and with POLICY=0 ("one VF from each
 * PF") VFs that each sit on a bus of their own go to the first process, all of them.
 */
export const qatlibGuestLayout: HostCheck = {
  id: "qatlib-guest-layout",
  defaultSeverity: "warning",
  description: "In a qatlib guest, each host PF's VFs share a guest bus of their own, as qatlib tells PFs apart by bus",
  check({ inventory, report }) {
    if (!inventory.isGuest || !inventory.qatlibInstalled) return;
    const byBus = new Map<string, QatFunction[]>();
    for (const vf of inventory.vfs) {
      if (!qatlibDrives(vf.family) || inventory.holder(vf) !== "vfio") continue;
      const bus = inventory.qatlibPf(vf);
      byBus.set(bus, [...(byBus.get(bus) ?? []), vf]);
    }
    const hint =
      "on the host, give each host PF's VFs a guest bus of their own, function 0 multifunction='on' (qatconf vf-plan --guest-stack qatlib writes that XML)";
    for (const [bus, vfs] of byBus) {
      const types = [...new Set(vfs.map((vf) => vf.family.id))];
      if (types.length < 2) continue;
      report({
        path: vfs[0]?.pci.sysfsPath ?? "/sys/bus/pci/devices",
        message: `VFs of ${types.join(" and ")} share guest bus ${bus}: they come from different host PFs, but qatlib takes every VF of one bus for one PF's, with one PF's services`,
        hint,
      });
    }
    const lone = [...byBus.values()].every((vfs) => vfs.length === 1);
    if (inventory.qatlibPolicy !== 0 || byBus.size < 2 || !lone) return;
    const first = [...byBus.values()][0]?.[0];
    report({
      path: first?.pci.sysfsPath ?? "/sys/bus/pci/devices",
      message: `qatlib sees ${byBus.size} PFs of one VF each (${first ? label(first) : "each VF"} and the others each sit on a guest bus of their own): with POLICY=0 a process gets one VF of each PF, so the first process takes all ${byBus.size} and the next finds no device`,
      hint: `${hint}; or set POLICY=1 (or more) in /etc/sysconfig/qat and systemctl restart qat`,
    });
  },
};
