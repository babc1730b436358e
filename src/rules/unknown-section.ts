import type { SectionView } from "../config/view.ts";
import { fix, replace } from "../fixes.ts";
import type { Rule, RuleContext } from "../lint/types.ts";
import { meantSections } from "../model/key-suggestions.ts";
import { instanceKey, sectionKind } from "../model/keys.ts";
import { didYouMean } from "../text/suggest.ts";

/**
 * Every section the driver does not know by name is a user process section to it (FreeBSD
 * `adf_cfg_process_section`), so a misspelt [GENRAL] is not an error to the driver: its keys are just
 * never read. This rule reports names that look like a misspelt special section, and sections that
 * cannot be a user process section either (no NumProcesses, no instances): nothing in them is used.
 */
export const unknownSection: Rule = {
  id: "unknown-section",
  defaultSeverity: "warning",
  description: "A section name that looks misspelt, or a section the driver never uses",
  fixAvailability: "sometimes",
  fixApplicability: "unsafe",
  check(context) {
    const seen = new Set<string>();
    for (const section of context.view.sections) {
      if (seen.has(section.name)) continue;
      seen.add(section.name);
      if (sectionKind(section.name) !== "user") continue;
      checkUserSection(context, section);
    }
  },
};

function checkUserSection(context: RuleContext, section: SectionView): void {
  const name = section.name;
  const range = section.node.header.name.range;
  const suggestions = meantSections(section);
  if (suggestions.length > 0) {
    const only = suggestions.length === 1 ? suggestions[0] : undefined;
    context.report({
      message: `[${name}] is not a section the driver knows (names are case-sensitive): it is read as a user process section and its keys are ignored`,
      hint: didYouMean(suggestions) ?? "check the section name",
      range,
      ...(only === undefined ? {} : { fix: fix(`rename to [${only}]`, replace(range, only)) }),
    });
    return;
  }
  if (!declaresInstances(section)) {
    context.report({
      message: `[${name}] is neither a section the driver knows nor a user process section (no NumProcesses, no instances): nothing in it is used`,
      hint: "for a user process section add NumProcesses, NumberCyInstances and NumberDcInstances; otherwise delete the section",
      range,
    });
  }
}

function declaresInstances(section: SectionView): boolean {
  if (section.has("NumProcesses") || section.has("NumberCyInstances") || section.has("NumberDcInstances")) return true;
  return section.keys().some((k) => instanceKey(k) !== undefined);
}
