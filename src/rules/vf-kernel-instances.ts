import type { Rule } from "../lint/types.ts";
import { allocate } from "../model/allocator.ts";
import { instanceSectionsOf } from "../model/instances.ts";
import type { DeviceConfig } from "../model/types.ts";
import { plural } from "../text/plural.ts";

/**
 * Kernel instances in a VF file that also creates user instances. A VF has few banks (one on QAT
 * 1.x, four single-pair banks on QAT 2.0); kernel instances are placed first and user poll-mode
 * instances only use banks after the last kernel bank (`adf_cfg_get_ring_pairs`,
 * `max_kernel_bundle_nr`), so each kernel instance takes a whole bank from the guest's processes.
 * A guest that uses the kernel API alone is a shape the driver accepts and Intel ships (the
 * package's `<device>vf_dev0.conf.vm.km` samples): with no user instance, nothing is taken from anyone.
 */
/**
 * What the kernel instances take, for the message: QAT 1.7 keeps user poll-mode instances after the
 * last kernel bank; QAT 2.0 only loses the banks the kernel instances sit in (it has no
 * `max_kernel_bundle_nr`).
 */
function bankShare(device: DeviceConfig): string {
  const banks = device.layout?.banks;
  const result = allocate(device);
  const qat20 = device.driver?.sharing === "qat20";
  const taken = qat20 ? result.banks.filter((b) => b.type === "kernel").length : result.firstUserBank;
  if (banks === undefined || taken === 0) return "";
  const after = qat20 ? "" : ", and user poll-mode instances only use banks after the kernel's";
  return `: they take ${taken} of the VF's ${plural(banks, "bank")}${after}`;
}

export const vfKernelInstances: Rule = {
  id: "vf-kernel-instances",
  defaultSeverity: "warning",
  description: "A VF file declares kernel instances, which take whole banks from the guest's user processes",
  fixAvailability: "never",
  needsDevice: true,
  check(context) {
    const device = context.device;
    if (!device?.isVf) return;
    if (!device.instances.some((instance) => !instance.kernel)) return;
    const share = bankShare(device);
    for (const section of instanceSectionsOf(context)) {
      if (!section.kernel) continue;
      for (const setting of [section.numberCy, section.numberDc]) {
        if (!setting || setting.value === undefined || setting.value <= 0) continue;
        const key = setting === section.numberCy ? "NumberCyInstances" : "NumberDcInstances";
        context.report({
          message: `[${section.name}] declares kernel instances (${key} = ${setting.value}) in a VF file that also has user instances${share}`,
          hint: `set ${key} = 0 in [${section.name}] and declare the guest's instances in a user section, or keep the kernel instances and declare no user instances`,
          range: setting.entry.range,
        });
      }
    }
  },
};
