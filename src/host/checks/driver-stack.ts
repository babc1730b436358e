import { driverModule } from "../commands.ts";
import { isQatModule, label } from "../inventory.ts";
import type { HostCheck } from "../types.ts";

/**
 * Which driver runs each QAT PF: the kernel's in-tree modules (with qatlib in user space), or Intel's
 * out-of-tree package (adf_ctl, qat_service). Both installed on one host fight over the devices:
 * whichever loads first holds them, and the other's service fails or takes the VFs away.
 */
export const driverStack: HostCheck = {
  id: "driver-stack",
  defaultSeverity: "error",
  description: "Which driver runs each PF (in-tree or out-of-tree), and both installed fighting over the devices",
  check({ inventory, report }) {
    const modules = inventory.host.modules;
    for (const pf of inventory.pfs) {
      if (inventory.holder(pf) !== "host") continue;
      const stack = inventory.driverStack(pf);
      const module = inventory.module(pf)?.name ?? driverModule(pf.family, false);
      report({
        path: pf.pci.sysfsPath,
        severity: "info",
        message:
          stack === "in-tree"
            ? `${label(pf)} is driven by the kernel's in-tree module ${module}: configured through sysfs (and qatlib's /etc/sysconfig/qat), not /etc/*_dev*.conf`
            : stack === "out-of-tree"
              ? `${label(pf)} is driven by Intel's out-of-tree package (${module}, flagged O in /proc/modules): adf_ctl reads its /etc file`
              : `${label(pf)}: which driver runs it is not known (no QAT module in /proc/modules)`,
      });
    }
    const ootLoaded = (modules ?? []).some((m) => isQatModule(m.name) && m.outOfTree);
    const inTreeLoaded = (modules ?? []).some((m) => isQatModule(m.name) && !m.outOfTree);
    const qatlib = inventory.qatlibInstalled;
    if (!inventory.outOfTreeInstalled || !(inTreeLoaded || qatlib)) return;
    const path = modules ? "/proc/modules" : (inventory.host.ootService ?? "/proc/modules");
    const what = [
      ootLoaded ? "out-of-tree QAT modules are loaded" : "the out-of-tree package is installed",
      inTreeLoaded ? "in-tree QAT modules are loaded" : undefined,
      qatlib ? "qatlib's qat.service is installed" : undefined,
    ].filter((w) => w !== undefined);
    report({
      path,
      message: `both QAT drivers are on this host (${what.join(", ")}): they fight over the devices, and qatlib cannot use the out-of-tree driver (it needs vfio; the package uses its own uio)`,
      hint: ootLoaded
        ? "to keep the out-of-tree package: remove qatlib (apt remove qatlib / dnf remove qatlib) and keep the in-tree modules from loading: echo 'blacklist intel_qat' > /etc/modprobe.d/blacklist-qat.conf, rebuild the initramfs (update-initramfs -u or dracut -f), reboot, then service qat_service start; to use qatlib instead: uninstall the package (make uninstall in its folder) and reboot"
        : "uninstall the out-of-tree package (make uninstall in its folder, which removes /etc/init.d/qat_service) so that only the in-tree driver and qatlib remain, or remove qatlib to use the package",
    });
  },
};
