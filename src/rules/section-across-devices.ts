import { endOfFile } from "../lint/rule-support/ranges.ts";
import { hostPfFile, shortName } from "../lint/rule-support/set-files.ts";
import type { SetFile, SetRule } from "../lint/types.ts";

/**
 * A user section that some device files of a host offer and others of the same generation do not.
 * An application starts its QAT process on a section name (`icp_sal_userStart("SSL")`) and, unless
 * the section limits it to one device (`LimitDevAccess = 1`), takes instances on every device whose
 * file has that section: a device whose file lacks it gives the application nothing, so its load
 * is spread over fewer devices than the host has.
 */
export const sectionAcrossDevices: SetRule = {
  id: "section-across-devices",
  defaultSeverity: "warning",
  description: "A user section spread over all devices is missing from one device's file",
  fixAvailability: "never",
  checkSet(context) {
    const byGeneration = new Map<string, SetFile[]>();
    for (const file of context.files) {
      if (!hostPfFile(file) || !file.family || !file.device) continue;
      const list = byGeneration.get(file.family.generation) ?? [];
      list.push(file);
      byGeneration.set(file.family.generation, list);
    }
    for (const files of byGeneration.values()) {
      if (files.length < 2) continue;
      for (const [name, having] of spreadSections(files)) {
        for (const file of files) {
          if (having.includes(file) || file.device?.sections.some((s) => s.name === name)) continue;
          context.report(file, {
            message: `[${name}] is offered by ${having.map(shortName).join(", ")} but not by ${shortName(file)}: an application started on ${name} gets no instance on this device`,
            hint: `add a [${name}] section to ${shortName(file)} (qatconf add-instance --section ${name}), or set LimitDevAccess = 1 in the others if the application is meant for one device`,
            range: endOfFile(file.document),
          });
        }
      }
    }
  },
};

/** The user sections spread over every device (processes, no LimitDevAccess), and the files offering each. */
function spreadSections(files: readonly SetFile[]): Map<string, SetFile[]> {
  const offered = new Map<string, SetFile[]>();
  for (const file of files) {
    for (const section of file.device?.sections ?? []) {
      if (section.kernel || section.processes === 0 || section.limitDevAccess) continue;
      const list = offered.get(section.name) ?? [];
      list.push(file);
      offered.set(section.name, list);
    }
  }
  return offered;
}
