import { fix, replace } from "../fixes.ts";
import type { Rule } from "../lint/types.ts";
import { assignments, QATLIB_VARIABLES } from "../qatlib/sysconfig.ts";
import { closest, didYouMean } from "../text/suggest.ts";

const KNOWN = Object.keys(QATLIB_VARIABLES);

/**
 * A variable nothing of qatlib reads. systemd passes every variable of the file to qat_init.sh and
 * qatmgr, which look at POLICY, ServicesEnabled, VFIO_DRIVER, QAT_USER_GROUP and LKCF_LIST only, by
 * exact name: `ServiceEnabled` or `policy` is silently ignored.
 */
export const qatlibUnknownVariable: Rule = {
  id: "qatlib-unknown-variable",
  defaultSeverity: "warning",
  description: "A variable in /etc/sysconfig/qat that qatlib does not read (misspelt, wrong case)",
  fixAvailability: "sometimes",
  fixApplicability: "unsafe",
  kinds: ["qatlib"],
  check(context) {
    for (const [name, entries] of assignments(context.document)) {
      if (KNOWN.includes(name)) continue;
      const suggestions = closest(name, KNOWN);
      const only = suggestions.length === 1 ? suggestions[0] : undefined;
      for (const entry of entries) {
        context.report({
          message: `qatlib does not read '${name}': the line does nothing`,
          hint: didYouMean(suggestions) ?? `qatlib reads ${KNOWN.join(", ")}`,
          range: entry.key.range,
          ...(only ? { fix: fix(`rename to ${only}`, replace(entry.key.range, only)) } : {}),
        });
      }
    }
  },
};
