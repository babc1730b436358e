import type { Rule } from "../lint/types.ts";

/**
 * A section header written twice. adf_ctl of QAT 1.7 and later merges the two into one section (a
 * key set in both keeps its first value); QAT 1.5's adf_ctl keeps both and looks up the later one.
 * Either way the file does not say what its reader thinks it says.
 */
export const duplicateSection: Rule = {
  id: "duplicate-section",
  defaultSeverity: "warning",
  description: "The same [Section] header appears more than once",
  fixAvailability: "never",
  check(context) {
    const qat15 = context.family?.generation === "1.5";
    for (const [name, sections] of context.view.sectionsByName()) {
      const first = sections[0];
      if (!first) continue;
      const firstLine = first.node.header.range.start.line;
      for (const again of sections.slice(1)) {
        context.report({
          message: qat15
            ? `[${name}] appears again (first at line ${firstLine}): QAT 1.5's adf_ctl keeps both sections and looks up the later one`
            : `[${name}] appears again (first at line ${firstLine}): adf_ctl merges both into one section, and a key set in both keeps its first value`,
          hint: `move these keys into the [${name}] section at line ${firstLine} and delete this header`,
          range: again.node.header.name.range,
        });
      }
    }
  },
};
