import type { Rule, RuleContext } from "../lint/types.ts";
import { unenabledServiceRefusal } from "../model/allocator.ts";
import { COUNT_KEY, instanceSectionsOf, isProcessed, kindEnabled } from "../model/instances.ts";
import type { CountSetting, InstanceKind, InstanceSection } from "../model/types.ts";
import { plural } from "../text/plural.ts";

/**
 * Instances of a service that ServicesEnabled does not name. L.4.24 refuses them outright when it
 * creates the other service's instances of the section ("NumDcInstances > 0, when DC is not
 * enabled", "NumCyInstances > 0, when CY is not enabled", `adf_cfg_create_rings_entries_for_cy_inst`
 * and `_dc_inst`): an error, also in a VF whose PF's ring map has the service. Where the package
 * does not refuse (L.4.8, QAT 2.0 L.1.1.50) and the ring map has no slot for them, they are
 * silently not created: a warning.
 */
export const serviceNotEnabled: Rule = {
  id: "service-not-enabled",
  defaultSeverity: "error",
  description: "A section declares instances of a service that ServicesEnabled does not enable",
  fixAvailability: "never",
  needsDevice: true,
  check(context) {
    const device = context.device;
    if (!device?.ringMap) return;
    for (const section of instanceSectionsOf(context)) {
      if (!isProcessed(section)) continue;
      for (const kind of ["cy", "dc"] as const) {
        const setting = kind === "cy" ? section.numberCy : section.numberDc;
        const count = setting?.value;
        if (!setting || count === undefined || count <= 0) continue;
        const refusal = unenabledServiceRefusal(device, section, kind);
        if (refusal)
          report(context, section, kind, { entry: setting.entry, value: count }, `the driver stops with "${refusal}"`);
        else if (kindEnabled(context, kind) === false)
          report(context, section, kind, { entry: setting.entry, value: count });
      }
    }
  },
};

function report(
  context: RuleContext,
  section: InstanceSection,
  kind: InstanceKind,
  setting: CountSetting & { value: number },
  refusal?: string,
): void {
  const services = context.device?.servicesEnabled ?? "";
  const what = kind === "dc" ? "compression (Dc)" : "crypto (Cy)";
  const consequence = refusal ?? "the driver creates none of them";
  context.report({
    message: `[${section.name}] asks for ${plural(setting.value, `${what} instance`)}, but ServicesEnabled = ${services} enables no ${kind === "dc" ? "compression" : "crypto"}: ${consequence}`,
    hint: `set ${COUNT_KEY[kind]} = 0 in [${section.name}], or add ${kind === "dc" ? "dc" : "a crypto service"} to ServicesEnabled in [GENERAL]`,
    range: setting.entry.range,
    ...(refusal ? {} : { severity: "warning" as const }),
  });
}
