import type { Rule } from "../lint/types.ts";
import { instanceSectionsOf } from "../model/instances.ts";

/**
 * A user section with instances and no NumProcesses. `adf_cfg_process_user_section` reads a missing
 * NumProcesses as 0 and makes no copy of the section: none of its instances exist, and a process
 * that starts with that section name finds no instance. An explicit `NumProcesses = 0` is taken as
 * meant (Intel's files use it to switch a section off).
 */
export const numProcessesMissing: Rule = {
  id: "num-processes-missing",
  defaultSeverity: "warning",
  description: "A user section declares instances but has no NumProcesses, so none are created",
  fixAvailability: "never",
  check(context) {
    for (const section of instanceSectionsOf(context)) {
      if (section.kernel || section.numProcesses) continue;
      const cy = section.numberCy?.value ?? 0;
      const dc = section.numberDc?.value ?? 0;
      if (cy <= 0 && dc <= 0) continue;
      const header = section.views[0]?.node.header;
      if (!header) continue;
      context.report({
        message: `[${section.name}] declares ${cy} Cy and ${dc} Dc instances but has no NumProcesses: the driver counts 0 processes and creates none of them`,
        hint: `add NumProcesses = <how many processes use [${section.name}]> (1 for a single process)`,
        range: header.range,
      });
    }
  },
};
