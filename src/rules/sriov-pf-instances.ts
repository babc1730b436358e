import type { Rule } from "../lint/types.ts";
import { instanceSectionsOf, isProcessed } from "../model/instances.ts";
import { plural } from "../text/plural.ts";

/**
 * A PF file with `SRIOV_Enabled = 1` hands the device's banks to its VFs: per Intel's application
 * note 330689 the PF's own kernel and user instances are not created while SR-IOV is on, and Intel's
 * SR-IOV host files set every count to 0. The device still starts, so this is a warning: the
 * instances the file describes simply are not there.
 */
export const sriovPfInstances: Rule = {
  id: "sriov-pf-instances",
  defaultSeverity: "warning",
  description: "A PF file with SRIOV_Enabled = 1 declares instances that are not created while SR-IOV is on",
  fixAvailability: "never",
  needsDevice: true,
  check(context) {
    const device = context.device;
    if (!device || device.isVf || !device.sriovEnabled) return;
    for (const section of instanceSectionsOf(context)) {
      if (!isProcessed(section)) continue;
      for (const setting of [section.numberCy, section.numberDc]) {
        if (!setting || setting.value === undefined || setting.value <= 0) continue;
        const key = setting === section.numberCy ? "NumberCyInstances" : "NumberDcInstances";
        context.report({
          message: `[${section.name}] asks for ${plural(setting.value, "instance")} (${key}), but SRIOV_Enabled = 1 gives the device's rings to its VFs: the PF creates none`,
          hint: `set ${key} = 0 and declare the instances in the VF files (<device>vf_devN.conf), or set SRIOV_Enabled = 0 if this host uses the PF itself`,
          range: setting.entry.range,
        });
      }
    }
  },
};
