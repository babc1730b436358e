import type { Rule, RuleContext } from "../lint/types.ts";
import { COUNT_KEY, describeInstance, instanceSectionsOf, isProcessed, kindEnabled } from "../model/instances.ts";
import type { InstanceDeclaration, InstanceSection } from "../model/types.ts";

/** Keys the driver reads for every instance it creates, and what to write. */
const REQUIRED: readonly { suffix: string; example: string }[] = [
  { suffix: "Name", example: 'Name = "<name>"' },
  { suffix: "IsPolled", example: "IsPolled = 1 (poll; 2 for epoll)" },
  { suffix: "CoreAffinity", example: "CoreAffinity = <CPU number>" },
];

/**
 * An instance the driver creates without its Name, IsPolled or CoreAffinity key. For each counted
 * instance `adf_cfg_create_rings_entries_for_cy_inst`/`_dc_inst` read all three
 * (`adf_cfg_set_core_number_for_instance`, `adf_cfg_get_param_value`, `adf_cfg_set_value`) and on a
 * missing one stop with "Failed to create rings for cy/dc": the device is not configured.
 */
export const instanceMissingKey: Rule = {
  id: "instance-missing-key",
  defaultSeverity: "error",
  description: "An instance the driver creates lacks its Name, IsPolled or CoreAffinity key",
  fixAvailability: "never",
  check(context) {
    // QAT 1.5's driver reads instances its own way; it is not checked here.
    if (context.family?.generation === "1.5") return;
    for (const section of instanceSectionsOf(context)) {
      if (!isProcessed(section)) continue;
      for (const kind of ["cy", "dc"] as const) {
        if (kindEnabled(context, kind) === false) continue;
        const counted = section.instances.filter((d) => d.kind === kind && d.counted);
        const bare = counted.filter((d) => d.keys.size === 0);
        if (bare.length > 0) reportBare(context, section, bare);
        for (const d of counted) if (d.keys.size > 0) reportPartial(context, d);
      }
    }
  },
};

/** Counted instances with no key at all: one finding on the count that asks for them. */
function reportBare(context: RuleContext, section: InstanceSection, bare: readonly InstanceDeclaration[]): void {
  const first = bare[0] as InstanceDeclaration;
  const kind = first.kind;
  const setting = kind === "cy" ? section.numberCy : section.numberDc;
  const labels =
    bare.length === 1
      ? first.label
      : `${first.label} to ${(bare[bare.length - 1] as InstanceDeclaration).label} (${bare.length})`;
  context.report({
    message: `${COUNT_KEY[kind]} = ${setting?.value ?? 0} in [${section.name}] asks for ${labels}, which ${bare.length === 1 ? "has" : "have"} no keys: the driver stops with "Failed to create rings for ${kind}"`,
    hint: `write ${first.label}Name, ${first.label}IsPolled and ${first.label}CoreAffinity (and likewise for the others), or lower ${COUNT_KEY[kind]}`,
    range: first.range,
  });
}

function reportPartial(context: RuleContext, d: InstanceDeclaration): void {
  const missing = REQUIRED.filter((r) => !d.keys.has(r.suffix));
  if (missing.length === 0) return;
  const names = missing.map((r) => `${d.label}${r.suffix}`);
  context.report({
    message: `${describeInstance(d)} has no ${names.join(", ")}: the driver stops with "Failed to create rings for ${d.kind}"`,
    hint: `add ${missing.map((r) => `${d.label}${r.example}`).join("; ")}`,
    range: d.range,
  });
}
