import type { Rule } from "../lint/types.ts";
import { allocate } from "../model/allocator.ts";
import { instanceSectionsOf } from "./instance-support.ts";

/**
 * Kernel instances in a VF file. A VF has few banks (one on QAT 1.x, four single-pair banks on
 * QAT 2.0); kernel instances are placed first and user poll-mode instances only use banks after the
 * last kernel bank (`adf_cfg_get_ring_pairs`, `max_kernel_bundle_nr`), so each kernel instance
 * takes a whole bank from the guest's processes. Intel's VF files declare none (application note 330689).
 */
export const vfKernelInstances: Rule = {
  id: "vf-kernel-instances",
  defaultSeverity: "warning",
  description: "A VF file declares kernel instances, which take whole banks from the guest's user processes",
  fixable: false,
  check(context) {
    const device = context.device;
    if (!device?.isVf) return;
    const banks = device.layout?.banks;
    const taken = allocate(device).firstUserBank;
    for (const section of instanceSectionsOf(context)) {
      if (!section.kernel) continue;
      for (const setting of [section.numberCy, section.numberDc]) {
        if (!setting || setting.value === undefined || setting.value <= 0) continue;
        const key = setting === section.numberCy ? "NumberCyInstances" : "NumberDcInstances";
        const share =
          banks === undefined || taken === 0
            ? ""
            : `: they take ${taken} of the VF's ${banks} bank${banks === 1 ? "" : "s"}, and user poll-mode instances only use banks after the kernel's`;
        context.report({
          message: `[${section.name}] declares kernel instances (${key} = ${setting.value}) in a VF file${share}`,
          hint: `set ${key} = 0 in [${section.name}] and declare the guest's instances in a user section, as Intel's VF files do`,
          range: setting.entry.range,
        });
      }
    }
  },
};
