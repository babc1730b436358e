import { suppressions } from "../lint/suppress.ts";
import type { Rule } from "../lint/types.ts";
import { closest, didYouMean } from "../text/suggest.ts";

/** A suppression comment naming a rule that does not exist silences nothing: say so. */
export const unknownRule: Rule = {
  id: "unknown-rule",
  defaultSeverity: "warning",
  description: "A qatconf-disable comment names a rule that does not exist",
  fixAvailability: "never",
  kinds: ["driver", "qatlib"],
  check(context) {
    for (const directive of suppressions(context.document).directives) {
      for (const rule of directive.rules) {
        if (context.ruleIds.has(rule.text)) continue;
        const hint = didYouMean(closest(rule.text, context.ruleIds));
        context.report({
          message: `unknown rule '${rule.text}' in a qatconf-disable comment: it silences nothing`,
          hint: hint ?? "run 'qatconf rules' for the list of rule ids",
          range: rule.range,
        });
      }
    }
  },
};
