import { kernelRefusal, type ServicesGeneration, servicesGeneration } from "../../qatlib/sysconfig.ts";
import { enableSriovHint, setServicesCommand } from "../commands.ts";
import { label } from "../inventory.ts";
import type { HostCheck } from "../types.ts";

/**
 * What the in-tree driver reads on a GEN4 and later PF: `qat/state` (up or down), `qat/cfg_services`
 * (the services, lost at every reboot), and SR-IOV through `sriov_numvfs`, which needs an IOMMU.
 */
export const intreeDevice: HostCheck = {
  id: "intree-device",
  defaultSeverity: "error",
  description: "An in-tree PF is up, runs services its generation accepts, and has the IOMMU its VFs need",
  check({ inventory, report }) {
    for (const pf of inventory.pfs) {
      if (inventory.holder(pf) !== "host" || inventory.driverStack(pf) !== "in-tree") continue;
      const path = pf.pci.sysfsPath;
      const { qatState: state, cfgServices: services, sriovNumVfs: vfs = 0, sriovTotalVfs: total } = pf.pci;
      if (state === "down") {
        report({
          path,
          message: `${label(pf)} is down (qat/state): it serves nothing and its VFs answer no request; a refused cfg_services write (qat_init.sh writes 'down' first) leaves it so`,
          hint: `echo up > ${path}/qat/state (dmesg says why if it fails)`,
        });
      }
      const generation = servicesGeneration(pf.family.id);
      if (services !== undefined && generation !== undefined) {
        const refusal = kernelRefusal(services, generation);
        report({
          path,
          ...(refusal === undefined ? { severity: "info" as const } : {}),
          message:
            refusal === undefined
              ? `${label(pf)} runs ${services} (qat/cfg_services, state ${state ?? "unknown"}); the kernel keeps it until the next reboot or driver reload`
              : `${label(pf)} shows cfg_services '${services}', which ${refusal}`,
          ...(refusal === undefined
            ? {}
            : { hint: servicesHint(inventory.qatlibInstalled, pf.pci.address, generation) }),
        });
      }
      if (vfs > 0 && !inventory.iommuActive) {
        report({
          path,
          message: `${label(pf)} has ${vfs} VFs but the IOMMU is off: the in-tree driver refuses SR-IOV without one ("IOMMU should be enabled for SR-IOV to work correctly") and vfio cannot hand VFs out`,
          hint: "turn VT-d on in the BIOS and boot with intel_iommu=on (see the iommu check)",
        });
      } else if (vfs === 0 && total !== undefined && total > 0 && inventory.qatlibInstalled) {
        report({
          path,
          severity: "warning",
          message: `${label(pf)} has no VFs enabled, so qatlib has nothing to use: qat.service enables them at each start (sriov_numvfs is lost at reboot)`,
          hint: `systemctl restart qat (or: ${enableSriovHint("in-tree", pf.pci.address, total)})`,
        });
      }
    }
  },
};

/**
 * How to give a PF services its kernel accepts, with the tool in charge: qatlib's file where qatlib
 * runs (qat.service writes it back at each start), else sysfs. `sym;asym` is GEN4's default for even
 * PFs (adf_gen4_cfg_dev_init) and a GEN6 value too.
 */
function servicesHint(qatlib: boolean, pf: string, generation: ServicesGeneration): string {
  const accepted =
    generation === "gen4"
      ? "one service, or two without dcc (sym;asym, sym;dc, asym;dc, dc, ...)"
      : "up to three services, dcc alone";
  const sysfs = setServicesCommand(pf, "sym;asym");
  return qatlib
    ? `set ServicesEnabled=sym;asym (or another value with ${accepted}) in /etc/sysconfig/qat, then systemctl restart qat; by hand: ${sysfs}`
    : `write a value with ${accepted} while the PF is down: ${sysfs}`;
}
