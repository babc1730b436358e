import type { Rule, RuleContext } from "../lint/types.ts";
import { COUNT_KEY } from "../model/instances.ts";
import type { CountSetting, InstanceKind, InstanceSection } from "../model/types.ts";
import { instanceSectionsOf, isProcessed, kindEnabled } from "./instance-support.ts";

/** ServicesEnabled values for which the driver refuses the other service's instances outright. */
const REFUSES: Readonly<Record<InstanceKind, readonly string[]>> = {
  dc: ["cy", "asym", "sym"],
  cy: ["dc"],
};

/**
 * Instances of a service ServicesEnabled does not enable. With exactly `cy`, `asym` or `sym` the
 * driver stops on Dc instances ("NumDcInstances > 0,when CY only is enabled"), with `dc` on Cy
 * instances ("NumCyInstances > 0,when DC only is enabled"), in
 * `adf_cfg_create_rings_entries_for_cy_inst`/`_dc_inst`: an error. With other values (`asym;sym`)
 * the ring map has no slot for them and they are silently not created: a warning.
 */
export const serviceNotEnabled: Rule = {
  id: "service-not-enabled",
  defaultSeverity: "error",
  description: "A section declares instances of a service that ServicesEnabled does not enable",
  fixable: false,
  needsDevice: true,
  check(context) {
    const device = context.device;
    if (!device?.ringMap) return;
    for (const section of instanceSectionsOf(context)) {
      if (!isProcessed(section)) continue;
      for (const kind of ["cy", "dc"] as const) {
        const setting = kind === "cy" ? section.numberCy : section.numberDc;
        if (!setting || (setting.value ?? 0) <= 0 || kindEnabled(context, kind) !== false) continue;
        report(context, section, kind, setting, REFUSES[kind].includes(device.servicesEnabled));
      }
    }
  },
};

function report(
  context: RuleContext,
  section: InstanceSection,
  kind: InstanceKind,
  setting: CountSetting,
  refused: boolean,
): void {
  const services = context.device?.servicesEnabled ?? "";
  const what = kind === "dc" ? "compression (Dc)" : "crypto (Cy)";
  const driver =
    kind === "dc" ? "NumDcInstances > 0,when CY only is enabled" : "NumCyInstances > 0,when DC only is enabled";
  const consequence = refused ? `the driver stops with "${driver}"` : "the driver creates none of them";
  context.report({
    message: `[${section.name}] asks for ${setting.value} ${what} instances, but ServicesEnabled = ${services} enables no ${kind === "dc" ? "compression" : "crypto"}: ${consequence}`,
    hint: `set ${COUNT_KEY[kind]} = 0 in [${section.name}], or add ${kind === "dc" ? "dc" : "a crypto service"} to ServicesEnabled in [GENERAL]`,
    range: setting.entry.range,
    ...(refused ? {} : { severity: "warning" as const }),
  });
}
