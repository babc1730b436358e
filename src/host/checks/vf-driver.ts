import { isQat1, qatlibDrives } from "../../model/devices.ts";
import { bindVfioCommand, driverModule } from "../commands.ts";
import { hostDriverNames, type Inventory, label, VFIO } from "../inventory.ts";
import type { HostCheck, HostCheckContext, QatFunction } from "../types.ts";

/**
 * On a host, each VF is held either by the host's VF driver (the host uses it) or by vfio-pci (for
 * a guest); in a guest, by the guest's VF driver, or by vfio-pci for qatlib (GEN4 and later).
 */
export const vfDriver: HostCheck = {
  id: "vf-driver",
  defaultSeverity: "warning",
  description: "A QAT VF is bound to vfio-pci (for a guest) or to the QAT VF driver (host or guest use)",
  check({ inventory, report }) {
    for (const vf of inventory.vfs) {
      const holder = inventory.holder(vf);
      const path = vf.pci.sysfsPath;
      const vfDriverName = hostDriverNames(vf.family, true)[0];
      const module = driverModule(vf.family, true);
      if (inventory.isGuest) {
        checkGuestVf(inventory, vf, report);
        continue;
      }
      // The kernel has no in-tree VF driver for QAT 2.0 and later: those VFs are used through vfio
      // (qatlib on the host, or a guest), which qatlib's qat.service binds them to at each start.
      const pf = inventory.pfOf(vf);
      const vfioOnly = pf !== undefined && inventory.driverStack(pf) === "in-tree" && !isQat1(vf.family);
      if (holder === "none") {
        report({
          path,
          message: `${label(vf)} has no driver: neither the host nor a guest can use it`,
          hint: vfioOnly
            ? `${inventory.qatlibInstalled ? "for qatlib: systemctl restart qat (qat_init.sh binds the VFs to vfio-pci); " : ""}for a guest or qatlib: ${bindVfioCommand(vf.pci.address)} (the kernel has no in-tree ${vfDriverName} driver)`
            : `for a guest: ${bindVfioCommand(vf.pci.address)}; for the host: modprobe ${module}`,
        });
      } else if (holder === "other") {
        report({
          path,
          message: `${label(vf)} is bound to ${vf.pci.driver}: neither ${VFIO} (for a guest) nor the QAT VF driver ${vfDriverName} (for the host)`,
          hint: bindVfioCommand(vf.pci.address, vf.pci.driver),
        });
      }
    }
  },
};

/** In a guest: the VF is held by its VF driver, or on vfio for qatlib (GEN4 and later). */
function checkGuestVf(inventory: Inventory, vf: QatFunction, report: HostCheckContext["report"]): void {
  const holder = inventory.holder(vf);
  const vfDriverName = hostDriverNames(vf.family, true)[0];
  // qatlib in a guest uses GEN4 and later VFs through vfio: its qat_init.sh binds them there.
  const qatlib = qatlibDrives(vf.family);
  if (holder === "host" || (qatlib && holder === "vfio")) return;
  const outOfTree = vf.family.inTreeOnly
    ? undefined
    : `modprobe ${driverModule(vf.family, true)} (out-of-tree package: build it with ./configure --enable-icp-sriov=guest)`;
  report({
    path: vf.pci.sysfsPath,
    severity: "error",
    message: `${label(vf)} is not bound to ${qatlib ? `vfio-pci (for qatlib)${outOfTree ? ` or the out-of-tree VF driver ${vfDriverName}` : ""}` : `the QAT VF driver ${vfDriverName}`} in this guest (driver: ${vf.pci.driver ?? "none"})`,
    hint: qatlib
      ? `qatlib: systemctl enable --now qat (qat_init.sh binds the VFs to vfio-pci), or ${bindVfioCommand(vf.pci.address, vf.pci.driver)}${outOfTree ? `; out-of-tree package: ${outOfTree}` : ""}`
      : (outOfTree ?? ""),
  });
}
