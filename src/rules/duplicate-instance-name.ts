import type { Rule } from "../lint/types.ts";
import { instanceSectionsOf } from "../model/instances.ts";
import type { InstanceDeclaration } from "../model/types.ts";

/**
 * Two instances of the same kind with the same Name in a section. The driver does not refuse them,
 * but the name is how instances are told apart: in its messages ("Don't have enough rings for
 * instance %s"), in `adf_ctl status`-style listings and by applications that pick an instance by
 * name, which then get whichever comes first.
 */
export const duplicateInstanceName: Rule = {
  id: "duplicate-instance-name",
  defaultSeverity: "warning",
  description: "Two instances of a section share the same Name",
  fixAvailability: "never",
  check(context) {
    for (const section of instanceSectionsOf(context)) {
      const seen = new Map<string, InstanceDeclaration>();
      for (const d of section.instances) {
        if (!d.counted || d.name === undefined) continue;
        const key = `${d.kind}\u0000${d.name}`;
        const first = seen.get(key);
        if (!first) {
          seen.set(key, d);
          continue;
        }
        context.report({
          message: `${d.label} in [${section.name}] has the same Name "${d.name}" as ${first.label}: messages and applications cannot tell them apart`,
          hint: `give ${d.label}Name a name of its own (for example "${d.name}${d.index}")`,
          range: d.keys.get("Name")?.range ?? d.range,
        });
      }
    }
  },
};
