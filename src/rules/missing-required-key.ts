import { driverValue, type MergedSectionView, type SectionView } from "../config/view.ts";
import type { Severity } from "../diagnostics.ts";
import { fileStart } from "../lint/rule-support/ranges.ts";
import type { Rule, RuleContext } from "../lint/types.ts";
import { sectionKind } from "../model/keys.ts";
import type { Generation } from "../model/types.ts";
import type { Range } from "../syntax/tree.ts";

/**
 * Keys without which the driver does not start the device:
 * - no [GENERAL] section: adf_ctl stops with "No GENERAL section found" (`dev_config::configure_dev`);
 * - no ConfigVersion in [GENERAL]: "Key ConfigVersion missing in GENERAL section" (`validate_config`,
 *   QAT 1.6 and later; QAT 1.5 reads a file without it as the older version 1 format);
 * - no ServicesEnabled: `adf_cfg_get_services_enabled` fails and the device is not initialised;
 * - the instance count of an enabled service missing from [KERNEL]/[KERNEL_QAT] or from a user
 *   section with processes: `adf_cfg_create_rings_entries_for_cy_inst`/`_dc_inst` fail without it
 *   ("Failed to create rings for cy/dc"). The count of a service that is not enabled is read too:
 *   the Linux package defaults it to 0 with a warning, FreeBSD's driver fails (a warning here).
 */
export const missingRequiredKey: Rule = {
  id: "missing-required-key",
  defaultSeverity: "error",
  description: "A section or key the driver needs to start the device is missing",
  fixAvailability: "never",
  check(context) {
    const qat15 = context.family?.generation === "1.5";
    const general = context.view.merged("GENERAL");
    if (!general) {
      context.report({
        message: 'the file has no [GENERAL] section: adf_ctl stops with "No GENERAL section found"',
        hint: "add a [GENERAL] section with ServicesEnabled and ConfigVersion = 2",
        range: fileStart(context.document),
      });
    } else {
      const at = (general.parts[0] as SectionView).node.header.name.range;
      if (!general.has("ServicesEnabled")) {
        reportMissing(
          context,
          "GENERAL",
          "ServicesEnabled",
          at,
          "the driver cannot choose the services and does not start the device",
          `add ServicesEnabled (for example ${servicesExample(context.family?.generation)})`,
          qat15 ? "warning" : undefined,
        );
      }
      if (!qat15 && !general.has("ConfigVersion")) {
        reportMissing(
          context,
          "GENERAL",
          "ConfigVersion",
          at,
          'adf_ctl stops with "Key ConfigVersion missing in GENERAL section"',
          "add ConfigVersion = 2",
        );
      }
    }
    if (qat15) return;
    const services = enabledServices(context);
    if (!services) return;
    for (const section of context.view.mergedSections()) {
      if (!needsInstanceCounts(section)) continue;
      const { name } = section;
      const at = (section.parts[0] as SectionView).node.header.name.range;
      for (const [key, enabled] of [
        ["NumberCyInstances", services.crypto],
        ["NumberDcInstances", services.dc],
      ] as const) {
        if (section.has(key)) continue;
        if (enabled) {
          reportMissing(
            context,
            name,
            key,
            at,
            "the driver needs it to create the section's instances and the device fails to start",
            `add ${key}`,
          );
        } else {
          reportMissing(
            context,
            name,
            key,
            at,
            `the Linux driver logs "${key} is not specified, setting to 0 by default"; the FreeBSD driver stops`,
            `add ${key} = 0`,
            "warning",
          );
        }
      }
    }
  },
};

/**
 * The services ServicesEnabled turns on, by the driver's token test (`strncmp` on each `;` token:
 * cy, sym and asym are crypto, dc is compression); `undefined` when ServicesEnabled is absent.
 */
function enabledServices(context: RuleContext): { crypto: boolean; dc: boolean } | undefined {
  const entry = context.view.merged("GENERAL")?.entry("ServicesEnabled");
  if (!entry) return undefined;
  const tokens = driverValue(entry.rawValue.text).split(";");
  return {
    crypto: tokens.some((t) => t.startsWith("cy") || t.startsWith("sym") || t.startsWith("asym")),
    dc: tokens.some((t) => t.startsWith("dc")),
  };
}

/** Kernel sections always; user sections only when they have processes (NumProcesses > 0). */
function needsInstanceCounts(section: MergedSectionView): boolean {
  const kind = sectionKind(section.name);
  if (kind === "kernel") return true;
  if (kind !== "user") return false;
  const processes = section.number("NumProcesses");
  return processes !== undefined && processes > 0;
}

function reportMissing(
  context: RuleContext,
  section: string,
  key: string,
  range: Range,
  why: string,
  hint: string,
  severity?: Severity,
): void {
  context.report({
    message: `[${section}] has no ${key}: ${why}`,
    hint,
    range,
    ...(severity === undefined ? {} : { severity }),
  });
}

/** A ServicesEnabled value the file's generation takes; all three spellings when it is unknown. */
function servicesExample(generation: Generation | undefined): string {
  if (generation === "1.5") return "cy0;dc";
  if (generation === "2.0") return "asym;sym";
  if (generation === undefined) return "cy;dc, cy0;dc on QAT 1.5, or asym;sym on QAT 2.0";
  return "cy;dc";
}
