import type { Rule } from "../lint/types.ts";

/**
 * The grammar's findings (`parse` diagnostics) as a rule, so that they are reported, configured and
 * documented like every other finding. Errors cannot be turned off or suppressed: a line that does
 * not parse means the rest of the checks see a file that is not what the driver will read.
 */
export const syntax: Rule = {
  id: "syntax",
  defaultSeverity: "error",
  description: "Lines the driver's reader cannot parse: no '=', an unclosed '[' or quote, a NUL byte",
  fixAvailability: "never",
  kinds: ["driver", "qatlib"],
  check(context) {
    for (const d of context.document.diagnostics) {
      const { ruleId: _ruleId, ...rest } = d;
      context.report(rest);
    }
  },
};
