import type { Rule, RuleContext } from "../lint/types.ts";
import { COUNT_KEY, instanceSectionsOf } from "../model/instances.ts";
import type { InstanceDeclaration, InstanceSection } from "../model/types.ts";

/**
 * Instance keys past the count. The driver creates `Cy0` to `Cy<n-1>` for `NumberCyInstances = n`
 * (`adf_cfg_create_rings_entries_for_cy_inst`: `for (i = 0; i < num_inst; i++)`) and never reads
 * keys of higher numbers: they are silently ignored. A gap in the numbering (`Cy0`, `Cy2`) is the
 * usual cause: the instance written as `Cy2` is not created, and `Cy1`, which is, has no keys.
 */
export const instanceNumbering: Rule = {
  id: "instance-numbering",
  defaultSeverity: "warning",
  description: "Instance keys numbered at or past the section's instance count, which the driver ignores",
  fixAvailability: "never",
  check(context) {
    for (const section of instanceSectionsOf(context)) {
      for (const d of section.instances) {
        if (!d.counted && d.keys.size > 0) report(context, section, d);
      }
    }
  },
};

function report(context: RuleContext, section: InstanceSection, d: InstanceDeclaration): void {
  const key = COUNT_KEY[d.kind];
  const setting = d.kind === "cy" ? section.numberCy : section.numberDc;
  const n = setting?.value ?? 0;
  const prefix = d.label.slice(0, 2);
  const created = n === 0 ? "none" : n === 1 ? `${prefix}0 only` : `${prefix}0 to ${prefix}${n - 1}`;
  const gap = firstGap(section, d);
  const why = setting ? `${key} = ${n} creates ${created}` : `[${section.name}] has no ${key}, so it creates none`;
  context.report({
    message: `the ${d.label} keys of [${section.name}] are ignored: ${why}`,
    hint:
      gap === undefined
        ? `raise ${key} to ${d.index + 1} if ${d.label} is wanted, or delete its keys`
        : `${prefix}${gap} has no keys: renumber ${d.label} as ${prefix}${gap}, or raise ${key} to ${d.index + 1}`,
    range: d.range,
  });
}

/** The lowest counted number of the same kind that has no keys, below `d`'s number. */
function firstGap(section: InstanceSection, d: InstanceDeclaration): number | undefined {
  return section.instances.find((o) => o.kind === d.kind && o.counted && o.keys.size === 0 && o.index < d.index)?.index;
}
