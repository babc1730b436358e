import type { Rule } from "../lint/types.ts";
import { unsupportedOnPf } from "../model/allocator.ts";
import { describePfServices } from "../model/instances.ts";

/**
 * A QAT 1.x VF file whose ServicesEnabled asks for a service its PF does not run. The VF's
 * capabilities are the ones its PF enabled, sent over PF-to-VF messages; the VF driver compares the
 * file's services with them (`adf_cfg_update_vf_accel_cap_mask`, `adf_cfg_check_enabled_services`)
 * and stops with "Unsupported device configuration".
 */
export const vfServiceUnsupported: Rule = {
  id: "vf-service-unsupported",
  defaultSeverity: "error",
  description: "A VF file asks for a service that its PF's ServicesEnabled does not run",
  fixAvailability: "never",
  check(context) {
    const device = context.device;
    const pf = device?.pfServices;
    const entry = device?.servicesEnabledEntry;
    if (!device || !pf || !entry || !device.family.servicesEnabled.includes(device.servicesEnabled)) return;
    const missing = unsupportedOnPf(device.servicesEnabled, pf.value);
    if (missing.length === 0) return;
    context.report({
      message: `ServicesEnabled = ${device.servicesEnabled} asks for ${missing.join(" and ")}, which the PF does not run (its ${describePfServices(pf)}): the VF's driver stops with "Unsupported device configuration"`,
      hint: `ask only for services the PF runs, or add ${missing.join(" and ")} to the PF's ServicesEnabled (and restart its driver before the guest's)`,
      range: entry.rawValue.range,
    });
  },
};
